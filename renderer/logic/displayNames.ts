// Stored words shown in the user's language. An assessment's label and the default
// "who is filling in" are saved in Chinese (the wizard writes "2026–2027 学年", the
// default user is "校长"); English mode showed them as they were stored. Labels in the
// wizard's own pattern are re-worded; anything the user typed stays as typed.
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import type { Translate } from './words';

const LABEL = /^(\d{4})–(\d{4}) 学年(第一学期|第二学期)?$/;

export function assessmentLabel(label: string, t: Translate): string {
  const m = LABEL.exec(label);
  if (!m) return label;
  const key = m[3] === '第一学期' ? 'assessment.labelAutumn' : m[3] === '第二学期' ? 'assessment.labelSpring' : 'assessment.labelYear';
  return t(key, { from: m[1], to: m[2] });
}

export function userLabel(name: string, t: Translate): string {
  return name === DEFAULT_SETTINGS.userName ? t('display.principal') : name;
}
