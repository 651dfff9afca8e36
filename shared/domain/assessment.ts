// An assessment: one school's answers for one period against one template version.
import { z } from 'zod';

export const PeriodKind = z.enum(['school_year', 'term']);
export type PeriodKind = z.infer<typeof PeriodKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date like 2024-09-01');
export const IsoDate = isoDate;

export const Assessment = z.object({
  id: z.string(),
  templateId: z.string(),
  templateVersion: z.string(),
  periodKind: PeriodKind,
  /** e.g. "2024–2025 学年" */
  label: z.string().min(1).max(100),
  startDate: isoDate,
  endDate: isoDate,
  createdAt: z.string(),
  /** Set once exported: a frozen assessment is never edited again (lessons-from-peers §3). */
  frozenAt: z.string().nullable(),
  /** The frozen assessment this one continues, when edits were made after an export. */
  replacesId: z.string().nullable(),
  version: z.number().int().positive(),
});
export type Assessment = z.infer<typeof Assessment>;

export const NewAssessment = Assessment.pick({
  templateId: true,
  templateVersion: true,
  periodKind: true,
  label: true,
  startDate: true,
  endDate: true,
}).refine((a) => a.startDate < a.endDate, { message: 'assessment.error.dates', path: ['endDate'] });
export type NewAssessment = z.infer<typeof NewAssessment>;
