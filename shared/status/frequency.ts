// What a frequency rule ("at least `min` events per `per`") asks of one
// assessment period, as of a given day. Judging the recorded events against
// it is eventStatus.ts.
//
// Rules:
// - School months: calendar months minus the template's holidayMonths
//   (July and August by default).
// - Terms: a school year has two terms, autumn (Sep–Jan) and spring (Feb–Jun)
//   with the default holidays. Holiday days belong to the term around them
//   (Aug to autumn, Jul to spring) so an event dated in a holiday still counts
//   for a term, but a term is judged on its school months only.
// - Quarters are calendar quarters (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec).
// - per month / quarter / term ("each" mode): every such unit overlapping the
//   period that contains a school month inside the period must on its own hold
//   `min` events. A unit partly inside the period is cut to the period and still
//   needs `min` (known limitation: a term assessment starting on 20 March still
//   needs a full quarter's events for Jan–Mar). A unit is judged from its due
//   day: the last day of its last school month inside the period (so a month is
//   judged on its last day, a month cut by the period's end on the period's
//   last day, and a month not over yet is never failed).
// - per week ("weekly" mode): the total count must reach `min` × completed
//   weeks, where a week is 7 school days (days in holiday months do not count)
//   elapsed since the start of the period; a week in progress is not required.
// - per school_year / period ("once" mode): the whole period must hold `min`
//   events; a school_year rule in a term assessment asks for ceil(min / 2),
//   half a year's worth rounded up. The requirement falls due on the last day
//   of the period's last school month (or the period's end if it has none).
import type { PeriodKind } from '../domain/assessment';
import type { FrequencyRule, FrequencyUnit } from '../template/schema';
import {
  addDays,
  daysInclusive,
  firstDayOf,
  lastDayOf,
  maxDate,
  minDate,
  monthLabel,
  monthsBetween,
  parseIsoDate,
  type YearMonth,
  yearMonthOf,
} from './dates';

export interface AssessmentPeriod {
  startDate: string;
  endDate: string;
  periodKind: PeriodKind;
  /**
   * 'YYYY-MM-DD': units due before this day are not failed for lacking events (the
   * school started the assessment later). Default: startDate (every unit is judged).
   */
  judgeFrom?: string;
}

/** One month / quarter / term, cut to the period. */
export interface EventBucket {
  /** '2024-10' (month), '2024-Q4' (quarter), '2024-09–2025-01' (term: its school months). */
  label: string;
  start: string;
  end: string;
  /** The bucket is judged from this day on. */
  due: string;
}

export type EventRequirement =
  | { mode: 'each'; unit: 'month' | 'quarter' | 'term'; perBucket: number; buckets: EventBucket[] }
  | {
      mode: 'weekly';
      perWeek: number;
      /** Completed weeks of school days by asOf, and in the whole period. */
      weeksElapsed: number;
      weeksInPeriod: number;
      /** The day the first week is complete (judged from then on). */
      firstWeekDue: string;
    }
  | { mode: 'once'; unit: 'school_year' | 'period'; need: number; due: string };

/** Checks the period, throwing an error that names the bad field. */
export function checkPeriod(period: AssessmentPeriod, asOf: string): void {
  parseIsoDate(period.startDate, 'assessment startDate');
  parseIsoDate(period.endDate, 'assessment endDate');
  parseIsoDate(asOf, 'asOf');
  if (period.endDate < period.startDate)
    throw new Error(`assessment endDate ${period.endDate} is before its startDate ${period.startDate}`);
}

/** What `rule` asks of `period`; `asOf` only matters for the weekly count. */
export function requiredEvents(
  rule: FrequencyRule,
  period: AssessmentPeriod,
  asOf: string,
  holidayMonths: readonly number[],
): EventRequirement {
  checkPeriod(period, asOf);
  const isSchoolMonth = (ym: YearMonth): boolean => !holidayMonths.includes(ym.month);
  switch (rule.per) {
    case 'month':
    case 'quarter':
    case 'term':
      return {
        mode: 'each',
        unit: rule.per,
        perBucket: rule.min,
        buckets: buckets(period, isSchoolMonth, rule.per),
      };
    case 'week': {
      const lastCounted = minDate(period.endDate, asOf);
      return {
        mode: 'weekly',
        perWeek: rule.min,
        weeksElapsed: Math.floor(schoolDays(period.startDate, lastCounted, isSchoolMonth) / 7),
        weeksInPeriod: Math.floor(schoolDays(period.startDate, period.endDate, isSchoolMonth) / 7),
        firstWeekDue: seventhSchoolDay(period, isSchoolMonth),
      };
    }
    case 'school_year':
    case 'period': {
      const need = rule.per === 'school_year' && period.periodKind === 'term' ? Math.ceil(rule.min / 2) : rule.min;
      const schoolMonths = monthsBetween(period.startDate, period.endDate).filter(isSchoolMonth);
      const last = schoolMonths[schoolMonths.length - 1];
      return { mode: 'once', unit: rule.per, need, due: last ? minDate(lastDayOf(last), period.endDate) : period.endDate };
    }
  }
}

/** Events the whole period asks for under this requirement. */
export function eventsInPeriod(req: EventRequirement): number {
  switch (req.mode) {
    case 'each':
      return req.perBucket * req.buckets.length;
    case 'weekly':
      return req.perWeek * req.weeksInPeriod;
    case 'once':
      return req.need;
  }
}

type BucketUnit = Extract<FrequencyUnit, 'month' | 'quarter' | 'term'>;

/** The bucket a month belongs to, as a grouping key. */
function bucketKey(ym: YearMonth, unit: BucketUnit): string {
  switch (unit) {
    case 'month':
      return monthLabel(ym);
    case 'quarter':
      return `${ym.year}-Q${Math.ceil(ym.month / 3)}`;
    case 'term':
      // Feb–Jul: spring term of that year; Aug–Jan: autumn term of the school year starting in August.
      if (ym.month >= 2 && ym.month <= 7) return `${ym.year}-spring`;
      return `${ym.month >= 8 ? ym.year : ym.year - 1}-autumn`;
  }
}

function buckets(period: AssessmentPeriod, isSchoolMonth: (ym: YearMonth) => boolean, unit: BucketUnit): EventBucket[] {
  const groups = new Map<string, YearMonth[]>();
  for (const ym of monthsBetween(period.startDate, period.endDate)) {
    const key = bucketKey(ym, unit);
    groups.set(key, [...(groups.get(key) ?? []), ym]);
  }
  const out: EventBucket[] = [];
  for (const [key, months] of groups) {
    const school = months.filter(isSchoolMonth);
    const firstMonth = months[0];
    const lastMonth = months[months.length - 1];
    const firstSchool = school[0];
    const lastSchool = school[school.length - 1];
    if (!firstMonth || !lastMonth || !firstSchool || !lastSchool) continue; // no school month: nothing required
    const termLabel =
      firstSchool === lastSchool ? monthLabel(firstSchool) : `${monthLabel(firstSchool)}–${monthLabel(lastSchool)}`;
    out.push({
      label: unit === 'term' ? termLabel : key,
      start: maxDate(firstDayOf(firstMonth), period.startDate),
      end: minDate(lastDayOf(lastMonth), period.endDate),
      due: minDate(lastDayOf(lastSchool), period.endDate),
    });
  }
  return out;
}

/** Days from `from` to `to` (both included) that fall in school months. */
function schoolDays(from: string, to: string, isSchoolMonth: (ym: YearMonth) => boolean): number {
  if (to < from) return 0;
  let days = 0;
  for (const ym of monthsBetween(from, to))
    if (isSchoolMonth(ym)) days += daysInclusive(maxDate(firstDayOf(ym), from), minDate(lastDayOf(ym), to));
  return days;
}

/** The day the period's first week of school days is complete (the period's end if it never is). */
function seventhSchoolDay(period: AssessmentPeriod, isSchoolMonth: (ym: YearMonth) => boolean): string {
  let seen = 0;
  for (let day = period.startDate; day <= period.endDate; day = addDays(day, 1)) {
    if (isSchoolMonth(yearMonthOf(day))) seen += 1;
    if (seen === 7) return day;
  }
  return period.endDate;
}
