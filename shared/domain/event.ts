// A dated activity (drill, meeting, lesson, screening, parent session, ...).
// Items with a frequency rule count the events of their kind in the period.
import { z } from 'zod';
import { IsoDate } from './assessment';

export const SchoolEvent = z.object({
  id: z.string(),
  kind: z.string().min(1),
  date: IsoDate,
  title: z.string().trim().min(1).max(200),
  participants: z.number().int().min(0).nullable(),
  note: z.string().max(5_000),
  createdAt: z.string(),
  createdBy: z.string(),
  deletedAt: z.string().nullable(),
  evidenceIds: z.array(z.string()),
});
export type SchoolEvent = z.infer<typeof SchoolEvent>;

export const EventInput = SchoolEvent.pick({ kind: true, date: true, title: true, participants: true, note: true }).extend({
  id: z.string().optional(),
});
export type EventInput = z.infer<typeof EventInput>;
