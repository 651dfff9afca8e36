// What a school answers for one item. The shape follows the item type;
// event_log items are answered by the event log itself, so they only carry a note.
import { z } from 'zod';

export const AnswerValue = z.discriminatedUnion('type', [
  z.object({ type: z.literal('yes_no'), value: z.boolean() }),
  z.object({ type: z.literal('number'), value: z.number().finite() }),
  z.object({ type: z.literal('percentage'), value: z.number().min(0).max(100) }),
  z.object({ type: z.literal('single_choice'), value: z.string().min(1) }),
  z.object({ type: z.literal('multi_choice'), values: z.array(z.string().min(1)) }),
  z.object({ type: z.literal('text'), value: z.string().max(20_000) }),
  z.object({ type: z.literal('checklist'), parts: z.array(z.string().min(1)) }),
  z.object({ type: z.literal('event_log') }),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** The current answer of one item in one assessment. `value` null means cleared. */
export const Answer = z.object({
  assessmentId: z.string(),
  itemCode: z.string(),
  value: AnswerValue.nullable(),
  note: z.string().max(5_000),
  revision: z.number().int().positive(),
  savedBy: z.string(),
  savedAt: z.string(), // ISO 8601 device time
});
export type Answer = z.infer<typeof Answer>;

/** One entry of an item's history; restoring one writes a new revision with its value. */
export const AnswerRevision = Answer.extend({ id: z.number().int() });
export type AnswerRevision = z.infer<typeof AnswerRevision>;
