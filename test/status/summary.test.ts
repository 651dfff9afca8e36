// Area and overall figures and failed key items on a small hand-built checklist.
// Each item is set up to land in a chosen status; the expected figures are
// computed below from that plan, so the test states the rule, not its result.
import { AssessmentSummary, type ItemStatusKind } from '../../shared/domain/status';
import { computeSummary } from '../../shared/status/compute';
import { ev, makeInput, makeProfile, makeTemplate, type ItemSpec } from './fixtures';

const opts = (values: string[]) => values.map((value) => ({ value, label: { 'zh-CN': value, en: value } }));

interface Planned {
  area: string;
  spec: ItemSpec;
  expect: ItemStatusKind;
}

const plan: Planned[] = [
  // SAF: one of each of met / not met / partly met, and a boarding-only item for a day school
  { area: 'SAF', spec: { code: 'SAF-01', type: 'yes_no', weight: 2, key: true }, expect: 'met' },
  { area: 'SAF', spec: { code: 'SAF-02', type: 'number', unit: { 'zh-CN': '次', en: 'times' }, target: { op: 'gte', value: 10 } }, expect: 'not_met' },
  { area: 'SAF', spec: { code: 'SAF-03', type: 'checklist', key: true, parts: opts(['a', 'b', 'c', 'd']) }, expect: 'partly_met' },
  {
    area: 'SAF',
    spec: { code: 'SAF-04', type: 'yes_no', weight: 3, key: true, applicability: { conditions: [{ kind: 'flag', field: 'boarding', equals: true }] } },
    expect: 'not_applicable',
  },
  // TEA: unanswered key item, a choice that meets but lacks its evidence file, an event rule met
  { area: 'TEA', spec: { code: 'TEA-01', type: 'text', key: true }, expect: 'unanswered' },
  {
    area: 'TEA',
    spec: { code: 'TEA-02', type: 'single_choice', weight: 2, minEvidence: 1, options: opts(['ok', 'no']).map((o) => ({ ...o, meets: o.value === 'ok' })) },
    expect: 'partly_met',
  },
  { area: 'TEA', spec: { code: 'TEA-03', type: 'event_log', frequency: { eventKind: 'meeting', min: 1, per: 'period' } }, expect: 'met' },
];

const template = makeTemplate({
  SAF: plan.filter((p) => p.area === 'SAF').map((p) => p.spec),
  TEA: plan.filter((p) => p.area === 'TEA').map((p) => p.spec),
});
const input = makeInput(template, {
  profile: makeProfile({ boarding: false }),
  answers: {
    'SAF-01': { type: 'yes_no', value: true },
    'SAF-02': { type: 'number', value: 5 },
    'SAF-03': { type: 'checklist', parts: ['a', 'b'] },
    'SAF-04': { type: 'yes_no', value: false }, // answered before the profile changed: still not applicable
    'TEA-02': { type: 'single_choice', value: 'ok' },
  },
  events: [ev('meeting', '2024-10-10')],
});
const NOW = new Date('2025-09-01T08:00:00.000Z');
const summary = computeSummary(input, NOW);

const SCORE: Partial<Record<ItemStatusKind, number>> = { met: 1, partly_met: 0.5 };
/** The figures the rules give for a set of planned items (see shared/status/summary.ts). */
function expectedFigures(items: Planned[]) {
  const weightOf = (p: Planned) => p.spec.weight ?? 1; // fixture default weight is 1
  const applicable = items.filter((p) => p.expect !== 'not_applicable');
  const n = (kind: ItemStatusKind) => items.filter((p) => p.expect === kind).length;
  const totalWeight = applicable.reduce((s, p) => s + weightOf(p), 0);
  return {
    total: applicable.length,
    answered: applicable.length - n('unanswered'),
    met: n('met'),
    partlyMet: n('partly_met'),
    notMet: n('not_met'),
    notApplicable: n('not_applicable'),
    progress: (applicable.length - n('unanswered')) / applicable.length,
    compliance: applicable.reduce((s, p) => s + weightOf(p) * (SCORE[p.expect] ?? 0), 0) / totalWeight,
  };
}

describe('computeSummary', () => {
  it('gives every item the planned status, in template order', () => {
    expect(summary.items.map((s) => [s.itemCode, s.status])).toEqual(plan.map((p) => [p.spec.code, p.expect]));
  });

  it('computes each area from its items', () => {
    for (const area of ['SAF', 'TEA']) {
      const figures = summary.areas.find((a) => a.areaCode === area);
      expect(figures).toEqual({ areaCode: area, ...expectedFigures(plan.filter((p) => p.area === area)) });
    }
    // spelled out once for SAF: weights 2 (met), 1 (not met), 1 (partly) -> (2 + 0 + 0.5) / 4
    expect(summary.areas[0]?.compliance).toBeCloseTo(2.5 / 4);
  });

  it('computes the overall figures over all items, not as an average of areas', () => {
    expect(summary.overall).toEqual(expectedFigures(plan));
    // SAF 2.5 of weight 4, TEA (0 + 2×0.5 + 1) = 2 of weight 4 -> 4.5 / 8; the area average would be the same
    // here, so check a case where it differs below
    expect(summary.overall.compliance).toBeCloseTo(4.5 / 8);
  });

  it('weights the overall figure by items, so a bigger area weighs more', () => {
    const t = makeTemplate({
      ONE: [{ code: 'ONE-01', type: 'yes_no' }],
      TWO: [{ code: 'TWO-01', type: 'yes_no' }, { code: 'TWO-02', type: 'yes_no' }, { code: 'TWO-03', type: 'yes_no' }],
    });
    const yes = { type: 'yes_no' as const, value: true };
    const s = computeSummary(makeInput(t, { answers: { 'ONE-01': yes } }), NOW);
    // ONE: 1/1, TWO: 0/3 -> overall 1/4 (an average of areas would say 0.5)
    expect(s.overall.compliance).toBeCloseTo(1 / 4);
    expect(s.overall.progress).toBeCloseTo(1 / 4);
  });

  it('lists applicable key items judged not fully met: partly met fails; unanswered and not applicable do not', () => {
    const expected = plan.filter((p) => p.spec.key && (p.expect === 'partly_met' || p.expect === 'not_met')).map((p) => p.spec.code);
    expect(expected).toEqual(['SAF-03']); // the plan has a met, a partly met, an n/a and an unanswered (TEA-01) key item
    expect(summary.failedKeyItems).toEqual(expected);
  });

  it('matches the AssessmentSummary schema that crosses the bridge', () => {
    expect(AssessmentSummary.parse(summary)).toEqual(summary);
  });

  it('carries the assessment id and the injected time', () => {
    expect(summary.assessmentId).toBe('a1');
    expect(summary.computedAt).toBe('2025-09-01T08:00:00.000Z');
  });

  it('gives 0 progress and compliance when nothing applies', () => {
    const t = makeTemplate({ ONE: [{ code: 'ONE-01', type: 'yes_no', applicability: { schoolTypes: ['senior'] } }] });
    const s = computeSummary(makeInput(t, { profile: makeProfile({ schoolType: 'primary' }) }), NOW);
    expect(s.overall).toMatchObject({ total: 0, answered: 0, notApplicable: 1, progress: 0, compliance: 0 });
  });

  it('rejects a bad period with an error naming it', () => {
    expect(() => computeSummary({ ...input, assessment: { ...input.assessment, endDate: '2025-13-01' } })).toThrow(/endDate/);
  });
});
