// Whether an item applies to the school, as a Reason the UI can say in words.
// The decision itself is shared/domain/applicability.ts; this file only words it.
import { notApplicableReason } from '../domain/applicability';
import type { SchoolProfile } from '../domain/profile';
import type { Reason } from '../domain/status';
import type { Item } from '../template/schema';
import { PROFILE_COUNT_WORDS, PROFILE_FLAG_WORDS } from './labels';
import { reason } from './reasonKeys';

/**
 * Null when the item applies, else why it does not.
 * Rule: without a profile every item applies (the school has not said what it is yet,
 * so nothing is hidden from it).
 */
export function notApplicable(item: Item, profile: SchoolProfile | null): Reason | null {
  if (!profile) return null;
  const why = notApplicableReason(item.applicability, profile);
  if (!why) return null;
  if (why.kind === 'schoolType')
    return reason('reason.na.schoolType', {
      schoolType: why.schoolType,
      allowed: (item.applicability?.schoolTypes ?? []).join(','),
    });
  const c = why.condition;
  if (c.kind === 'flag') {
    const words = PROFILE_FLAG_WORDS[c.field];
    const params = { field: c.field, fieldZh: words.zh, fieldEn: words.en };
    return c.equals ? reason('reason.na.condition.flagTrue', params) : reason('reason.na.condition.flagFalse', params);
  }
  const words = PROFILE_COUNT_WORDS[c.field];
  const params = { field: c.field, fieldZh: words.zh, fieldEn: words.en, value: c.value, actual: profile[c.field] };
  return c.op === 'gte' ? reason('reason.na.condition.countMin', params) : reason('reason.na.condition.countMax', params);
}
