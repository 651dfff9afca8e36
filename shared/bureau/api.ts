// The bureau workspace's HTTP API (browser ↔ collection server), one zod
// schema per body. The server parses requests and the browser parses answers
// with these same schemas, so the two cannot drift apart silently. Every path
// is below WORKSPACE_API; errors are the protocol's ErrorBody
// (shared/sync/protocol.ts) with a ServerErrorCode.
//
// Sessions: POST login sets an HttpOnly, SameSite=Strict cookie scoped to
// WORKSPACE_BASE; every request that changes something also sends the
// session's CSRF token in the CSRF_HEADER (double submit is not enough for a
// cookie the page cannot read, so the token comes back in the login answer
// and in GET me).
import { z } from 'zod';
import { Level } from '../template/instrument';
import { SchoolType } from '../template/schema';
import { ItemStatusKind } from '../domain/status';

export const WORKSPACE_BASE = '/bureau';
export const WORKSPACE_API = '/bureau/api';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'sc_bureau';

const IsoTime = z.string().datetime({ offset: true });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Sha512Hex = z.string().regex(/^[0-9a-f]{128}$/);

// ---- people and access ------------------------------------------------------

export const ROLES = ['admin', 'reviewer', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Which schools a reviewer or viewer may see; null = all (administrators always). */
export const Scope = z.object({ counties: z.array(z.string()), schools: z.array(z.string()) }).nullable();
export type Scope = z.infer<typeof Scope>;

export const UserName = z.string().min(1).max(60).regex(/^[^\s]+$/, 'no spaces in a user name');

export const LoginRequest = z.object({ name: UserName, password: z.string().min(1).max(200) }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({ name: z.string(), role: Role, scope: Scope, csrf: z.string().min(32), expiresAt: IsoTime });
export type Me = z.infer<typeof Me>;

export const UserRow = z.object({ name: z.string(), role: Role, scope: Scope, createdAt: IsoTime, lockedUntil: IsoTime.nullable(), disabled: z.boolean() });
export type UserRow = z.infer<typeof UserRow>;

export const NewUserRequest = z.object({ name: UserName, role: Role, password: z.string().min(10).max(200), scope: Scope }).strict();
export type NewUserRequest = z.infer<typeof NewUserRequest>;

export const AuditRow = z.object({ at: IsoTime, user: z.string().nullable(), action: z.string(), target: z.string().nullable(), detail: z.string() });
export type AuditRow = z.infer<typeof AuditRow>;

// ---- campaigns and completeness ---------------------------------------------

/** on_time / late: a receipt exists (first receipt before / after the deadline's end, server's time zone); rejected: only rejections; missing: nothing. */
export const SUBMISSION_STATES = ['on_time', 'late', 'rejected', 'missing'] as const;
export const SubmissionState = z.enum(SUBMISSION_STATES);
export type SubmissionState = z.infer<typeof SubmissionState>;

export const Counts = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  rejected: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

export const CampaignSummary = Counts.extend({
  id: z.string(),
  label: z.string(),
  templateId: z.string(),
  templateVersion: z.string(),
  deadline: IsoDate,
  createdAt: IsoTime,
  /** = expected; kept under this name for `campaign list --json` scripts. */
  schools: z.number().int(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const NewCampaignRequest = z.object({ label: z.string().min(1).max(200), template: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'ID@VERSION'), deadline: IsoDate }).strict();
export type NewCampaignRequest = z.infer<typeof NewCampaignRequest>;

/** The answer to a roster upload (PUT …/roster with the XLSX or CSV bytes as the body). */
export const RosterResult = z.object({ imported: z.number().int(), problems: z.array(z.object({ row: z.number().int(), message: z.string() })) });
export type RosterResult = z.infer<typeof RosterResult>;

export const REVIEW_STATES = ['none', 'draft', 'published'] as const;

export const SchoolRow = z.object({
  code: z.string(),
  name: z.string(),
  type: SchoolType,
  county: z.string(),
  state: SubmissionState,
  /** First receipt (for on time / late) and the latest version received. */
  firstReceivedAt: IsoTime.nullable(),
  latestReceivedAt: IsoTime.nullable(),
  versions: z.number().int(),
  total: z.number().nullable(),
  level: Level.nullable(),
  review: z.enum(REVIEW_STATES),
  /** Points to rectify: still open (incl. reopened), rectified by the school awaiting check, closed; overdue = open past the deadline. */
  rectify: z.object({ open: z.number().int(), rectified: z.number().int(), closed: z.number().int(), overdue: z.number().int() }),
});
export type SchoolRow = z.infer<typeof SchoolRow>;

export const Completeness = z.object({
  campaign: CampaignSummary,
  overall: Counts,
  counties: z.array(Counts.extend({ county: z.string() })),
  schools: z.array(SchoolRow),
});
export type Completeness = z.infer<typeof Completeness>;

// ---- one school's submission ------------------------------------------------

export const VersionRow = z.object({
  sha512: Sha512Hex,
  bagId: z.string(),
  assessmentVersion: z.number().int(),
  receivedAt: IsoTime,
  via: z.enum(['upload', 'import']),
  receiptSeq: z.number().int(),
  signerKeyId: z.string(),
  /** Set when the package is a rectification report answering this review. */
  answersReview: z.string().nullable(),
});
export type VersionRow = z.infer<typeof VersionRow>;

/**
 * The latest received version's report.json as the school made it (parse it
 * with shared/report/schema.ts ReportJson) plus the list of versions; evidence
 * is fetched from packageFile(sha512, path).
 */
export const Submission = z.object({
  school: SchoolRow,
  versions: z.array(VersionRow),
  /** The report.json of the version shown (the latest by default, or ?version=SHA512). */
  shownSha512: Sha512Hex.nullable(),
  report: z.unknown().nullable(),
});
export type Submission = z.infer<typeof Submission>;

export const packageFilePath = (sha512: string, bagPath: string): string => `${WORKSPACE_API}/packages/${sha512}/files/${bagPath.split('/').map(encodeURIComponent).join('/')}`;

// ---- review and rectification -----------------------------------------------

export const POINT_STATES = ['open', 'rectified', 'closed', 'reopened'] as const;
export const PointState = z.enum(POINT_STATES);
export type PointState = z.infer<typeof PointState>;

export const ReviewPointInput = z.object({
  code: z.string(),
  /** 复核分 (v2 instruments), or null when the reviewer gives none. */
  score: z.number().min(0).max(100).nullable(),
  /** The reviewer's finding for this item (v1 and v2 alike). */
  status: ItemStatusKind.nullable(),
  comment: z.string().max(2000),
  /** Must be rectified (限期整改). */
  rectify: z.boolean(),
});
export type ReviewPointInput = z.infer<typeof ReviewPointInput>;

export const ReviewDraft = z
  .object({
    /** 督导意见 */
    opinion: z.string().max(20000),
    /** 整改期限; the server proposes today + 30 days. */
    deadline: IsoDate,
    points: z.array(ReviewPointInput).max(1000),
  })
  .strict();
export type ReviewDraft = z.infer<typeof ReviewDraft>;

export const RectificationEntry = z.object({
  measures: z.string(),
  responsible: z.string(),
  deadline: IsoDate.nullable(),
  status: z.enum(['in_progress', 'done']),
  evidenceCount: z.number().int(),
  sha512: Sha512Hex,
  receivedAt: IsoTime,
});

export const ReviewPointView = ReviewPointInput.extend({
  state: PointState.nullable(),
  /** The school's latest rectification of this point, if any. */
  rectification: RectificationEntry.nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: IsoTime.nullable(),
  checkComment: z.string().nullable(),
});
export type ReviewPointView = z.infer<typeof ReviewPointView>;

export const ReviewView = z.object({
  id: z.string(),
  campaignId: z.string(),
  schoolCode: z.string(),
  /** The package reviewed. */
  sha512: Sha512Hex,
  state: z.enum(['draft', 'published']),
  opinion: z.string(),
  deadline: IsoDate,
  reviewer: z.string(),
  updatedAt: IsoTime,
  publishedAt: IsoTime.nullable(),
  /** Sum of review scores and the level they give (v2), null before. */
  total: z.number().nullable(),
  level: Level.nullable(),
  points: z.array(ReviewPointView),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const CheckRequest = z.object({ comment: z.string().max(2000) }).strict();
export type CheckRequest = z.infer<typeof CheckRequest>;

// ---- across schools ---------------------------------------------------------

export const PointStats = z.object({
  code: z.string(),
  title: z.string(),
  areaCode: z.string(),
  key: z.boolean(),
  max: z.number().nullable(),
  met: z.number().int(),
  partly: z.number().int(),
  notMet: z.number().int(),
  unanswered: z.number().int(),
  notApplicable: z.number().int(),
  meanSelf: z.number().nullable(),
  meanReview: z.number().nullable(),
});
export type PointStats = z.infer<typeof PointStats>;

export const Analytics = z.object({
  filter: z.object({ county: z.string().nullable(), type: SchoolType.nullable() }),
  schools: z.number().int(),
  points: z.array(PointStats),
  aspects: z.array(z.object({ areaCode: z.string(), title: z.string(), met: z.number().int(), partly: z.number().int(), notMet: z.number().int(), meanSelf: z.number().nullable() })),
  /** Self-score totals in bands of 10 (0–9.9 … 90–100). */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  levels: z.record(Level, z.number().int()),
  keyFailures: z.array(z.object({ code: z.string(), title: z.string(), schools: z.array(z.object({ code: z.string(), name: z.string() })) })),
});
export type Analytics = z.infer<typeof Analytics>;

// ---- the route table (one place for both sides) -----------------------------

export const workspacePaths = {
  login: `${WORKSPACE_API}/login`,
  logout: `${WORKSPACE_API}/logout`,
  me: `${WORKSPACE_API}/me`,
  users: `${WORKSPACE_API}/users`,
  audit: `${WORKSPACE_API}/audit`,
  campaigns: `${WORKSPACE_API}/campaigns`,
  roster: (campaign: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/roster`,
  completeness: (campaign: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/completeness`,
  /** XLSX: roster with status, schools × points, reviews, 整改 (streamed). */
  exportXlsx: (campaign: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/export.xlsx`,
  /** XLSX of the schools that have not submitted (for reminders). */
  missingXlsx: (campaign: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/missing.xlsx`,
  analytics: (campaign: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/analytics`,
  submission: (campaign: string, school: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/schools/${encodeURIComponent(school)}`,
  review: (campaign: string, school: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/schools/${encodeURIComponent(school)}/review`,
  publish: (campaign: string, school: string) => `${WORKSPACE_API}/campaigns/${encodeURIComponent(campaign)}/schools/${encodeURIComponent(school)}/review/publish`,
  closePoint: (review: string, code: string) => `${WORKSPACE_API}/reviews/${encodeURIComponent(review)}/points/${encodeURIComponent(code)}/close`,
  reopenPoint: (review: string, code: string) => `${WORKSPACE_API}/reviews/${encodeURIComponent(review)}/points/${encodeURIComponent(code)}/reopen`,
} as const;
