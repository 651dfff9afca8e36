// An answer in words for the report, in the report's language: option labels
// instead of option codes, units after numbers.
import type { AnswerValue } from '../domain/answer';
import type { Locale } from '../domain/settings';
import type { Item } from '../template/schema';
import { interpolate, reportTexts } from './messages';

export function valueText(item: Item, value: AnswerValue, locale: Locale): string {
  const t = reportTexts[locale];
  const sep = locale === 'zh-CN' ? '、' : ', ';
  switch (value.type) {
    case 'yes_no':
      return value.value ? t.yes : t.no;
    case 'number': {
      const unit = item.type === 'number' ? item.unit[locale] : '';
      return `${value.value}${unit ? (locale === 'en' ? ' ' : '') + unit : ''}`;
    }
    case 'percentage':
      return `${value.value}%`;
    case 'single_choice':
      return optionLabel(item, value.value, locale);
    case 'multi_choice':
      return value.values.map((v) => optionLabel(item, v, locale)).join(sep);
    case 'text':
      return value.value;
    case 'checklist': {
      const total = item.type === 'checklist' ? item.parts.length : value.parts.length;
      const done = interpolate(t.partsDone, { done: value.parts.length, total });
      const labels = value.parts.map((p) => optionLabel(item, p, locale)).join(sep);
      return labels ? `${done}: ${labels}` : done;
    }
    case 'event_log':
      return t.eventLog;
  }
}

function optionLabel(item: Item, code: string, locale: Locale): string {
  const options = item.type === 'single_choice' || item.type === 'multi_choice' ? item.options : item.type === 'checklist' ? item.parts : [];
  return options.find((o) => o.value === code)?.label[locale] ?? code;
}
