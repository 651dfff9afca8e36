// data/report.json: the machine-readable report inside a signed package.
// The bureau's tools read it, so its shape is published as JSON Schema
// (docs/report.schema.json, generated from this file by
// scripts/build-report-schema.ts; a test keeps the two equal).
//
// Confidential items (template flag `confidential`) contribute their status to
// the figures and nothing else: no value, no note, no reasons (their
// parameters can carry the value), no evidence captions or files.
import { z } from 'zod';
import { AnswerValue } from '../domain/answer';
import { PeriodKind, IsoDate } from '../domain/assessment';
import { Locale } from '../domain/settings';
import { SchoolCode } from '../domain/profile';
import { ItemStatusKind, AreaSummary } from '../domain/status';
import { LocalizedText, SchoolType } from '../template/schema';
import { ReportScore } from './score';

export const REPORT_FORMAT = 'selfcheck-report';
/** Version 2 adds the optional score block of v2 instruments; version 1 reports still read. */
export const REPORT_FORMAT_VERSION = 2;
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2];

const Sha512Hex = z.string().regex(/^[0-9a-f]{128}$/);
/** A path inside the bag, always below data/ (relative to the bag root). */
const BagPath = z
  .string()
  .regex(/^data\/[^\\]+$/)
  .refine((p) => !p.split('/').includes('..'), 'no ".." in a bag path');

/** A file of the package, as the report refers to it. */
export const ReportFile = z.object({
  path: BagPath,
  sha512: Sha512Hex,
  size: z.number().int().min(0),
  mime: z.string(),
  caption: z.string(),
  /** The name the file had at the school (display only). */
  originalName: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

/** A status reason: the key and parameters, and the text in the report's language. */
export const ReportReason = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});
export type ReportReason = z.infer<typeof ReportReason>;

export const Figures = AreaSummary.omit({ areaCode: true });
export type Figures = z.infer<typeof Figures>;

export const ReportItem = z.object({
  code: z.string(),
  areaCode: z.string(),
  title: z.string(),
  type: z.string(),
  status: ItemStatusKind,
  /** Key item (一票否决). */
  key: z.boolean(),
  confidential: z.boolean(),
  reasons: z.array(ReportReason),
  /** Omitted for confidential items and unanswered ones. */
  value: AnswerValue.optional(),
  /** The value in words, in the report's language; omitted with `value`. */
  valueText: z.string().optional(),
  note: z.string().optional(),
  evidenceCount: z.number().int().min(0),
  evidenceRequired: z.number().int().min(0),
  eventCount: z.number().int().min(0).optional(),
  eventRequired: z.number().int().min(0).optional(),
  /** Files linked to the item (empty for confidential items). */
  evidence: z.array(ReportFile),
});
export type ReportItem = z.infer<typeof ReportItem>;

export const ReportEvent = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  date: IsoDate,
  title: z.string(),
  participants: z.number().int().min(0).nullable(),
  evidence: z.array(ReportFile),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

/** One point of a rectification report: what the school did about a point the review marked. */
export const RectificationItem = z.object({
  code: z.string(),
  measures: z.string(),
  responsible: z.string(),
  deadline: IsoDate.nullable(),
  status: z.enum(['in_progress', 'done']),
  /** Files showing what was done (like an item's evidence). */
  evidence: z.array(ReportFile),
});
export type RectificationItem = z.infer<typeof RectificationItem>;

/**
 * A rectification report (整改报告) is a new package version that answers a
 * review: the review's id and the SHA-512 of the review document's json (the
 * exact signed bytes), and per point to rectify what the school did.
 */
export const Rectification = z.object({
  review: z.string(),
  reviewSha512: Sha512Hex,
  items: z.array(RectificationItem),
});
export type Rectification = z.infer<typeof Rectification>;

export const ReportJson = z.object({
  format: z.literal(REPORT_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(REPORT_FORMAT_VERSION)]),
  bagId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
  language: Locale,
  /** Device clock when the package was made (lessons-from-peers §10: not to be trusted blindly). */
  generatedAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  signer: z.object({ keyId: z.string().regex(/^[0-9A-F]{16}$/), publicKey: z.string() }),
  school: z.object({
    name: z.string(),
    code: SchoolCode,
    type: SchoolType,
    county: z.string(),
    counts: z.object({
      students: z.number().int().min(0),
      classes: z.number().int().min(0),
      staff: z.number().int().min(0),
      studentsWithDisabilities: z.number().int().min(0),
    }),
    boarding: z.boolean(),
    hasSchoolBus: z.boolean(),
    hasCanteen: z.boolean(),
  }),
  assessment: z.object({
    id: z.string(),
    version: z.number().int().positive(),
    /** The assessment version this one replaces (edits after an earlier export). */
    replaces: z.string().nullable(),
    label: z.string(),
    periodKind: PeriodKind,
    startDate: IsoDate,
    endDate: IsoDate,
    frozenAt: z.string(),
    template: z.object({ id: z.string(), version: z.string(), title: LocalizedText }),
  }),
  overall: Figures,
  areas: z.array(Figures.extend({ areaCode: z.string(), title: z.string() })),
  failedKeyItems: z.array(z.string()),
  /** v2 instruments only: self-score, level and the bureau's review column. */
  score: ReportScore.optional(),
  items: z.array(ReportItem),
  events: z.array(ReportEvent),
  /** Present when this version is a rectification report answering a review. */
  rectification: Rectification.optional(),
});
export type ReportJson = z.infer<typeof ReportJson>;

/** What a verifier shows from a report without the whole of it. */
export const ReportDigest = z.object({
  schoolName: z.string(),
  schoolCode: z.string(),
  assessmentLabel: z.string(),
  assessmentVersion: z.number().int(),
  period: z.string(),
  templateId: z.string(),
  templateVersion: z.string(),
  generatedAt: z.string(),
  items: z.number().int(),
  files: z.number().int(),
  overall: Figures,
});
export type ReportDigest = z.infer<typeof ReportDigest>;

export function digestReport(r: ReportJson): ReportDigest {
  const files = new Set([...r.items.flatMap((i) => i.evidence), ...r.events.flatMap((e) => e.evidence)].map((f) => f.path));
  return {
    schoolName: r.school.name,
    schoolCode: r.school.code,
    assessmentLabel: r.assessment.label,
    assessmentVersion: r.assessment.version,
    period: `${r.assessment.startDate}/${r.assessment.endDate}`,
    templateId: r.assessment.template.id,
    templateVersion: r.assessment.template.version,
    generatedAt: r.generatedAt,
    items: r.items.length,
    files: files.size,
    overall: r.overall,
  };
}
