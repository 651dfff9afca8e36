// Bridge methods of the review domain (issue 12 §5–6): the bureau's signed
// reviews received (feed or stick), what the reviewer said per item beside the
// school's own answer, the principal's 整改 entries, and making the
// rectification package (a new version bound to the review; the existing
// export writes it).
import { z } from 'zod';
import { method } from './define';
import { IsoDate } from '../domain/assessment';
import { ItemStatusKind } from '../domain/status';
import { Level } from '../template/instrument';

const Id = z.string().min(1).max(100);

export const RectificationEntryView = z.object({
  code: z.string(),
  measures: z.string(),
  responsible: z.string(),
  deadline: IsoDate.nullable(),
  status: z.enum(['in_progress', 'done']),
  evidenceIds: z.array(z.string()),
  revision: z.number().int(),
  savedBy: z.string(),
  savedAt: z.string(),
});
export type RectificationEntryView = z.infer<typeof RectificationEntryView>;

export const RecheckView = z.object({ state: z.enum(['closed', 'reopened']), comment: z.string(), by: z.string(), at: z.string() });

export const ReviewPointDetail = z.object({
  code: z.string(),
  /** The item's title from the template (the code when the template is not installed). */
  title: z.string(),
  /** The school's own answer in the version reviewed; null when that version is not on this computer. */
  school: z.object({ status: ItemStatusKind, valueText: z.string().nullable() }).nullable(),
  score: z.number().nullable(),
  status: ItemStatusKind.nullable(),
  comment: z.string(),
  rectify: z.boolean(),
  check: RecheckView.nullable(),
  entry: RectificationEntryView.nullable(),
});
export type ReviewPointDetail = z.infer<typeof ReviewPointDetail>;

export const ReviewSummary = z.object({
  id: z.string(),
  campaign: z.string(),
  reviewer: z.string(),
  published: z.string(),
  deadline: IsoDate,
  bagId: z.string(),
  toRectify: z.number().int(),
  entered: z.number().int(),
  closed: z.number().int(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewDetail = ReviewSummary.extend({
  opinion: z.string(),
  total: z.number().nullable(),
  level: Level.nullable(),
  docSha512: z.string(),
  /** The assessment version the rectification report is made from, once asked for. */
  rectificationAssessmentId: z.string().nullable(),
  points: z.array(ReviewPointDetail),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

export const SaveRectificationEntry = z.object({
  reviewId: Id,
  code: z.string().min(1).max(40),
  measures: z.string().max(5000),
  responsible: z.string().max(200),
  deadline: IsoDate.nullable(),
  status: z.enum(['in_progress', 'done']),
  evidenceIds: z.array(Id).max(200),
  /** The entry's revision the form started from (0: new). */
  revision: z.number().int().min(0),
});
export type SaveRectificationEntry = z.infer<typeof SaveRectificationEntry>;

export const reviewMethods = {
  'review.list': method(z.object({}), z.array(ReviewSummary)),
  'review.get': method(z.object({ id: Id }), ReviewDetail),
  /** The newest review that has this item, for the item page; null when none. */
  'review.forItem': method(z.object({ code: z.string().min(1).max(40) }), z.object({ reviewId: z.string(), campaign: z.string(), point: ReviewPointDetail }).nullable()),
  'review.saveEntry': method(SaveRectificationEntry, RectificationEntryView),
  /** Binds the rectification report to the next version (continuing the reviewed one if needed); export that assessment next. */
  'review.prepare': method(z.object({ id: Id }), z.object({ assessmentId: z.string(), version: z.number().int() })),
  /** Review documents from a stick, picked in the page: <name>.json and its .minisig. */
  'review.import': method(
    z.object({ files: z.array(z.object({ name: z.string().max(300), json: z.string().max(400_000), minisig: z.string().max(4000) })).min(1).max(100) }),
    z.array(z.object({ name: z.string(), ok: z.boolean(), reviewId: z.string().nullable(), error: z.string().nullable() })),
  ),
};
