// Which points count for a school and how many 分值 each is worth after the
// template's normalisation. Pure.
//
// Rule (Scoring.normalisation 'proportional'): the authored 分值 of the scored
// points that apply to the school are scaled so they sum to the template's
// total; each is rounded down to 0.1 point and the tenths left over go, one
// each, to the points with the largest remainders (ties: template order). The
// sum is therefore exactly the total for every school type and profile.
// Veto and not-scored points are worth 0 and take no share.
import { notApplicableReason } from '../domain/applicability';
import type { SchoolProfile } from '../domain/profile';
import type { Item, Template } from '../template/schema';

/** Scores are kept in tenths of a point (integers) so sums are exact. */
export const TENTHS = 10;

export interface PointShare {
  item: Item;
  areaCode: string;
  /** The point's worth for this school, in tenths; 0 for veto and not-scored points. */
  maxTenths: number;
}

export function isScored(item: Item): boolean {
  const k = item.assess?.rule.kind;
  return k !== undefined && k !== 'veto' && k !== 'not_scored';
}

/** The applicable points of the template for the school (a school without a profile gets all). */
export function applicablePoints(template: Template, profile: SchoolProfile | null): { item: Item; areaCode: string }[] {
  return template.areas.flatMap((area) =>
    area.items
      .filter((item) => item.assess && (!profile || !notApplicableReason(item.applicability, profile)))
      .map((item) => ({ item, areaCode: area.code })),
  );
}

/** Each applicable point and its worth; throws when nothing scored applies (the template is unusable then). */
export function allocatePoints(template: Template, profile: SchoolProfile | null): PointShare[] {
  const total = (template.scoring?.total ?? 100) * TENTHS;
  const points = applicablePoints(template, profile);
  const scored = points.filter((p) => isScored(p.item));
  const raw = scored.reduce((sum, p) => sum + (p.item.assess?.points ?? 0), 0);
  if (raw <= 0) throw new Error(`template ${template.id} ${template.version} has no scored point for this school`);

  const exact = scored.map((p) => ((p.item.assess?.points ?? 0) * total) / raw);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - floors[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left -= 1;
  }
  const worth = new Map(scored.map((p, i) => [p.item.code, floors[i]!]));
  return points.map((p) => ({ ...p, maxTenths: worth.get(p.item.code) ?? 0 }));
}
