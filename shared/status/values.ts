// An answered value against what the item asks for (every type but event_log).
//
// Rules:
// - No value (null or missing) is "unanswered". So is a text whose trimmed value
//   is empty, an answer saved for another item type, and a single choice whose
//   option no longer exists in the template (each with its own reason).
// - yes_no: met when value === expected, else not_met.
// - number / percentage: the effective target (see targets.ts) decides met or
//   not_met; there is no "partly" for a figure. No target: met once answered.
// - single_choice: the chosen option's `meets` decides met or not_met.
// - multi_choice: met when every `required` option is chosen and at least
//   `minSelected` options are; otherwise not_met with every shortfall listed.
//   An empty selection is an answer ("none of these"). Unknown values are ignored.
// - text: met when the trimmed text has at least `minLength` characters
//   (counted as Unicode code points, so a Chinese character counts once).
// - checklist: all parts ticked = met, some = partly_met ("3 of 5"), none = not_met.
//   Unknown and repeated parts are ignored.
import type { AnswerValue } from '../domain/answer';
import type { SchoolProfile } from '../domain/profile';
import type { ItemStatusKind, Reason } from '../domain/status';
import type { Item } from '../template/schema';
import { reason } from './reasonKeys';
import { effectiveTarget, meetsTarget, missedTargetReason, unitParams } from './targets';

export interface Judgement {
  status: ItemStatusKind;
  /** The main reason first. */
  reasons: Reason[];
}

type AnswerableItem = Exclude<Item, { type: 'event_log' }>;

// Fresh objects each time: the caller appends evidence reasons to the list.
const unanswered = (): Judgement => ({ status: 'unanswered', reasons: [reason('reason.unanswered')] });
const met = (): Judgement => ({ status: 'met', reasons: [reason('reason.met.value')] });
const notMet = (...reasons: Reason[]): Judgement => ({ status: 'not_met', reasons });

export function judgeValue(item: AnswerableItem, value: AnswerValue | null | undefined, profile: SchoolProfile | null): Judgement {
  if (value == null) return unanswered();
  if (value.type !== item.type)
    return { status: 'unanswered', reasons: [reason('reason.unanswered.wrongType', { expected: item.type, got: value.type })] };

  // The type check above pairs each item with its own answer shape.
  switch (item.type) {
    case 'yes_no': {
      const v = value as Extract<AnswerValue, { type: 'yes_no' }>;
      if (v.value === item.expected) return met();
      return notMet(reason(item.expected ? 'reason.yesNo.no' : 'reason.yesNo.yes'));
    }
    case 'number':
    case 'percentage': {
      const v = value as Extract<AnswerValue, { type: 'number' | 'percentage' }>;
      const target = effectiveTarget(item, profile);
      if (!target) return { status: 'met', reasons: [reason('reason.met.noTarget')] };
      return meetsTarget(v.value, target) ? met() : notMet(missedTargetReason(v.value, target, unitParams(item)));
    }
    case 'single_choice': {
      const v = value as Extract<AnswerValue, { type: 'single_choice' }>;
      const option = item.options.find((o) => o.value === v.value);
      if (!option) return { status: 'unanswered', reasons: [reason('reason.choice.unknownOption', { option: v.value })] };
      if (option.meets) return met();
      return notMet(
        reason('reason.choice.notMeeting', { option: option.value, optionZh: option.label['zh-CN'], optionEn: option.label.en }),
      );
    }
    case 'multi_choice': {
      const v = value as Extract<AnswerValue, { type: 'multi_choice' }>;
      const chosen = new Set(v.values.filter((x) => item.options.some((o) => o.value === x)));
      const missing = item.options.filter((o) => item.required.includes(o.value) && !chosen.has(o.value));
      const reasons: Reason[] = [];
      if (missing.length > 0)
        reasons.push(
          reason('reason.multi.missingRequired', {
            missing: missing.map((o) => o.value).join(','),
            missingZh: missing.map((o) => o.label['zh-CN']).join('、'),
            missingEn: missing.map((o) => o.label.en).join(', '),
          }),
        );
      if (chosen.size < item.minSelected) reasons.push(reason('reason.multi.tooFew', { have: chosen.size, need: item.minSelected }));
      return reasons.length === 0 ? met() : notMet(...reasons);
    }
    case 'text': {
      const v = value as Extract<AnswerValue, { type: 'text' }>;
      const length = [...v.value.trim()].length;
      if (length === 0) return unanswered();
      return length >= item.minLength ? met() : notMet(reason('reason.text.tooShort', { have: length, need: item.minLength }));
    }
    case 'checklist': {
      const v = value as Extract<AnswerValue, { type: 'checklist' }>;
      const ticked = new Set(v.parts);
      const missing = item.parts.filter((p) => !ticked.has(p.value));
      const have = item.parts.length - missing.length;
      if (missing.length === 0) return met();
      if (have === 0) return notMet(reason('reason.checklist.none', { need: item.parts.length }));
      return {
        status: 'partly_met',
        reasons: [
          reason('reason.checklist.partial', {
            have,
            need: item.parts.length,
            missing: missing.map((p) => p.value).join(','),
            missingZh: missing.map((p) => p.label['zh-CN']).join('、'),
            missingEn: missing.map((p) => p.label.en).join(', '),
          }),
        ],
      };
    }
  }
}
