// Whether an item applies to a school, and why not when it does not.
import type { Applicability, ProfileCondition, ProfileFlag } from '../template/schema';
import type { SchoolProfile } from './profile';

export type NotApplicableReason =
  | { kind: 'schoolType'; schoolType: SchoolProfile['schoolType'] }
  | { kind: 'condition'; condition: ProfileCondition };

/** A flag of the profile; the v2 ones derive from optional fields, unset = false. */
export function profileFlag(p: SchoolProfile, field: ProfileFlag): boolean {
  switch (field) {
    case 'privateSchool':
      return p.ownership === 'private';
    case 'rural':
      return p.locality === 'rural';
    case 'teachingPoint':
      return p.teachingPoint === true;
    default:
      return p[field];
  }
}

export function conditionHolds(c: ProfileCondition, p: SchoolProfile): boolean {
  switch (c.kind) {
    case 'flag':
      return profileFlag(p, c.field) === c.equals;
    case 'count':
      return c.op === 'gte' ? p[c.field] >= c.value : p[c.field] <= c.value;
  }
}

/** Returns null when the item applies, else the first reason it does not. */
export function notApplicableReason(a: Applicability | undefined, p: SchoolProfile): NotApplicableReason | null {
  if (!a) return null;
  if (a.schoolTypes && !a.schoolTypes.includes(p.schoolType)) return { kind: 'schoolType', schoolType: p.schoolType };
  for (const c of a.conditions ?? []) if (!conditionHolds(c, p)) return { kind: 'condition', condition: c };
  return null;
}
