// The server database's tables as kysely sees them. Times are ISO-8601 text
// (sortable, the same on both engines); sizes are bigint in PostgreSQL, read
// back as numbers (see connect.ts). Package bytes are never stored here: only
// their SHA-512, which names the file in the blob folder.
export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: string;
}

export interface SchoolsTable {
  code: string;
  name: string;
  enrolled_at: string;
}

export interface SchoolKeysTable {
  key_id: string;
  school_code: string;
  public_key: string;
  /** 'active' keys may log in and sign; a rotation retires the old key. */
  status: 'active' | 'retired';
  source: 'sheet' | 'command-line' | 'rotation';
  enrolled_at: string;
}

export interface ChallengesTable {
  id: string;
  school_code: string;
  key_id: string;
  challenge: string;
  expires_at: string;
  used_at: string | null;
}

export interface TokensTable {
  /** SHA-256 of the bearer token: a copy of the database cannot log in. */
  token_hash: string;
  school_code: string;
  key_id: string;
  expires_at: string;
}

export interface UploadsTable {
  id: string;
  school_code: string;
  declared_size: number;
  created_at: string;
}

export interface PackagesTable {
  sha512: string;
  bag_id: string;
  school_code: string;
  size: number;
  stored_at: string;
}

export interface DocumentsTable {
  seq: number;
  kind: 'receipt' | 'rejection' | 'review' | 'recheck';
  /** The package's SHA-512 for receipts and rejections; for reviews and rechecks the SHA-512 of the document's own json. */
  sha512: string;
  bag_id: string | null;
  school_code: string | null;
  json: string;
  minisig: string;
  created_at: string;
}

/** One row (id 1): the receipt chain's head. Updating it first in a transaction serialises issuing across processes. */
export interface ChainTable {
  id: number;
  seq: number;
  last_hash: string | null;
}

export interface TemplatesTable {
  sha512: string;
  template_id: string;
  version: string;
  size: number;
  published_at: string;
}

// ---- the bureau workspace (migration 0002) ----------------------------------

export interface UsersTable {
  name: string;
  role: 'admin' | 'reviewer' | 'viewer';
  /** scrypt (node:crypto): "scrypt$N$r$p$salt-b64$hash-b64". */
  password_hash: string;
  /** JSON of shared/bureau/api.ts Scope, or null for all schools. */
  scope_json: string | null;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
}

export interface WebSessionsTable {
  /** SHA-256 of the cookie value. */
  token_hash: string;
  user_name: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface AuditTable {
  id: string;
  at: string;
  user_name: string | null;
  action: string;
  target: string | null;
  detail: string;
}

export interface CampaignsTable {
  id: string;
  label: string;
  template_id: string;
  template_version: string;
  deadline: string;
  created_at: string;
  created_by: string | null;
}

export interface RosterTable {
  campaign_id: string;
  school_code: string;
  name: string;
  type: string;
  county: string;
}

/** One row per received package: what the workspace lists without opening the zip. */
export interface ReportsTable {
  sha512: string;
  school_code: string;
  bag_id: string;
  assessment_id: string;
  assessment_version: number;
  template_id: string;
  template_version: string;
  school_type: string;
  county: string;
  signer_key_id: string;
  generated_at: string;
  received_at: string;
  via: string;
  receipt_seq: number;
  /** Self-score total and level (v2 instruments), else null. */
  total: number | null;
  level: string | null;
  /** The review this package answers (a rectification report), else null. */
  answers_review: string | null;
}

/** One row per item of a received package (for analytics across schools). */
export interface ReportPointsTable {
  sha512: string;
  code: string;
  status: string;
  self: number | null;
  max: number | null;
}

export interface ReviewsTable {
  id: string;
  campaign_id: string;
  school_code: string;
  sha512: string;
  state: 'draft' | 'published';
  opinion: string;
  deadline: string;
  reviewer: string;
  updated_at: string;
  published_at: string | null;
  /** seq of the signed review document in the documents chain, once published. */
  doc_seq: number | null;
}

export interface ReviewPointsTable {
  review_id: string;
  code: string;
  score: number | null;
  status: string | null;
  comment: string;
  rectify: number;
  /** null when not to be rectified; open → rectified (school) → closed / reopened (bureau). */
  state: string | null;
  checked_by: string | null;
  checked_at: string | null;
  check_comment: string | null;
}

/** What a rectification package said about one point. */
export interface RectificationsTable {
  sha512: string;
  review_id: string;
  code: string;
  measures: string;
  responsible: string;
  deadline: string | null;
  status: string;
  evidence_count: number;
  received_at: string;
}

export interface Database {
  server_migrations: MigrationsTable;
  schools: SchoolsTable;
  school_keys: SchoolKeysTable;
  challenges: ChallengesTable;
  tokens: TokensTable;
  uploads: UploadsTable;
  packages: PackagesTable;
  documents: DocumentsTable;
  chain: ChainTable;
  templates: TemplatesTable;
  users: UsersTable;
  web_sessions: WebSessionsTable;
  audit: AuditTable;
  campaigns: CampaignsTable;
  roster: RosterTable;
  reports: ReportsTable;
  report_points: ReportPointsTable;
  reviews: ReviewsTable;
  review_points: ReviewPointsTable;
  rectifications: RectificationsTable;
}
