// The shipped v2 instruments and answers that meet every point, for the scoring tests.
import path from 'path';
import type { AnswerValue } from '../../shared/domain/answer';
import type { SchoolProfile } from '../../shared/domain/profile';
import type { ItemStatus } from '../../shared/domain/status';
import { effectiveTarget } from '../../shared/status/targets';
import { applicablePoints } from '../../shared/status/points';
import { TYPICAL_PROFILE } from '../../shared/status/instrumentSummary';
import type { Item, SchoolType, Template } from '../../shared/template/schema';
import { loadSeedTemplate, SEEDS_DIR } from '../../bag/template/seedTemplate';

export const SCHOOL_V2 = loadSeedTemplate(path.join(SEEDS_DIR, 'hunan-school-selfcheck-v2'));
export const KINDERGARTEN_V2 = loadSeedTemplate(path.join(SEEDS_DIR, 'hunan-kindergarten-selfcheck-v2'));
export const V1 = loadSeedTemplate(path.join(SEEDS_DIR, 'hunan-school-selfcheck'));
export const INSTRUMENTS: Template[] = [SCHOOL_V2, KINDERGARTEN_V2];

export const profileOf = (schoolType: SchoolType, over: Partial<SchoolProfile> = {}): SchoolProfile => ({ ...TYPICAL_PROFILE, schoolType, ...over });

/** A value that meets the item (its target exactly, every part, the meeting choice). */
export function meetingAnswer(item: Item, profile: SchoolProfile): AnswerValue | null {
  switch (item.type) {
    case 'yes_no':
      return { type: 'yes_no', value: item.expected };
    case 'number':
    case 'percentage': {
      const t = effectiveTarget(item, profile);
      const value = !t ? 1 : t.op === 'between' ? t.min : t.value;
      return item.type === 'number' ? { type: 'number', value } : { type: 'percentage', value };
    }
    case 'single_choice':
      return { type: 'single_choice', value: item.options.find((o) => o.meets)!.value };
    case 'multi_choice':
      return { type: 'multi_choice', values: item.options.map((o) => o.value) };
    case 'text':
      return { type: 'text', value: 'x'.repeat(Math.max(item.minLength, 1)) };
    case 'checklist':
      return { type: 'checklist', parts: item.parts.map((p) => p.value) };
    case 'event_log':
      return { type: 'event_log' };
  }
}

/** Statuses and answers of a school that meets every applicable point with enough evidence. */
export function allMet(t: Template, profile: SchoolProfile): { statuses: ItemStatus[]; answers: Record<string, AnswerValue | null> } {
  const statuses: ItemStatus[] = [];
  const answers: Record<string, AnswerValue | null> = {};
  for (const { item } of applicablePoints(t, profile)) {
    answers[item.code] = meetingAnswer(item, profile);
    const need = item.evidence.minCount;
    statuses.push({
      itemCode: item.code,
      status: 'met',
      reasons: [],
      evidenceCount: need,
      evidenceRequired: need,
      ...(item.type === 'event_log' ? { eventCount: 4, eventRequired: 4 } : {}),
    });
  }
  return { statuses, answers };
}

export const withStatus = (statuses: ItemStatus[], code: string, patch: Partial<ItemStatus>): ItemStatus[] =>
  statuses.map((s) => (s.itemCode === code ? { ...s, ...patch } : s));
