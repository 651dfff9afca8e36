// Recorded events against an event_log item's frequency rule (see frequency.ts
// for what the rule asks).
//
// Rules:
// - Counted: events of the rule's kind dated from the period's start to the
//   earlier of its end and asOf. Later-dated events are not counted yet.
// - "each" mode (month / quarter / term): a unit past its due day is required;
//   a unit not yet due but already holding `min` events counts as required and
//   covered (it can no longer fail). All required units covered = met; some =
//   partly_met; none = not_met, with the missing units named.
//   No unit required yet: no events = unanswered, some events = partly_met
//   ("in progress", showing the unit under way).
// - "weekly" and "once" modes judge one total: count ≥ need = met. Before the
//   need falls due (no completed week yet / period's last school day not
//   reached), no events = unanswered and some = partly_met ("in progress").
//   Once due: at least half the need = partly_met, less (or none) = not_met.
// - An event_log item is answered by its events only: evidence linked to the
//   item without any event does not make it answered (a drill plan is not a drill).
//   An item with no event counted is unanswered, never failed: nobody has
//   touched it yet (the dashboard's monthly to-do says what falls due).
// - A unit due before the period's `judgeFrom` day (the day the school started
//   the assessment, unless it chose to record earlier months) is not failed when
//   it lacks events; events recorded in it still count.
// - Reasons say how much of the period is still to come ("2 months not yet due"),
//   so "met so far" never reads as "met for the year".
import type { FrequencyRule } from '../template/schema';
import { minDate } from './dates';
import { requiredEvents, type AssessmentPeriod, type EventBucket } from './frequency';
import { reason } from './reasonKeys';
import type { Judgement } from './values';

export interface EventJudgement<E> extends Judgement {
  /** Events counted for the rule (of its kind, inside the period, not after asOf). */
  counted: E[];
  /** The need the status was judged against (see ItemStatus.eventRequired). */
  required: number;
}

const MISSING_KEY = {
  month: 'reason.events.monthsMissing',
  quarter: 'reason.events.quartersMissing',
  term: 'reason.events.termsMissing',
} as const;

export function judgeEvents<E extends { kind: string; date: string }>(
  rule: FrequencyRule,
  period: AssessmentPeriod,
  asOf: string,
  holidayMonths: readonly number[],
  events: readonly E[],
): EventJudgement<E> {
  const req = requiredEvents(rule, period, asOf, holidayMonths);
  const lastCounted = minDate(period.endDate, asOf);
  const counted = events.filter((e) => e.kind === rule.eventKind && e.date >= period.startDate && e.date <= lastCounted);
  const count = counted.length;

  const j = judgeRequirement(req, counted, asOf, period.judgeFrom ?? period.startDate);
  if (count > 0 || j.status === 'met') return j;
  // Nothing recorded: unanswered, with what is still to come (never failed before anyone started).
  const context = j.reasons.filter((r) => r.key === 'reason.events.upcoming' || r.key === 'reason.events.beforeStart');
  return { ...j, status: 'unanswered', reasons: [reason('reason.events.noneYet'), ...context] };
}

function judgeRequirement<E extends { date: string }>(
  req: ReturnType<typeof requiredEvents>,
  counted: E[],
  asOf: string,
  judgeFrom: string,
): EventJudgement<E> {
  const count = counted.length;
  switch (req.mode) {
    case 'weekly': {
      const dueReached = req.weeksElapsed >= 1;
      const need = dueReached ? req.perWeek * req.weeksElapsed : req.perWeek;
      return { ...judgeTotal(count, need, dueReached, req.firstWeekDue), counted, required: need };
    }
    case 'once':
      return { ...judgeTotal(count, req.need, asOf >= req.due, req.due), counted, required: req.need };
    case 'each':
      return { ...judgeEach(counted, req.buckets, req.perBucket, asOf, req.unit, judgeFrom), counted };
  }
}

function judgeTotal(count: number, need: number, dueReached: boolean, due: string): Judgement {
  if (count >= need) return { status: 'met', reasons: [reason('reason.met.events', { have: count, need })] };
  if (!dueReached)
    return count === 0
      ? { status: 'unanswered', reasons: [reason('reason.events.noneYet')] }
      : { status: 'partly_met', reasons: [reason('reason.events.inProgress', { have: count, need, due })] };
  const short = reason('reason.events.short', { have: count, need });
  return { status: count > 0 && count * 2 >= need ? 'partly_met' : 'not_met', reasons: [short] };
}

const UNIT_WORDS = {
  month: { unitZh: '个月', unitEn: 'months' },
  quarter: { unitZh: '个季度', unitEn: 'quarters' },
  term: { unitZh: '个学期', unitEn: 'terms' },
} as const;

function judgeEach(
  counted: readonly { date: string }[],
  buckets: readonly EventBucket[],
  perBucket: number,
  asOf: string,
  unit: keyof typeof MISSING_KEY,
  judgeFrom: string,
): Judgement & { required: number } {
  let required = 0;
  let covered = 0;
  let upcoming = 0;
  let before = 0;
  const missing: string[] = [];
  let underWay: { bucket: EventBucket; have: number } | null = null;
  for (const bucket of buckets) {
    const have = counted.filter((e) => e.date >= bucket.start && e.date <= bucket.end).length;
    const enough = have >= perBucket;
    if (!enough && bucket.due < judgeFrom) before += 1;
    else if (asOf >= bucket.due || enough) {
      required += 1;
      if (enough) covered += 1;
      else missing.push(bucket.label);
    } else {
      upcoming += 1;
      if (!underWay && bucket.start <= asOf) underWay = { bucket, have };
    }
  }
  const count = counted.length;
  const words = UNIT_WORDS[unit];
  // What is still to come, and what was left out, after the reason that judges.
  const context = [
    ...(upcoming > 0 ? [reason('reason.events.upcoming', { count: upcoming, ...words })] : []),
    ...(before > 0 ? [reason('reason.events.beforeStart', { count: before, ...words })] : []),
  ];
  const missingKey = MISSING_KEY[unit];

  if (required === 0) {
    if (count === 0) return { status: 'unanswered', reasons: [reason('reason.events.noneYet'), ...context], required: buckets.length > 0 ? perBucket : 0 };
    // Events but no unit due yet: the unit under way (or, for events in holiday days, the next one) is in progress.
    const next = underWay?.bucket ?? buckets.find((b) => b.start > asOf);
    if (!next) return { status: 'met', reasons: [reason('reason.met.events', { have: count, need: 0 }), ...context], required: 0 };
    const have = underWay?.have ?? 0;
    return {
      status: 'partly_met',
      reasons: [reason('reason.events.inProgress', { have, need: perBucket, due: next.due }), ...context],
      required: perBucket,
    };
  }
  const need = perBucket * required;
  if (covered === required) return { status: 'met', reasons: [reason('reason.met.events', { have: count, need }), ...context], required: need };
  return {
    status: covered === 0 ? 'not_met' : 'partly_met',
    reasons: [reason(missingKey, { covered, required, missing: missing.join(', ') }), ...context],
    required: need,
  };
}
