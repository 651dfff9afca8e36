// Event_log items: recorded events against the frequency rule over the period.
// The school year used is 2024-09-01..2025-08-31 with the default holidays
// (July, August); the term is 2024-09-01..2025-01-31.
import type { FrequencyRule } from '../../shared/template/schema';
import { requiredEvents, type AssessmentPeriod } from '../../shared/status/compute';
import { ev, keys, statusOf, TERM_1, type ItemSpec } from './fixtures';

const eventItem = (frequency: FrequencyRule): ItemSpec => ({ code: 'EV-01', type: 'event_log', frequency });
const drills = (...dates: string[]) => dates.map((d) => ev('drill', d));
const YEAR: AssessmentPeriod = { startDate: '2024-09-01', endDate: '2025-08-31', periodKind: 'school_year' };
const DEFAULT_HOLIDAYS = [7, 8];

describe('per month', () => {
  const monthly = eventItem({ eventKind: 'drill', min: 1, per: 'month' });

  it('asks for every school month: holiday months have no bucket', () => {
    const req = requiredEvents({ eventKind: 'drill', min: 1, per: 'month' }, YEAR, '2025-08-31', DEFAULT_HOLIDAYS);
    if (req.mode !== 'each') throw new Error('monthly rules judge each month');
    expect(req.buckets.map((b) => b.label)).toEqual([
      '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06',
    ]);
    expect(req.buckets[0]).toEqual({ label: '2024-09', start: '2024-09-01', end: '2024-09-30', due: '2024-09-30' });
    // a template with a winter holiday too (Jan, Feb) asks for two months fewer
    const withWinter = requiredEvents({ eventKind: 'drill', min: 1, per: 'month' }, YEAR, '2025-08-31', [1, 2, 7, 8]);
    expect(withWinter.mode === 'each' && withWinter.buckets.length).toBe(8);
  });

  it('is met with an event in every school month and none in the summer', () => {
    const s = statusOf(monthly, {
      events: drills('2024-09-10', '2024-10-10', '2024-11-10', '2024-12-10', '2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10', '2025-06-10'),
    });
    expect(s.status).toBe('met');
    expect(s.eventCount).toBe(10);
    expect(s.eventRequired).toBe(10);
    expect(s.reasons[0]).toEqual({ key: 'reason.met.events', params: { have: 10, need: 10 } });
  });

  it('honours the template holidays: with Jan and Feb off, those months are not needed', () => {
    const eightMonths = drills('2024-09-10', '2024-10-10', '2024-11-10', '2024-12-10', '2025-03-10', '2025-04-10', '2025-05-10', '2025-06-10');
    expect(statusOf(monthly, { events: eightMonths }, [1, 2, 7, 8]).status).toBe('met');
    expect(statusOf(monthly, { events: eightMonths }).status).toBe('partly_met'); // default holidays: Jan, Feb missing
  });

  it('does not fail the month in progress', () => {
    const s = statusOf(monthly, { events: drills('2024-09-10', '2024-10-05'), asOf: '2024-11-15' });
    expect(s.status).toBe('met');
    expect(s.eventRequired).toBe(2); // September and October; November is not over
  });

  it('judges a month on its last day', () => {
    const before = statusOf(monthly, { asOf: '2024-09-29' });
    expect(before.status).toBe('unanswered');
    expect(keys(before)).toEqual(['reason.events.noneYet', 'reason.events.upcoming']);
    // With a drill in October, September is judged (and missed); October is judged on its last day.
    const onLastDay = statusOf(monthly, { asOf: '2024-10-31', events: drills('2024-10-10') });
    expect(onLastDay.status).toBe('partly_met');
    expect(onLastDay.reasons[0]).toEqual({ key: 'reason.events.monthsMissing', params: { covered: 1, required: 2, missing: '2024-09' } });
    expect(onLastDay.reasons[1]).toEqual({ key: 'reason.events.upcoming', params: { count: 8, unitZh: '个月', unitEn: 'months' } });
    const dayBefore = statusOf(monthly, { asOf: '2024-10-30', events: drills('2024-10-10') });
    expect(dayBefore.eventRequired).toBe(2); // September, and October already covered
    // Nothing recorded at all: still unanswered, never failed (nobody has touched it).
    expect(statusOf(monthly, { asOf: '2024-12-31' }).status).toBe('unanswered');
  });

  it('is partly met with some months covered; a month in progress that is already covered counts', () => {
    // Sep covered, Oct missing, Nov (in progress) already has its drill
    const s = statusOf(monthly, { events: drills('2024-09-10', '2024-11-03'), asOf: '2024-11-15' });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.events.monthsMissing', params: { covered: 2, required: 3, missing: '2024-10' } });
    expect(s.eventCount).toBe(2);
    expect(s.eventRequired).toBe(3);
  });

  it('needs min events in each month, not in total', () => {
    const twice = eventItem({ eventKind: 'drill', min: 2, per: 'month' });
    // 4 drills, all in September: September covered, October not
    const s = statusOf(twice, { events: drills('2024-09-02', '2024-09-09', '2024-09-16', '2024-09-23'), asOf: '2024-10-31' });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]?.params).toEqual({ covered: 1, required: 2, missing: '2024-10' });
    expect(s.eventRequired).toBe(4); // 2 months × 2
  });

  it('shows the first month in progress when it has some but not enough events', () => {
    const twice = eventItem({ eventKind: 'drill', min: 2, per: 'month' });
    const s = statusOf(twice, { events: drills('2024-09-05'), asOf: '2024-09-20' });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.events.inProgress', params: { have: 1, need: 2, due: '2024-09-30' } });
  });

  it("judges the period's last month, cut short by the period's end, from that end", () => {
    const term = { assessment: TERM_1 };
    const autumn = drills('2024-09-10', '2024-10-10', '2024-11-10', '2024-12-10');
    const termEndsMidJanuary = { ...TERM_1, endDate: '2025-01-15' };
    expect(statusOf(monthly, { ...term, assessment: termEndsMidJanuary, events: autumn, asOf: '2025-01-10' }).status).toBe('met');
    const after = statusOf(monthly, { ...term, assessment: termEndsMidJanuary, events: autumn, asOf: '2025-01-15' });
    expect(after.status).toBe('partly_met');
    expect(after.reasons[0]?.params).toEqual({ covered: 4, required: 5, missing: '2025-01' });
  });
});

describe('counting window', () => {
  const monthly = eventItem({ eventKind: 'drill', min: 1, per: 'month' });
  it('counts only events of the rule kind, inside the period, not after asOf', () => {
    const s = statusOf(monthly, {
      asOf: '2024-10-15',
      events: [
        ev('drill', '2024-08-31'), // before the period
        ev('meeting', '2024-09-10'), // another kind
        ev('drill', '2024-09-01'), // first day: counted
        ev('drill', '2024-10-16'), // after asOf
        ev('drill', '2025-09-01'), // after the period
      ],
    });
    expect(s.eventCount).toBe(1);
    expect(s.status).toBe('met'); // September has its drill; October is in progress
  });
});

describe('per week', () => {
  const weekly = eventItem({ eventKind: 'lesson', min: 2, per: 'week' });
  const lessons = (n: number) => Array.from({ length: n }, (_, i) => ev('lesson', `2024-09-${String(i + 1).padStart(2, '0')}`));
  // asOf 2024-09-21: 21 school days = 3 completed weeks, so 2 × 3 = 6 lessons are due
  const threeWeeks = { assessment: TERM_1, asOf: '2024-09-21' };

  it('is met with min × completed weeks', () => {
    const s = statusOf(weekly, { ...threeWeeks, events: lessons(6) });
    expect(s.status).toBe('met');
    expect(s.eventRequired).toBe(6);
  });
  it('is partly met with at least half', () => {
    const s = statusOf(weekly, { ...threeWeeks, events: lessons(3) });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.events.short', params: { have: 3, need: 6 } });
  });
  it('is not met with less than half, or none', () => {
    expect(statusOf(weekly, { ...threeWeeks, events: lessons(2) }).status).toBe('not_met');
    expect(statusOf(weekly, { ...threeWeeks }).status).toBe('unanswered'); // nothing recorded: not judged
  });
  it('in the first week: unanswered without events, in progress with some, met with min', () => {
    const firstWeek = { assessment: TERM_1, asOf: '2024-09-05' };
    expect(statusOf(weekly, firstWeek).status).toBe('unanswered');
    const one = statusOf(weekly, { ...firstWeek, events: lessons(1) });
    expect(one.status).toBe('partly_met');
    expect(one.reasons[0]).toEqual({ key: 'reason.events.inProgress', params: { have: 1, need: 2, due: '2024-09-07' } });
    expect(statusOf(weekly, { ...firstWeek, events: lessons(2) }).status).toBe('met');
  });
  it('does not count days in holiday months as weeks', () => {
    const rule: FrequencyRule = { eventKind: 'lesson', min: 1, per: 'week' };
    const whole = requiredEvents(rule, YEAR, '2025-08-31', DEFAULT_HOLIDAYS);
    // school days Sep..Jun: 30+31+30+31+31+28+31+30+31+30
    const schoolDays = 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 30;
    expect(whole.mode === 'weekly' && whole.weeksElapsed).toBe(Math.floor(schoolDays / 7));
    // a period that opens in the summer: July and August do not count, and the first week ends on 7 September
    const summerStart: AssessmentPeriod = { startDate: '2025-07-01', endDate: '2025-12-31', periodKind: 'term' };
    const early = requiredEvents(rule, summerStart, '2025-09-10', DEFAULT_HOLIDAYS);
    expect(early).toMatchObject({ mode: 'weekly', weeksElapsed: 1, firstWeekDue: '2025-09-07' });
  });
});

describe('per term', () => {
  const perTerm = eventItem({ eventKind: 'meeting', min: 1, per: 'term' });
  it('a school year has two terms, Sep–Jan and Feb–Jun', () => {
    const req = requiredEvents({ eventKind: 'meeting', min: 1, per: 'term' }, YEAR, '2025-08-31', DEFAULT_HOLIDAYS);
    expect(req.mode === 'each' && req.buckets).toEqual([
      { label: '2024-09–2025-01', start: '2024-09-01', end: '2025-01-31', due: '2025-01-31' },
      { label: '2025-02–2025-06', start: '2025-02-01', end: '2025-07-31', due: '2025-06-30' },
    ]);
  });
  it('is partly met with one of two terms, naming the missing term', () => {
    const s = statusOf(perTerm, { events: [ev('meeting', '2024-10-10')] });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.events.termsMissing', params: { covered: 1, required: 2, missing: '2025-02–2025-06' } });
  });
  it('is met with a meeting in each term', () => {
    expect(statusOf(perTerm, { events: [ev('meeting', '2024-10-10'), ev('meeting', '2025-03-10')] }).status).toBe('met');
  });
  it('a term assessment needs its one term only', () => {
    const s = statusOf(perTerm, { assessment: TERM_1, asOf: '2025-02-01', events: [ev('meeting', '2024-12-01')] });
    expect(s.status).toBe('met');
    expect(s.eventRequired).toBe(1);
  });
});

describe('per quarter', () => {
  it('uses calendar quarters; a quarter of holiday months only asks for nothing', () => {
    const req = requiredEvents({ eventKind: 'drill', min: 1, per: 'quarter' }, YEAR, '2025-08-31', DEFAULT_HOLIDAYS);
    // Jul–Sep 2024 is in the period from September; Jul–Aug 2025 has no school month
    expect(req.mode === 'each' && req.buckets.map((b) => [b.label, b.due])).toEqual([
      ['2024-Q3', '2024-09-30'],
      ['2024-Q4', '2024-12-31'],
      ['2025-Q1', '2025-03-31'],
      ['2025-Q2', '2025-06-30'],
    ]);
    const s = statusOf(eventItem({ eventKind: 'drill', min: 1, per: 'quarter' }), {
      events: drills('2024-09-20', '2024-11-20', '2025-05-20'),
    });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.events.quartersMissing', params: { covered: 3, required: 4, missing: '2025-Q1' } });
  });
});

describe('per school year and per period', () => {
  it('a school year rule in a school year assessment needs min by the last school month', () => {
    const yearly = eventItem({ eventKind: 'lesson', min: 4, per: 'school_year' });
    const lessons = (...dates: string[]) => dates.map((d) => ev('lesson', d));
    const req = requiredEvents({ eventKind: 'lesson', min: 4, per: 'school_year' }, YEAR, '2025-08-31', DEFAULT_HOLIDAYS);
    expect(req).toEqual({ mode: 'once', unit: 'school_year', need: 4, due: '2025-06-30' });

    // mid-year: 2 of 4 is in progress, none is unanswered
    const mid = statusOf(yearly, { asOf: '2025-03-01', events: lessons('2024-10-01', '2024-12-01') });
    expect(mid.status).toBe('partly_met');
    expect(mid.reasons[0]).toEqual({ key: 'reason.events.inProgress', params: { have: 2, need: 4, due: '2025-06-30' } });
    expect(statusOf(yearly, { asOf: '2025-03-01' }).status).toBe('unanswered');
    // after the due day: half = partly met, less = not met, all = met
    expect(statusOf(yearly, { asOf: '2025-06-30', events: lessons('2024-10-01', '2024-12-01') }).status).toBe('partly_met');
    const one = statusOf(yearly, { asOf: '2025-06-30', events: lessons('2024-10-01') });
    expect(one.status).toBe('not_met');
    expect(one.reasons[0]).toEqual({ key: 'reason.events.short', params: { have: 1, need: 4 } });
    expect(statusOf(yearly, { asOf: '2025-06-30' }).status).toBe('unanswered');
    expect(statusOf(yearly, { asOf: '2025-01-01', events: lessons('2024-09-09', '2024-10-09', '2024-11-09', '2024-12-09') }).status).toBe('met');
  });

  it('a school year rule in a term assessment asks for ceil(min / 2)', () => {
    for (const [min, need] of [[4, 2], [3, 2], [1, 1]] as const) {
      const s = statusOf(eventItem({ eventKind: 'lesson', min, per: 'school_year' }), { assessment: TERM_1, asOf: '2025-02-01' });
      expect(s.eventRequired).toBe(need);
    }
    const s = statusOf(eventItem({ eventKind: 'lesson', min: 3, per: 'school_year' }), {
      assessment: TERM_1,
      asOf: '2025-02-01',
      events: [ev('lesson', '2024-09-10'), ev('lesson', '2024-11-10')],
    });
    expect(s.status).toBe('met');
  });

  it('a period rule needs min in whatever the period is', () => {
    const once = eventItem({ eventKind: 'meeting', min: 1, per: 'period' });
    expect(statusOf(once, { assessment: TERM_1, asOf: '2025-01-31' }).status).toBe('unanswered');
    expect(statusOf(once, { assessment: TERM_1, asOf: '2025-01-30' }).status).toBe('unanswered');
    expect(statusOf(once, { assessment: TERM_1, asOf: '2025-01-31', events: [ev('meeting', '2025-01-31')] }).status).toBe('met');
  });
});

describe('bad periods', () => {
  it('names the bad field', () => {
    const rule: FrequencyRule = { eventKind: 'drill', min: 1, per: 'month' };
    expect(() => requiredEvents(rule, { ...YEAR, startDate: '2024-02-30' }, '2025-01-01', [])).toThrow(/startDate/);
    expect(() => requiredEvents(rule, YEAR, '1 May', [])).toThrow(/asOf/);
    expect(() => requiredEvents(rule, { ...YEAR, endDate: '2024-01-01' }, '2025-01-01', [])).toThrow(/before its startDate/);
  });
});

describe('a school that starts mid-year', () => {
  const monthly = eventItem({ eventKind: 'drill', min: 1, per: 'month' });
  const startedLate = { ...YEAR, id: 'a1', judgeFrom: '2024-12-01' };

  it('is not failed for the months before it began, and is told so; months to come are not yet due', () => {
    const s = statusOf(monthly, { assessment: startedLate, asOf: '2024-12-31', events: drills('2024-12-05') });
    expect(s.status).toBe('met');
    expect(s.eventRequired).toBe(1);
    expect(s.reasons).toEqual([
      { key: 'reason.met.events', params: { have: 1, need: 1 } },
      { key: 'reason.events.upcoming', params: { count: 6, unitZh: '个月', unitEn: 'months' } },
      { key: 'reason.events.beforeStart', params: { count: 3, unitZh: '个月', unitEn: 'months' } },
    ]);
  });

  it('still counts a drill recorded in an earlier month, and fails those months when the school opts in', () => {
    const withOctober = statusOf(monthly, { assessment: startedLate, asOf: '2024-12-31', events: drills('2024-10-05', '2024-12-05') });
    expect(withOctober.status).toBe('met');
    expect(withOctober.eventRequired).toBe(2);
    const optedIn = statusOf(monthly, { assessment: { ...YEAR, id: 'a1' }, asOf: '2024-12-31', events: drills('2024-10-05', '2024-12-05') });
    expect(optedIn.status).toBe('partly_met');
    expect(optedIn.reasons[0]).toEqual({ key: 'reason.events.monthsMissing', params: { covered: 2, required: 4, missing: '2024-09, 2024-11' } });
  });

  it('does not count a future-dated (planned) drill as done', () => {
    const s = statusOf(monthly, { assessment: startedLate, asOf: '2024-12-10', events: drills('2024-12-20') });
    expect(s.status).toBe('unanswered');
    expect(s.eventCount).toBe(0);
  });
});
