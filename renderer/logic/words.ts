// Turns template rules and saved answers into sentences, in the reader's language.
import type { FrequencyRule, Item, SchoolType, Target } from '../../shared/template/schema';
import type { AnswerValue } from '../../shared/domain/answer';
import type { Reason } from '../../shared/domain/status';
import type { Locale } from '../../shared/domain/settings';
import { formatNumber, pick } from './format';

/** The part of i18next's `t` these helpers need (keeps them testable with a plain i18next instance). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type ItemOf<T extends Item['type']> = Extract<Item, { type: T }>;

/** The target that applies to this school: an override for its type wins over the default. */
export function effectiveTarget(item: ItemOf<'number'> | ItemOf<'percentage'>, schoolType: SchoolType | undefined): Target | undefined {
  const override = schoolType ? item.targetOverrides?.find((o) => o.schoolTypes.includes(schoolType)) : undefined;
  return override?.target ?? item.target;
}

export function targetInWords(target: Target, unit: string, t: Translate, locale: Locale): string {
  const n = (v: number) => formatNumber(v, locale);
  // "95%" is written solid in both languages; other units take a space in English only.
  const u = unit === '%' || locale !== 'en' ? unit : ` ${unit}`;
  switch (target.op) {
    case 'gte':
      return t('target.gte', { value: n(target.value), unit: u });
    case 'lte':
      return t('target.lte', { value: n(target.value), unit: u });
    case 'eq':
      return t('target.eq', { value: n(target.value), unit: u });
    case 'between':
      return t('target.between', { min: n(target.min), max: n(target.max), unit: u });
  }
}

export function frequencyInWords(rule: FrequencyRule, kindLabel: string, t: Translate): string {
  return t('frequency.rule', { min: rule.min, per: t(`frequency.per.${rule.per}`), kind: kindLabel });
}

/** What the item expects, in one sentence (shown on the item page and in exports of the screen). */
export function expectationInWords(item: Item, schoolType: SchoolType | undefined, t: Translate, locale: Locale, kindLabel = ''): string {
  switch (item.type) {
    case 'yes_no':
      return t(item.expected ? 'expect.yes' : 'expect.no');
    case 'number': {
      const target = effectiveTarget(item, schoolType);
      return target ? targetInWords(target, pick(item.unit, locale), t, locale) : t('expect.record');
    }
    case 'percentage': {
      const target = effectiveTarget(item, schoolType);
      return target ? targetInWords(target, '%', t, locale) : t('expect.record');
    }
    case 'event_log':
      return frequencyInWords(item.frequency, kindLabel, t);
    case 'single_choice': {
      const good = item.options.filter((o) => o.meets).map((o) => pick(o.label, locale));
      return t('expect.oneOf', { options: good.join(t('list.or')) });
    }
    case 'multi_choice': {
      const required = item.options.filter((o) => item.required.includes(o.value)).map((o) => pick(o.label, locale));
      return required.length > 0
        ? t('expect.allOf', { options: required.join(t('list.sep')), min: item.minSelected })
        : t('expect.atLeast', { min: item.minSelected });
    }
    case 'text':
      return t('expect.text');
    case 'checklist':
      return t('expect.allParts', { n: item.parts.length });
  }
}

/** A saved value in words, e.g. for the history panel. */
export function valueInWords(item: Item, value: AnswerValue | null, t: Translate, locale: Locale): string {
  if (value === null) return t('value.cleared');
  switch (value.type) {
    case 'yes_no':
      return t(value.value ? 'value.yes' : 'value.no');
    case 'number':
      return `${formatNumber(value.value, locale)}${item.type === 'number' ? `${locale === 'en' ? ' ' : ''}${pick(item.unit, locale)}` : ''}`;
    case 'percentage':
      return `${formatNumber(value.value, locale)}%`;
    case 'single_choice': {
      const option = item.type === 'single_choice' ? item.options.find((o) => o.value === value.value) : undefined;
      return option ? pick(option.label, locale) : value.value;
    }
    case 'multi_choice': {
      if (value.values.length === 0) return t('value.noneChosen');
      const options = item.type === 'multi_choice' ? item.options : [];
      return value.values.map((v) => { const o = options.find((x) => x.value === v); return o ? pick(o.label, locale) : v; }).join(t('list.sep'));
    }
    case 'text':
      return value.value.length > 80 ? `${value.value.slice(0, 80)}…` : value.value || t('value.empty');
    case 'checklist': {
      const total = item.type === 'checklist' ? item.parts.length : value.parts.length;
      return t('value.parts', { done: value.parts.length, total });
    }
    case 'event_log':
      return t('value.eventLog');
  }
}

/** Reason keys may come with or without their `reason.` namespace; params are interpolated. */
export function reasonInWords(reason: Reason, t: Translate): string {
  const key = reason.key.startsWith('reason.') ? reason.key : `reason.${reason.key}`;
  return t(key, { ...reason.params, defaultValue: t('reason.unknown', { key: reason.key }) });
}
