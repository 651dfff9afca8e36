// The minisign trusted comment of a package: canonical JSON (sorted keys, no
// spaces) naming what was signed. It is covered by the signature, so the
// verifier compares it with the bag and with report.json / template.json.
import { z } from 'zod';

export const SIGNED_COMMENT_APP = 'selfcheck';

export const ReportComment = z.object({
  app: z.literal(SIGNED_COMMENT_APP),
  kind: z.literal('report'),
  bag: z.string(),
  school: z.string(),
  assessment: z.string(),
  version: z.number().int().positive(),
  signed: z.string(),
});
export type ReportComment = z.infer<typeof ReportComment>;

export const TemplateComment = z.object({
  app: z.literal(SIGNED_COMMENT_APP),
  kind: z.literal('template'),
  bag: z.string(),
  template: z.string(),
  version: z.string(),
  signed: z.string(),
});
export type TemplateComment = z.infer<typeof TemplateComment>;

/** Parses a trusted comment as JSON, or returns null (a comment made by someone else's tool). */
export function parseCommentJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
