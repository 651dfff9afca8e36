// Scoring a v2 assessment: 100 points for every school type and profile, the
// rules per point, the principal's adjustment, levels and the veto cap.
import { allocatePoints } from '../../shared/status/points';
import { profileVariants } from '../../shared/status/instrumentSummary';
import { levelFor, scoreAssessment, ScoreError } from '../../shared/status/score';
import { allItems, type Item, type Template } from '../../shared/template/schema';
import { allMet, INSTRUMENTS, KINDERGARTEN_V2, profileOf, SCHOOL_V2, withStatus } from './helpers';

const find = (t: Template, code: string) => t.areas.flatMap((a) => a.items).find((i) => i.code === code)!;
/** The first point matching: tests name points by what they are, not by a code that renumbering may move. */
const codeOf = (t: Template, match: (i: Item) => boolean): string => {
  const hit = allItems(t).find(match);
  if (!hit) throw new Error('no such point in the template');
  return hit.code;
};
const ETHICS_VETO = codeOf(SCHOOL_V2, (i) => i.key && i.title['zh-CN'].includes('师德'));
const SAFETY_VETO = codeOf(SCHOOL_V2, (i) => i.key && i.title['zh-CN'].includes('安全事故'));
const CURRICULUM = codeOf(SCHOOL_V2, (i) => i.title['zh-CN'].includes('开齐开足'));
const ACTIVITY = codeOf(SCHOOL_V2, (i) => i.title['zh-CN'].includes('每天在校体育活动时间'));
const CLASS_SIZE = codeOf(SCHOOL_V2, (i) => i.title['zh-CN'].includes('56人'));
const DROWNING = codeOf(SCHOOL_V2, (i) => i.title['zh-CN'].includes('防溺水'));
const PROVISION = codeOf(SCHOOL_V2, (i) => i.assess?.rule.kind === 'not_scored' && i.type === 'checklist');
const OBSERVATION = codeOf(KINDERGARTEN_V2, (i) => i.title['zh-CN'].includes('观察记录'));

describe('the applicable points sum to exactly 100', () => {
  for (const t of INSTRUMENTS)
    for (const type of t.schoolTypes ?? [])
      it(`${t.id} ${t.version}, ${type}, every profile combination that changes applicability`, () => {
        const variants = profileVariants(t, type);
        expect(variants.length).toBeGreaterThanOrEqual(4);
        const seen = new Set<string>();
        const sums = new Set<number>();
        let worstRounding = 0;
        for (const p of variants) {
          const shares = allocatePoints(t, p);
          seen.add(shares.map((s) => s.item.code).join());
          sums.add(shares.reduce((s, x) => s + x.maxTenths, 0));
          // Each share is the proportional one, to within a tenth (the rounding).
          const scored = shares.filter((s) => s.maxTenths > 0);
          const raw = scored.reduce((s, x) => s + x.item.assess!.points, 0);
          for (const s of scored) worstRounding = Math.max(worstRounding, Math.abs(s.maxTenths - (s.item.assess!.points * 1000) / raw));
        }
        expect([...sums]).toEqual([1000]);
        expect(worstRounding).toBeLessThan(1);
        // The variants really change what applies (else the test proves little).
        expect(seen.size).toBeGreaterThan(1);
      });
});

describe('levels and the veto cap', () => {
  const profile = profileOf('primary');
  const base = allMet(SCHOOL_V2, profile);

  it('a school meeting every point scores 100 and is excellent', () => {
    const r = scoreAssessment({ template: SCHOOL_V2, profile, ...base });
    expect(r.total).toBe(100);
    expect(r.level).toBe('excellent');
    expect(r.vetoFailed).toEqual([]);
    expect(r.aspects.every((a) => a.lost === 0)).toBe(true);
    expect(r.aspects.reduce((s, a) => s + a.max, 0)).toBeCloseTo(100, 5);
  });

  it('thresholds come from the template: 90 / 80 / 60, and a bureau may move them', () => {
    expect([levelFor(90, SCHOOL_V2), levelFor(89.9, SCHOOL_V2), levelFor(80, SCHOOL_V2), levelFor(60, SCHOOL_V2), levelFor(59.9, SCHOOL_V2)]).toEqual([
      'excellent',
      'good',
      'good',
      'pass',
      'fail',
    ]);
    const strict = { ...SCHOOL_V2, scoring: { ...SCHOOL_V2.scoring!, levels: { excellent: 95, good: 85, pass: 70 } } };
    expect(levelFor(90, strict)).toBe('good');
  });

  it('a failed veto point caps the level at fail whatever the score, and says which', () => {
    const statuses = withStatus(base.statuses, ETHICS_VETO, { status: 'not_met' });
    const r = scoreAssessment({ template: SCHOOL_V2, profile, statuses, answers: { ...base.answers, ETHICS_VETO: { type: 'yes_no', value: false } } });
    expect(r.total).toBe(100); // veto points add nothing and take nothing
    expect(r.scoreLevel).toBe('excellent');
    expect(r.level).toBe('fail');
    expect(r.vetoFailed).toEqual([ETHICS_VETO]);
  });

  it('an unanswered veto point is not assumed passed', () => {
    const statuses = withStatus(base.statuses, SAFETY_VETO, { status: 'unanswered' });
    expect(scoreAssessment({ template: SCHOOL_V2, profile, statuses, answers: base.answers }).level).toBe('fail');
  });

  it('points lost are reported per aspect', () => {
    const statuses = withStatus(base.statuses, CURRICULUM, { status: 'not_met' });
    const r = scoreAssessment({ template: SCHOOL_V2, profile, statuses, answers: base.answers });
    const cur = r.aspects.find((a) => a.areaCode === CURRICULUM.slice(0, 3))!;
    const worth = r.points.find((p) => p.code === CURRICULUM)!.max;
    expect(worth).toBeGreaterThan(0);
    expect(cur.lost).toBeCloseTo(worth, 5);
    expect(r.total).toBeCloseTo(100 - worth, 5);
    expect(r.aspects.filter((a) => a.areaCode !== CURRICULUM.slice(0, 3)).every((a) => a.lost === 0)).toBe(true);
  });
});

describe('rules per point', () => {
  const profile = profileOf('primary');
  const base = allMet(SCHOOL_V2, profile);
  const score = (code: string, patch: Parameters<typeof withStatus>[2], answer?: unknown) =>
    scoreAssessment({
      template: SCHOOL_V2,
      profile,
      statuses: withStatus(base.statuses, code, patch),
      answers: answer === undefined ? base.answers : { ...base.answers, [code]: answer as never },
    }).points.find((p) => p.code === code)!;

  it('target with a partial band: ≥ target full, ≥ 80% half, below 0', () => {
    const item = find(SCHOOL_V2, ACTIVITY); // daily activity ≥ 60 minutes
    expect(item.assess!.rule).toEqual({ kind: 'target', partial: { ratio: 0.8, fraction: 0.5 } });
    const full = score(ACTIVITY, {}, { type: 'number', value: 60 });
    const half = score(ACTIVITY, { status: 'not_met' }, { type: 'number', value: 48 });
    const none = score(ACTIVITY, { status: 'not_met' }, { type: 'number', value: 47 });
    expect(full.computed).toBe(full.max);
    expect(half.computed).toBeCloseTo(full.max / 2, 0);
    expect(none.computed).toBe(0);
  });

  it('an "at most" target with 0 has no partial band: one class of 56+ loses the point', () => {
    expect(score(CLASS_SIZE, { status: 'not_met' }, { type: 'number', value: 1 }).computed).toBe(0);
  });

  it('deduct: each missing checklist part takes its share off', () => {
    const item = find(SCHOOL_V2, DROWNING);
    if (item.type !== 'checklist' || item.assess?.rule.kind !== 'deduct') throw new Error('SAF-06 should be a deduct checklist');
    const p = score(DROWNING, { status: 'partly_met' }, { type: 'checklist', parts: item.parts.slice(2).map((x) => x.value) });
    const expected = p.max * (1 - (2 * item.assess.rule.per) / item.assess.points);
    expect(p.computed).toBeCloseTo(expected, 0);
    expect(p.computed).toBeLessThan(p.max);
  });

  it('evidence short: at most half the point', () => {
    const p = score(CURRICULUM, { evidenceCount: 0 });
    expect(p.computed).toBeLessThanOrEqual(p.max / 2 + 0.05);
    expect(p.computed).toBeGreaterThan(0);
  });

  it('not-scored (条件保障) points are worth nothing and take nothing', () => {
    const p = score(PROVISION, { status: 'not_met' });
    expect(find(SCHOOL_V2, PROVISION).assess!.rule.kind).toBe('not_scored');
    expect(p.max).toBe(0);
  });
});

describe("the principal's adjustment", () => {
  const profile = profileOf('kindergarten');
  const base = allMet(KINDERGARTEN_V2, profile);
  const code = OBSERVATION;

  it('needs a written reason', () => {
    expect(() =>
      scoreAssessment({ template: KINDERGARTEN_V2, profile, ...base, adjustments: { [code]: { points: 1, reason: '  ' } } }),
    ).toThrow(ScoreError);
    expect(() =>
      scoreAssessment({ template: KINDERGARTEN_V2, profile, ...base, adjustments: { [code]: { points: 999, reason: '观察记录只覆盖了一半的班级，主动扣分。' } } }),
    ).toThrow(/outside/);
  });

  it('with a reason it becomes the self-score, the computed figure kept beside it; the review column is empty', () => {
    const reason = '观察记录只覆盖了一半的班级，主动扣分。';
    const r = scoreAssessment({ template: KINDERGARTEN_V2, profile, ...base, adjustments: { [code]: { points: 1, reason } } });
    const p = r.points.find((x) => x.code === code)!;
    expect(p.self).toBe(1);
    expect(p.computed).toBe(p.max);
    expect(p.adjustment).toEqual({ points: 1, reason });
    expect(p.review).toBeNull();
    expect(r.total).toBeCloseTo(100 - p.max + 1, 5);
  });
});

it('a v1 template cannot be scored, with a clear error', () => {
  const { V1 } = jest.requireActual<typeof import('./helpers')>('./helpers');
  expect(() => scoreAssessment({ template: V1, profile: profileOf('primary'), statuses: [], answers: {} })).toThrow(/not scored/);
});
