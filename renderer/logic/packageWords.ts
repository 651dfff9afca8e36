// Words for what the package back end reports in its own (language-neutral or English) form.
import type { Locale } from '../../shared/domain/settings';
import { formatDate } from './format';
import type { Translate } from './words';

/**
 * The back end names the school's own keys in English ("this school", "this school (retired
 * 2024-05-01)"); those are put in the reader's words here. Labels someone typed for a
 * trusted key are shown as they are.
 */
export function trustLabelInWords(label: string, t: Translate): string {
  if (label === 'this school') return t('keyLabel.own');
  const retired = /^this school \(retired (\d{4}-\d{2}-\d{2})\)$/.exec(label);
  return retired ? t('keyLabel.ownRetired', { date: retired[1] }) : label;
}

/** "2024-09-01/2025-08-31" as two dates in the reader's format. */
export function periodInWords(period: string, locale: Locale): string {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(period);
  return m?.[1] && m[2] ? `${formatDate(m[1], locale)} – ${formatDate(m[2], locale)}` : period;
}
