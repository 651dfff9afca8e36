// One answer control per item type. Each calls onChange with the new value and how to save it.
import { toHalfWidthDigits } from '../../../shared/text/halfWidth';
import { useEffect, useId, useState } from 'react';
import type { Item } from '../../../shared/template/schema';
import type { AnswerValue } from '../../../shared/domain/answer';
import { useT } from '../../i18n/setup';
import { pick } from '../../logic/format';
import type { SaveMode } from './useAnswerDraft';

interface Props {
  item: Exclude<Item, { type: 'event_log' }>;
  value: AnswerValue | null;
  onChange: (value: AnswerValue | null, mode: SaveMode) => void;
  disabled: boolean;
  label: string;
}

/** Number fields keep the typed text, so "12." or "" can be typed through; only valid numbers are saved. */
function NumberAnswer({ value, onChange, disabled, unit, percent, label }: { value: number | null; onChange: (n: number | null) => void; disabled: boolean; unit: string; percent: boolean; label: string }) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText((old) => (Number(toHalfWidthDigits(old)) === value && old.trim() !== '' ? old : value === null ? '' : String(value)));
  }, [value]);
  const [negative, setNegative] = useState(false);
  const onText = (typed: string) => {
    setText(typed);
    // A Chinese input method may type full-width digits (１４３): they are digits all the same.
    const s = toHalfWidthDigits(typed);
    if (s.trim() === '') {
      setInvalid(false);
      onChange(null);
      return;
    }
    const n = Number(s);
    // Counts (lessons, staff, books) cannot be negative; the back end refuses them too.
    const below = Number.isFinite(n) && n < 0;
    const bad = !Number.isFinite(n) || below || (percent && n > 100);
    setInvalid(bad);
    setNegative(below && !percent);
    if (!bad) onChange(n);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-unit">
        <input id={id} type="text" inputMode="decimal" value={text} disabled={disabled} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${id}-err` : undefined} onChange={(e) => onText(e.target.value)} />
        <span className="unit">{unit}</span>
      </div>
      {invalid && (
        <p id={`${id}-err`} className="field-error">
          {percent ? t('answer.percentRange') : negative ? t('minimum.notNegative') : t('answer.numberInvalid')}
        </p>
      )}
    </div>
  );
}

export function AnswerControl({ item, value, onChange, disabled, label }: Props) {
  const { t, locale } = useT();
  const name = useId();
  switch (item.type) {
    case 'yes_no': {
      const v = value?.type === 'yes_no' ? value.value : null;
      return (
        <fieldset className="radios" disabled={disabled}>
          <legend>{label}</legend>
          {[true, false].map((b) => (
            <label key={String(b)} className="check choice">
              <input type="radio" name={name} checked={v === b} onChange={() => onChange({ type: 'yes_no', value: b }, 'now')} />
              {t(b ? 'value.yes' : 'value.no')}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'number':
      return <NumberAnswer label={label} value={value?.type === 'number' ? value.value : null} unit={pick(item.unit, locale)} percent={false} disabled={disabled} onChange={(n) => onChange(n === null ? null : { type: 'number', value: n }, 'typing')} />;
    case 'percentage':
      return <NumberAnswer label={label} value={value?.type === 'percentage' ? value.value : null} unit="%" percent disabled={disabled} onChange={(n) => onChange(n === null ? null : { type: 'percentage', value: n }, 'typing')} />;
    case 'single_choice': {
      const v = value?.type === 'single_choice' ? value.value : null;
      return (
        <fieldset className="radios stacked" disabled={disabled}>
          <legend>{label}</legend>
          {item.options.map((o) => (
            <label key={o.value} className="check choice">
              <input type="radio" name={name} checked={v === o.value} onChange={() => onChange({ type: 'single_choice', value: o.value }, 'now')} />
              {pick(o.label, locale)}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'multi_choice': {
      const chosen = value?.type === 'multi_choice' ? value.values : [];
      const toggle = (v: string) => onChange({ type: 'multi_choice', values: chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v] }, 'now');
      return (
        <fieldset className="radios stacked" disabled={disabled}>
          <legend>{label}</legend>
          {item.options.map((o) => (
            <label key={o.value} className="check choice">
              <input type="checkbox" checked={chosen.includes(o.value)} onChange={() => toggle(o.value)} />
              {pick(o.label, locale)}
              {item.required.includes(o.value) && <span className="required-mark">{t('answer.required')}</span>}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'checklist': {
      const done = value?.type === 'checklist' ? value.parts : [];
      const toggle = (v: string) => onChange({ type: 'checklist', parts: done.includes(v) ? done.filter((x) => x !== v) : [...done, v] }, 'now');
      return (
        <fieldset className="radios stacked" disabled={disabled}>
          <legend>{label}</legend>
          {item.parts.map((p) => (
            <label key={p.value} className="check choice">
              <input type="checkbox" checked={done.includes(p.value)} onChange={() => toggle(p.value)} />
              {pick(p.label, locale)}
            </label>
          ))}
          <p className="muted">{t('value.parts', { done: done.length, total: item.parts.length })}</p>
        </fieldset>
      );
    }
    case 'text': {
      const v = value?.type === 'text' ? value.value : '';
      return (
        <div className="field">
          <label htmlFor={name}>{label}</label>
          <textarea id={name} rows={5} value={v} disabled={disabled} maxLength={20_000} onChange={(e) => onChange(e.target.value === '' ? null : { type: 'text', value: e.target.value }, 'typing')} />
        </div>
      );
    }
  }
}
