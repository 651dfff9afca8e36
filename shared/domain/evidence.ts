// Evidence: files stored once by content hash, linked to any number of items.
import { z } from 'zod';
import { IsoDate } from './assessment';

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const EvidenceFile = z.object({
  id: z.string(),
  sha256: Sha256Hex,
  /** The name the file had when it was added (display only, never a path). */
  originalName: z.string(),
  mime: z.string(),
  size: z.number().int().min(0),
  caption: z.string().max(500),
  takenOn: IsoDate.nullable(),
  hasThumbnail: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  addedAt: z.string(),
  addedBy: z.string(),
  deletedAt: z.string().nullable(),
  links: z.array(z.object({ assessmentId: z.string(), itemCode: z.string() })),
  /** Events this file documents. */
  eventIds: z.array(z.string()),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** Large photos can be shrunk on import (lessons-from-peers §6). */
export const PhotoDownscale = z.enum(['off', '1024', '2048', '3072']);
export type PhotoDownscale = z.infer<typeof PhotoDownscale>;
