// Figures for a group of items (an area, or the whole checklist).
//
// Rules:
// - total = applicable items; answered = applicable items not "unanswered";
//   met / partlyMet / notMet count applicable items by status; notApplicable
//   counts the rest.
// - progress = answered / total (0 when nothing applies).
// - compliance = Σ weight × score / Σ weight over applicable items, with
//   met = 1, partly_met = 0.5, not_met and unanswered = 0 (0 when nothing
//   applies). The overall figure is computed over all items the same way, not
//   as an average of the areas, so a large area weighs more than a small one.
// - Key items (一票否决) must be fully met: an applicable key item that is
//   partly_met or not_met is listed as failed. An unanswered one is not failed
//   (nobody has judged it yet); the pre-export check names it among the unanswered.
import type { AreaSummary, ItemStatus, ItemStatusKind } from '../domain/status';
import type { Item } from '../template/schema';

export interface ItemWithStatus {
  item: Item;
  status: ItemStatus;
}

export type Figures = Omit<AreaSummary, 'areaCode'>;

const SCORE: Record<ItemStatusKind, number> = { met: 1, partly_met: 0.5, not_met: 0, unanswered: 0, not_applicable: 0 };

export function summarize(entries: readonly ItemWithStatus[]): Figures {
  const count = (kind: ItemStatusKind): number => entries.filter((e) => e.status.status === kind).length;
  const applicable = entries.filter((e) => e.status.status !== 'not_applicable');
  const total = applicable.length;
  const answered = total - count('unanswered');
  const weight = applicable.reduce((sum, e) => sum + e.item.weight, 0);
  const score = applicable.reduce((sum, e) => sum + e.item.weight * SCORE[e.status.status], 0);
  return {
    total,
    answered,
    met: count('met'),
    partlyMet: count('partly_met'),
    notMet: count('not_met'),
    notApplicable: count('not_applicable'),
    progress: total === 0 ? 0 : answered / total,
    compliance: weight === 0 ? 0 : score / weight,
  };
}

/** Codes of applicable key items that are not fully met, in template order. */
export function failedKeyItems(entries: readonly ItemWithStatus[]): string[] {
  return entries
    .filter((e) => e.item.key && (e.status.status === 'partly_met' || e.status.status === 'not_met'))
    .map((e) => e.item.code);
}
