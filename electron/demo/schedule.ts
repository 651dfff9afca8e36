// A school year of events for the demo: what each applicable frequency rule asks,
// on weekdays, with a few gaps so that not every rule is met.
import type { SchoolProfile } from '../../shared/domain/profile';
import { notApplicableReason } from '../../shared/domain/applicability';
import { requiredEvents, type AssessmentPeriod } from '../../shared/status/compute';
import { allItems, type Item, type Template } from '../../shared/template/schema';
import type { Rng } from './random';

export interface PlannedEvent {
  kind: string;
  date: string;
  /** Items (event_log) this kind serves, for choosing evidence. */
  items: Item[];
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const parse = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** Weekdays in [start, end] that fall in school months and not after `last`. */
function schoolDays(start: string, end: string, last: string, holidayMonths: readonly number[]): string[] {
  const out: string[] = [];
  for (let d = parse(start); iso(d) <= end && iso(d) <= last; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6 && !holidayMonths.includes(d.getUTCMonth() + 1)) out.push(iso(d));
  }
  return out;
}

function spread(days: string[], n: number, rng: Rng): string[] {
  if (!days.length || n <= 0) return [];
  const picked = new Set<string>();
  const step = days.length / n;
  for (let i = 0; i < n; i++) picked.add(days[Math.min(days.length - 1, Math.floor(i * step + rng.next() * step))]!);
  return [...picked];
}

/** Dates for one event_log item's rule over the period, up to `today`. */
function datesFor(item: Extract<Item, { type: 'event_log' }>, period: AssessmentPeriod, today: string, holidays: readonly number[], rng: Rng): string[] {
  const req = requiredEvents(item.frequency, period, today, holidays);
  const last = today < period.endDate ? today : period.endDate;
  // About one rule in four is kept short of its target, as in a real school year.
  const lagging = rng.chance(0.25);
  switch (req.mode) {
    case 'each':
      return req.buckets.flatMap((b, i) => {
        const skip = lagging && i % 3 === 2;
        return skip ? [] : spread(schoolDays(b.start, b.end, last, holidays), req.perBucket, rng);
      });
    case 'weekly': {
      const days = schoolDays(period.startDate, period.endDate, last, holidays);
      const weeks = new Map<string, string[]>();
      for (const d of days) {
        const monday = iso(new Date(parse(d).getTime() - ((parse(d).getUTCDay() + 6) % 7) * 86_400_000));
        weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
      }
      return [...weeks.values()].flatMap((w, i) => (lagging && i % 4 === 3 ? w.slice(0, Math.max(0, req.perWeek - 2)) : w.slice(0, req.perWeek)));
    }
    case 'once': {
      const n = lagging ? Math.max(0, req.need - 1) : req.need;
      return spread(schoolDays(period.startDate, period.endDate, last, holidays), n, rng);
    }
  }
}

export function planEvents(template: Template, profile: SchoolProfile, period: AssessmentPeriod, today: string, rng: Rng): PlannedEvent[] {
  const byKind = new Map<string, { dates: string[]; items: Item[] }>();
  for (const item of allItems(template)) {
    if (item.type !== 'event_log' || notApplicableReason(item.applicability, profile)) continue;
    const dates = datesFor(item, period, today, template.holidayMonths, rng);
    const known = byKind.get(item.frequency.eventKind);
    // Several items may count the same kind: keep the fullest plan.
    if (!known) byKind.set(item.frequency.eventKind, { dates, items: [item] });
    else {
      known.items.push(item);
      if (dates.length > known.dates.length) known.dates = dates;
    }
  }
  const out: PlannedEvent[] = [];
  for (const [kind, p] of byKind) for (const date of p.dates) out.push({ kind, date, items: p.items });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind.localeCompare(b.kind)));
}
