// Version 2 of the checklist is an evaluation instrument, not only a ledger:
// aspect (the template's areas) → key indicator (an area's `indicators`) →
// point (an item with `assess`). Every point carries 分值, a 评分标准 the app
// applies, and 评价方式; the template carries the levels and the rule that
// makes the applicable points of every school type sum to the total.
// Everything here is optional in the Template schema, so a v1 template (and
// every assessment made on it) stays valid as it is.
import { z } from 'zod';
import { LocalizedText } from './i18nText';

/** 评价方式: how a reviewer checks the point. Metadata only; the app does not use it to score. */
export const ASSESS_METHODS = ['documents', 'site_visit', 'interview', 'questionnaire'] as const;
export const AssessMethod = z.enum(ASSESS_METHODS);
export type AssessMethod = z.infer<typeof AssessMethod>;

/**
 * 评分标准 as a rule the app applies; the fraction of the point's 分值 earned:
 * - status:     met = full; partly_met = `partial` of it; not_met / unanswered = 0.
 * - target:     the answered figure meets the (school type's) target = full;
 *               reaches `partial.ratio` of it (≥ ratio × target for "at least"
 *               targets, ≤ target ÷ ratio for "at most" ones) = `partial.fraction`; else 0.
 * - deduct:     each missing part of a checklist, or each missing event of an
 *               event rule, takes `per` points off (never below 0).
 * - veto:       一票否决: adds no points; a failed one caps the level.
 * - not_scored: 条件保障 the bureau provides (e.g. the network): recorded, not scored.
 */
export const ScoringRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), partial: z.number().min(0).max(1) }),
  z.strictObject({
    kind: z.literal('target'),
    partial: z.strictObject({ ratio: z.number().gt(0).lt(1), fraction: z.number().gt(0).lt(1) }).optional(),
  }),
  z.strictObject({ kind: z.literal('deduct'), per: z.number().positive() }),
  z.strictObject({ kind: z.literal('veto') }),
  z.strictObject({ kind: z.literal('not_scored') }),
]);
export type ScoringRule = z.infer<typeof ScoringRule>;

/**
 * A 一票否决 point defined so it does not reward concealment: the school fails
 * it for concealment (瞒报), failure to act (处置不力) or a case of serious
 * impact, as decided by `decider` (认定主体); `scope` says what does not count
 * against the school (e.g. one teacher's case is that teacher's veto).
 */
export const VetoDefinition = z.strictObject({
  decider: LocalizedText,
  scope: LocalizedText,
});
export type VetoDefinition = z.infer<typeof VetoDefinition>;

/** The assessment side of one point. */
export const PointAssessment = z.strictObject({
  /** Code of the key indicator (关键指标) in the item's area. */
  indicator: z.string().regex(/^[A-Z]{1,4}\d{1,2}$/),
  /** 分值 as authored; see Scoring.normalisation for how they become the total. */
  points: z.number().min(0).max(20),
  rule: ScoringRule,
  /** 评分标准 in words, as printed on the bureau's form. */
  criteria: LocalizedText,
  methods: z.array(AssessMethod).min(1),
  veto: VetoDefinition.optional(),
});
export type PointAssessment = z.infer<typeof PointAssessment>;

/** 关键指标 of an aspect (area). */
export const KeyIndicator = z.strictObject({
  code: z.string().regex(/^[A-Z]{1,4}\d{1,2}$/),
  title: LocalizedText,
});
export type KeyIndicator = z.infer<typeof KeyIndicator>;

export const LEVELS = ['excellent', 'good', 'pass', 'fail'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

export const LEVEL_WORDS: Record<Level, LocalizedText> = {
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', en: 'Good' },
  pass: { 'zh-CN': '合格', en: 'Pass' },
  fail: { 'zh-CN': '不合格', en: 'Fail' },
};

/** The template's scoring rules; a bureau may change the thresholds. */
export const Scoring = z
  .strictObject({
    total: z.literal(100),
    /**
     * The only normalisation: the authored 分值 of the points that apply to the
     * school are scaled to `total`, rounded to 0.1 point, remainders given by
     * largest remainder so the sum is exactly `total`. `rule` says it in words.
     */
    normalisation: z.literal('proportional'),
    rule: LocalizedText,
    /** Lowest score of each level (fail is whatever is below pass). */
    levels: z.strictObject({ excellent: z.number(), good: z.number(), pass: z.number() }),
    /** A point whose evidence is short earns at most this fraction of its 分值. */
    evidenceShortFraction: z.number().min(0).max(1),
    /** Written reason required for a principal's adjustment, at least this many characters. */
    adjustmentReasonMin: z.number().int().min(1),
  })
  .refine((s) => s.levels.excellent > s.levels.good && s.levels.good > s.levels.pass && s.levels.pass > 0, {
    message: 'levels must fall: excellent > good > pass > 0',
  });
export type Scoring = z.infer<typeof Scoring>;

export const CODE_CHANGES = ['same', 'reworded', 'split', 'merged', 'retyped', 'moved_to_bureau_option', 'dropped', 'new'] as const;

/**
 * One row of the v1 → v2 map. An answer (and its events and evidence links)
 * carries over only when `carry` is true: the item's meaning is unchanged and
 * the answer's shape still fits; every other v2 point needs a fresh answer.
 */
export const CodeMapRow = z.strictObject({
  from: z.array(z.string()),
  to: z.array(z.string()),
  change: z.enum(CODE_CHANGES),
  carry: z.boolean(),
  note: LocalizedText,
});
export type CodeMapRow = z.infer<typeof CodeMapRow>;

export const Predecessor = z.strictObject({
  id: z.string(),
  version: z.string(),
  map: z.array(CodeMapRow).min(1),
});
export type Predecessor = z.infer<typeof Predecessor>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date like 2025-09-01');

/**
 * The school calendar (校历) the bureau sets: terms and holidays. "Per school
 * day / week" points count only days inside a term and outside a holiday
 * (Monday–Friday); a boarding school adds the weekend days its boarders stay.
 */
export const SchoolCalendar = z.strictObject({
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
  terms: z.array(z.strictObject({ start: IsoDay, end: IsoDay })).min(1).max(3),
  holidays: z.array(z.strictObject({ start: IsoDay, end: IsoDay, name: LocalizedText })),
});
export type SchoolCalendar = z.infer<typeof SchoolCalendar>;

/** School days (Monday–Friday inside a term, outside holidays) from `from` to `to`, both inclusive. */
export function schoolDays(cal: SchoolCalendar, from: string, to: string): number {
  let n = 0;
  const end = new Date(`${to}T00:00:00Z`);
  for (let d = new Date(`${from}T00:00:00Z`); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const wd = d.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    if (!cal.terms.some((t) => day >= t.start && day <= t.end)) continue;
    if (cal.holidays.some((h) => day >= h.start && day <= h.end)) continue;
    n += 1;
  }
  return n;
}
