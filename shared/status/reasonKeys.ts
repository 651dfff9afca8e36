// Every reason the status logic can give, with the parameters it fills in.
// The list is the contract with the translations (shared/i18n/reasons.ts must
// have a message for each key in both languages) and `reason()` only accepts
// the parameters declared here, so a message can rely on them.
//
// Conventions for parameters:
// - plain names (`have`, `need`, `option`, `missing`, ...) are language-neutral:
//   numbers, item option codes, dates and 'YYYY-MM' month labels;
// - names ending in `Zh` / `En` are the same thing in words for zh-CN / en,
//   taken from the template (option labels, units) or from shared/status/labels.ts.
import type { Reason } from '../domain/status';

const valueParams = ['value', 'target', 'unitZh', 'unitEn'] as const;
const fieldParams = ['field', 'fieldZh', 'fieldEn'] as const;
const coverageParams = ['covered', 'required', 'missing'] as const;

export const REASON_PARAMS = {
  // Met.
  'reason.met.value': [],
  'reason.met.noTarget': [],
  'reason.met.events': ['have', 'need'],
  // The answer meets the target but the item is held back by something else (evidence).
  'reason.met.answerOnly': [],
  // Unanswered.
  'reason.unanswered': [],
  'reason.unanswered.wrongType': ['expected', 'got'],
  'reason.choice.unknownOption': ['option'],
  'reason.events.noneYet': [],
  // The value does not meet the target.
  'reason.value.belowTarget': valueParams,
  'reason.value.aboveTarget': valueParams,
  'reason.value.notEqual': valueParams,
  'reason.value.outOfRange': ['value', 'min', 'max', 'unitZh', 'unitEn'],
  'reason.yesNo.no': [],
  'reason.yesNo.yes': [],
  'reason.choice.notMeeting': ['option', 'optionZh', 'optionEn'],
  'reason.multi.missingRequired': ['missing', 'missingZh', 'missingEn'],
  'reason.multi.tooFew': ['have', 'need'],
  'reason.text.tooShort': ['have', 'need'],
  'reason.checklist.partial': ['have', 'need', 'missing', 'missingZh', 'missingEn'],
  'reason.checklist.none': ['need'],
  // Events against the frequency rule.
  'reason.events.short': ['have', 'need'],
  'reason.events.inProgress': ['have', 'need', 'due'],
  'reason.events.monthsMissing': coverageParams,
  'reason.events.quartersMissing': coverageParams,
  'reason.events.termsMissing': coverageParams,
  'reason.events.upcoming': ['count', 'unitZh', 'unitEn'],
  'reason.events.beforeStart': ['count', 'unitZh', 'unitEn'],
  // Evidence files against the requirement.
  'reason.evidence.short': ['have', 'need'],
  // Not applicable to this school.
  'reason.na.schoolType': ['schoolType', 'allowed'],
  'reason.na.condition.flagTrue': fieldParams,
  'reason.na.condition.flagFalse': fieldParams,
  'reason.na.condition.countMin': [...fieldParams, 'value', 'actual'],
  'reason.na.condition.countMax': [...fieldParams, 'value', 'actual'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonKey = keyof typeof REASON_PARAMS;
export const REASON_KEYS = Object.keys(REASON_PARAMS) as ReasonKey[];

export type ReasonParams<K extends ReasonKey> = Record<(typeof REASON_PARAMS)[K][number], string | number>;

/** Builds a Reason whose parameters are checked against the declaration above. */
export function reason<K extends ReasonKey>(key: K, ...params: (typeof REASON_PARAMS)[K] extends readonly [] ? [] : [ReasonParams<K>]): Reason {
  return { key, params: params[0] ?? {} };
}
