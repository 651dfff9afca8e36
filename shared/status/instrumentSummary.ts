// What an instrument asks of each school type: how many points, the score
// total, the key (veto) items, and the burden — evidence files and event
// entries a year. Pure; `selfcheck template summary` prints it and the tests
// check the figures the closing note quotes.
//
// Rules:
// - Figures are for a typical school of the type: a public day school in a
//   town, with a canteen, no school bus, 300 pupils in 10 classes, no pupils
//   with disabilities (TYPICAL_PROFILE). pointsRange gives the fewest and most
//   points over every profile that changes applicability (profileVariants).
// - evidenceFiles = Σ evidence.minCount of the applicable points.
// - eventEntries = Σ over event points of min × units a school year: month =
//   12 − holiday months, quarter 4, term 2, school year and period 1, week =
//   the calendar's school weeks (school days ÷ 5, rounded up) or 40 without one.
import type { SchoolProfile } from '../domain/profile';
import { schoolDays } from '../template/instrument';
import { SCHOOL_TYPES, type FrequencyRule, type ProfileCondition, type SchoolType, type Template } from '../template/schema';
import { allocatePoints, applicablePoints } from './points';
import { notApplicableReason } from '../domain/applicability';

export const TYPICAL_PROFILE: Omit<SchoolProfile, 'schoolType'> = {
  name: 'Typical school',
  code: '1000000000',
  county: '-',
  students: 300,
  classes: 10,
  staff: 25,
  boarding: false,
  hasSchoolBus: false,
  hasCanteen: true,
  studentsWithDisabilities: 0,
  ownership: 'public',
  locality: 'town',
  teachingPoint: false,
};

export interface InstrumentSummary {
  template: string;
  version: string;
  schoolType: SchoolType;
  scored: boolean;
  /** Applicable points (items) for the typical school. */
  points: number;
  pointsRange: [number, number];
  /** Score total (100 for a scored instrument; null for a v1 checklist, which has none). */
  total: number | null;
  keyItems: string[];
  notScored: string[];
  evidenceFiles: number;
  eventEntries: number;
}

function conditionsOf(t: Template): ProfileCondition[] {
  return t.areas.flatMap((a) => a.items.flatMap((i) => i.applicability?.conditions ?? []));
}

/**
 * One profile per combination of the condition outcomes the template can test:
 * each flag true and false, each count just below and at every threshold.
 */
export function profileVariants(t: Template, schoolType: SchoolType): SchoolProfile[] {
  const flags = new Set<string>();
  const counts = new Map<string, Set<number>>();
  for (const c of conditionsOf(t)) {
    if (c.kind === 'flag') flags.add(c.field);
    else {
      const set = counts.get(c.field) ?? new Set<number>([0]);
      const edge = c.op === 'gte' ? c.value : c.value + 1;
      set.add(edge);
      set.add(Math.max(0, edge - 1));
      counts.set(c.field, set);
    }
  }
  let out: SchoolProfile[] = [{ ...TYPICAL_PROFILE, schoolType }];
  const expand = (apply: (p: SchoolProfile, v: number | boolean) => SchoolProfile, values: (number | boolean)[]): void => {
    out = out.flatMap((p) => values.map((v) => apply(p, v)));
  };
  for (const f of flags) {
    if (f === 'privateSchool') expand((p, v) => ({ ...p, ownership: v ? 'private' : 'public' }), [true, false]);
    else if (f === 'rural') expand((p, v) => ({ ...p, locality: v ? 'rural' : 'town' }), [true, false]);
    else expand((p, v) => ({ ...p, [f]: v }), [true, false]);
  }
  for (const [field, values] of counts) expand((p, v) => ({ ...p, [field]: v }), [...values]);
  return out;
}

function unitsPerYear(rule: FrequencyRule, t: Template): number {
  switch (rule.per) {
    case 'month':
      return 12 - t.holidayMonths.length;
    case 'quarter':
      return 4;
    case 'term':
      return 2;
    case 'school_year':
    case 'period':
      return 1;
    case 'week': {
      const cal = t.calendar;
      if (!cal) return 40;
      const first = cal.terms[0]!.start;
      const last = cal.terms[cal.terms.length - 1]!.end;
      return Math.ceil(schoolDays(cal, first, last) / 5);
    }
  }
}

export function summarizeInstrument(t: Template): InstrumentSummary[] {
  const types = t.schoolTypes ?? [...SCHOOL_TYPES];
  return types.map((schoolType) => {
    const profile: SchoolProfile = { ...TYPICAL_PROFILE, schoolType };
    const items = t.scoring
      ? applicablePoints(t, profile).map((p) => p.item)
      : t.areas.flatMap((a) => a.items).filter((i) => !notApplicableReason(i.applicability, profile));
    const countFor = (p: SchoolProfile): number =>
      t.areas.flatMap((a) => a.items).filter((i) => !notApplicableReason(i.applicability, p)).length;
    const counts = profileVariants(t, schoolType).map(countFor);
    const total = t.scoring ? allocatePoints(t, profile).reduce((s, p) => s + p.maxTenths, 0) / 10 : null;
    return {
      template: t.id,
      version: t.version,
      schoolType,
      scored: Boolean(t.scoring),
      points: items.length,
      pointsRange: [Math.min(...counts), Math.max(...counts)],
      total,
      keyItems: items.filter((i) => i.key).map((i) => i.code),
      notScored: items.filter((i) => i.assess?.rule.kind === 'not_scored').map((i) => i.code),
      evidenceFiles: items.reduce((s, i) => s + i.evidence.minCount, 0),
      eventEntries: items.reduce((s, i) => s + (i.type === 'event_log' ? i.frequency.min * unitsPerYear(i.frequency, t) : 0), 0),
    };
  });
}
