// Computed status of an item, with the reason as a translatable message
// (key + params) so both languages can say it in words.
import { z } from 'zod';

export const ITEM_STATUSES = ['met', 'partly_met', 'not_met', 'not_applicable', 'unanswered'] as const;
export const ItemStatusKind = z.enum(ITEM_STATUSES);
export type ItemStatusKind = z.infer<typeof ItemStatusKind>;

/** A message for i18next: `key` under the `reason.` namespace, `params` interpolated. */
export const Reason = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Reason = z.infer<typeof Reason>;

export const ItemStatus = z.object({
  itemCode: z.string(),
  status: ItemStatusKind,
  reasons: z.array(Reason),
  evidenceCount: z.number().int(),
  evidenceRequired: z.number().int(),
  eventCount: z.number().int().optional(),
  eventRequired: z.number().int().optional(),
});
export type ItemStatus = z.infer<typeof ItemStatus>;

export const AreaSummary = z.object({
  areaCode: z.string(),
  total: z.number().int(), // applicable items
  answered: z.number().int(), // applicable items not "unanswered"
  met: z.number().int(),
  partlyMet: z.number().int(),
  notMet: z.number().int(),
  notApplicable: z.number().int(),
  /** answered / total, 0..1 */
  progress: z.number(),
  /** weighted score of applicable items: met = 1, partly = 0.5, else 0; 0..1 */
  compliance: z.number(),
});
export type AreaSummary = z.infer<typeof AreaSummary>;

export const AssessmentSummary = z.object({
  assessmentId: z.string(),
  items: z.array(ItemStatus),
  areas: z.array(AreaSummary),
  overall: AreaSummary.omit({ areaCode: true }),
  /** Applicable key items (一票否决) that are not met. */
  failedKeyItems: z.array(z.string()),
  computedAt: z.string(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;
