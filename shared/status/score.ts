// The self-score of a v2 assessment: per point by its 评分标准, a principal's
// adjustment only with a written reason, the level, the points lost per aspect
// and the 一票否决 cap with its reason. Pure: app, report and bureau tools call
// it with the same inputs and get the same figures.
//
// Rules:
// - A point's worth is its share after normalisation (points.ts).
// - Fraction earned by rule (see instrument.ts ScoringRule); unanswered = 0.
//   A point whose evidence is short (status reason 'reason.evidence.short')
//   earns at most Scoring.evidenceShortFraction of its worth.
// - Adjustment: the principal may set a point's self-score to any figure from
//   0 to its worth, in 0.1 steps, with a reason of at least
//   Scoring.adjustmentReasonMin characters; the computed figure stays beside it.
// - Level: the highest level whose threshold the total reaches. Any applicable
//   veto point that is not met (not_met, partly_met or unanswered: an
//   unanswered veto cannot be assumed passed) caps the level at 'fail', and
//   the result names those points.
// - review: the bureau's review score, null until the bureau fills it.
import type { AnswerValue } from '../domain/answer';
import type { SchoolProfile } from '../domain/profile';
import type { ItemStatus } from '../domain/status';
import type { Level } from '../template/instrument';
import type { Item, Template } from '../template/schema';
import { allocatePoints, TENTHS } from './points';
import { effectiveTarget, meetsTarget } from './targets';

export interface Adjustment {
  /** The principal's self-score for the point, in points. */
  points: number;
  reason: string;
}

export interface ScoreInput {
  template: Template;
  profile: SchoolProfile | null;
  statuses: readonly ItemStatus[];
  answers: Record<string, AnswerValue | null>;
  adjustments?: Record<string, Adjustment>;
}

export interface PointScore {
  code: string;
  areaCode: string;
  indicator: string;
  max: number;
  /** Computed by the rule. */
  computed: number;
  adjustment: Adjustment | null;
  /** The self-score: the adjustment when there is one, else the computed figure. */
  self: number;
  /** The bureau's review score (复核分), filled later. */
  review: number | null;
  veto: boolean;
}

export interface AspectScore {
  areaCode: string;
  max: number;
  self: number;
  lost: number;
}

export interface ScoreResult {
  total: number;
  max: number;
  /** Level by score alone. */
  scoreLevel: Level;
  /** The level after the veto cap. */
  level: Level;
  /** Veto points that capped the level (empty when none did). */
  vetoFailed: string[];
  /** Applicable scored points not yet answered. */
  unanswered: string[];
  aspects: AspectScore[];
  points: PointScore[];
}

export class ScoreError extends Error {}

const toPoints = (tenths: number): number => Math.round(tenths) / TENTHS;

/** Null when the adjustment is acceptable, else what is wrong with it (English, for logs and errors). */
export function adjustmentProblem(adj: Adjustment, max: number, reasonMin: number): string | null {
  if (!Number.isFinite(adj.points) || adj.points < 0 || adj.points > max) return `adjusted score ${adj.points} is outside 0–${max}`;
  if (Math.abs(adj.points * TENTHS - Math.round(adj.points * TENTHS)) > 1e-9) return `adjusted score ${adj.points} is not in steps of 0.1`;
  if (adj.reason.trim().length < reasonMin) return `an adjustment needs a written reason of at least ${reasonMin} characters`;
  return null;
}

/** Fraction of the point earned by its rule, 0..1. */
export function ruleFraction(item: Item, status: ItemStatus, answer: AnswerValue | null | undefined, profile: SchoolProfile | null): number {
  const rule = item.assess?.rule;
  if (!rule || status.status === 'unanswered' || status.status === 'not_applicable') return 0;
  switch (rule.kind) {
    case 'veto':
    case 'not_scored':
      return 0;
    case 'status':
      return status.status === 'met' ? 1 : status.status === 'partly_met' ? rule.partial : 0;
    case 'target': {
      const target = effectiveTarget(item, profile);
      if (!target || !answer || (answer.type !== 'number' && answer.type !== 'percentage')) return 0;
      if (meetsTarget(answer.value, target)) return 1;
      if (!rule.partial) return 0;
      const { ratio, fraction } = rule.partial;
      if (target.op === 'gte') return answer.value >= target.value * ratio ? fraction : 0;
      if (target.op === 'lte') return target.value > 0 && answer.value <= target.value / ratio ? fraction : 0;
      return 0;
    }
    case 'deduct': {
      const worth = item.assess?.points ?? 0;
      const chosen = answer?.type === 'checklist' ? new Set(answer.parts) : new Set<string>();
      const missing =
        item.type === 'checklist'
          ? item.parts.filter((p) => !chosen.has(p.value)).length
          : Math.max(0, (status.eventRequired ?? 0) - (status.eventCount ?? 0));
      return worth <= 0 ? 0 : Math.max(0, 1 - (rule.per * missing) / worth);
    }
  }
}

const evidenceShort = (s: ItemStatus): boolean => s.evidenceCount < s.evidenceRequired;

export function levelFor(total: number, template: Template): Level {
  const levels = template.scoring?.levels;
  if (!levels) throw new ScoreError(`template ${template.id} ${template.version} has no levels`);
  if (total >= levels.excellent) return 'excellent';
  if (total >= levels.good) return 'good';
  if (total >= levels.pass) return 'pass';
  return 'fail';
}

export function scoreAssessment(input: ScoreInput): ScoreResult {
  const { template, profile } = input;
  const scoring = template.scoring;
  if (!scoring) throw new ScoreError(`template ${template.id} ${template.version} is not scored (no "scoring")`);
  const statusOf = new Map(input.statuses.map((s) => [s.itemCode, s]));
  const points: PointScore[] = [];
  const vetoFailed: string[] = [];
  const unanswered: string[] = [];

  for (const share of allocatePoints(template, profile)) {
    const { item } = share;
    const status = statusOf.get(item.code);
    if (!status) throw new ScoreError(`no status for point ${item.code}`);
    const isVeto = item.assess?.rule.kind === 'veto';
    if (isVeto && status.status !== 'met') vetoFailed.push(item.code);
    if (!isVeto && share.maxTenths > 0 && status.status === 'unanswered') unanswered.push(item.code);

    let fraction = ruleFraction(item, status, input.answers[item.code], profile);
    if (evidenceShort(status)) fraction = Math.min(fraction, scoring.evidenceShortFraction);
    const computedTenths = Math.round(share.maxTenths * fraction);
    const max = toPoints(share.maxTenths);
    const adj = input.adjustments?.[item.code] ?? null;
    if (adj) {
      const problem = adjustmentProblem(adj, max, scoring.adjustmentReasonMin);
      if (problem) throw new ScoreError(`${item.code}: ${problem}`);
    }
    const computed = toPoints(computedTenths);
    points.push({
      code: item.code,
      areaCode: share.areaCode,
      indicator: item.assess?.indicator ?? '',
      max,
      computed,
      adjustment: adj,
      self: adj ? adj.points : computed,
      review: null,
      veto: isVeto,
    });
  }

  const sumTenths = (list: readonly PointScore[], pick: (p: PointScore) => number): number =>
    list.reduce((s, p) => s + Math.round(pick(p) * TENTHS), 0);
  const aspects = template.areas
    .map((area) => {
      const mine = points.filter((p) => p.areaCode === area.code);
      const maxT = sumTenths(mine, (p) => p.max);
      const selfT = sumTenths(mine, (p) => p.self);
      return { areaCode: area.code, max: toPoints(maxT), self: toPoints(selfT), lost: toPoints(maxT - selfT) };
    })
    .filter((a) => a.max > 0);
  const total = toPoints(sumTenths(points, (p) => p.self));
  const scoreLevel = levelFor(total, template);
  return {
    total,
    max: scoring.total,
    scoreLevel,
    level: vetoFailed.length > 0 ? 'fail' : scoreLevel,
    vetoFailed,
    unanswered,
    aspects,
    points,
  };
}
