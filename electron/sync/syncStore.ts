// The one owner of the sync tables (migration 004): every read and write of the
// connection, the outbox, the signed documents and the template offers goes
// through here, so the states can only move the ways listed below.
//
//   queued ──> uploading ──> received            (receipt stored; the local copy goes)
//      ^           │    └──> rejected            (rejection stored; quarantined, never retried)
//      │           │    └──> conflict            (the bureau holds other bytes for this bag id)
//      └── failed <┘                             (network / server trouble: will retry after next_attempt_at)
import type { Db } from '../store/db';

export type OutboxState = 'queued' | 'uploading' | 'failed' | 'received' | 'conflict' | 'rejected';

export interface ServerRow {
  url: string;
  serverName: string;
  bureauKey: string;
  bureauKeyId: string;
  connectedAt: string;
  serverTime: string | null;
  localTime: string | null;
  lastSeq: number;
  templatesEtag: string | null;
  lastContactAt: string | null;
  lastError: string | null;
}

export interface OutboxItem {
  sha512: string;
  bagId: string;
  file: string;
  size: number;
  assessmentId: string | null;
  assessmentVersion: number | null;
  state: OutboxState;
  uploadUrl: string | null;
  uploadOffset: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  reason: string | null;
  addedAt: string;
  updatedAt: string;
}

export interface StoredDocument {
  sha512: string;
  kind: 'receipt' | 'rejection';
  bagId: string | null;
  seq: number;
  received: string;
  json: string;
  minisig: string;
  keyId: string;
  via: string;
  storedAt: string;
}

export interface TemplateOffer {
  sha512: string;
  templateId: string;
  version: string;
  size: number;
  publishedAt: string;
  file: string;
  keyId: string;
  fetchedAt: string;
  installedAt: string | null;
}

const OUTBOX_COLS = `sha512, bag_id AS bagId, file, size, assessment_id AS assessmentId, assessment_version AS assessmentVersion,
  state, upload_url AS uploadUrl, upload_offset AS uploadOffset, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, reason, added_at AS addedAt, updated_at AS updatedAt`;

export class SyncStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private iso(): string {
    return this.now().toISOString();
  }

  // ---- the server ----

  server(): ServerRow | null {
    const row = this.db
      .prepare(
        `SELECT url, server_name AS serverName, bureau_key AS bureauKey, bureau_key_id AS bureauKeyId, connected_at AS connectedAt,
          server_time AS serverTime, local_time AS localTime, last_seq AS lastSeq, templates_etag AS templatesEtag,
          last_contact_at AS lastContactAt, last_error AS lastError FROM sync_server WHERE id = 1`,
      )
      .get() as ServerRow | undefined;
    return row ?? null;
  }

  /** Connecting to another server (or the same again) starts its receipt and template bookkeeping afresh. */
  setServer(s: { url: string; serverName: string; bureauKey: string; bureauKeyId: string }): void {
    this.db
      .prepare(
        `INSERT INTO sync_server (id, url, server_name, bureau_key, bureau_key_id, connected_at) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, server_name = excluded.server_name, bureau_key = excluded.bureau_key,
           bureau_key_id = excluded.bureau_key_id, connected_at = excluded.connected_at, last_seq = 0, templates_etag = NULL, last_error = NULL`,
      )
      .run(s.url, s.serverName, s.bureauKey, s.bureauKeyId, this.iso());
  }

  recordContact(c: { serverTime?: string; localTime?: string; error?: string | null }): void {
    this.db
      .prepare(
        `UPDATE sync_server SET server_time = coalesce(?, server_time), local_time = coalesce(?, local_time),
           last_contact_at = CASE WHEN ? IS NULL THEN ? ELSE last_contact_at END, last_error = ? WHERE id = 1`,
      )
      .run(c.serverTime ?? null, c.localTime ?? null, c.error ?? null, this.iso(), c.error ?? null);
  }

  setLastSeq(seq: number): void {
    this.db.prepare('UPDATE sync_server SET last_seq = max(last_seq, ?) WHERE id = 1').run(seq);
  }

  setTemplatesEtag(etag: string | null): void {
    this.db.prepare('UPDATE sync_server SET templates_etag = ? WHERE id = 1').run(etag);
  }

  // ---- the outbox ----

  /** Adds a package; the same bytes again are the same entry (returns false then). */
  enqueue(p: { sha512: string; bagId: string; file: string; size: number; assessmentId?: string; assessmentVersion?: number }): boolean {
    const t = this.iso();
    const r = this.db
      .prepare(
        `INSERT INTO outbox (sha512, bag_id, file, size, assessment_id, assessment_version, state, added_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (sha512) DO NOTHING`,
      )
      .run(p.sha512, p.bagId, p.file, p.size, p.assessmentId ?? null, p.assessmentVersion ?? null, t, t);
    return r.changes === 1;
  }

  items(): OutboxItem[] {
    return this.db.prepare(`SELECT ${OUTBOX_COLS} FROM outbox ORDER BY added_at, sha512`).all() as OutboxItem[];
  }

  item(sha512: string): OutboxItem | null {
    return (this.db.prepare(`SELECT ${OUTBOX_COLS} FROM outbox WHERE sha512 = ?`).get(sha512) as OutboxItem | undefined) ?? null;
  }

  /** Packages still to send: queued, interrupted or failed; with `dueOnly`, failed ones only once their wait is over. */
  pending(dueOnly: boolean): OutboxItem[] {
    return this.db
      .prepare(
        `SELECT ${OUTBOX_COLS} FROM outbox WHERE state IN ('queued', 'uploading', 'failed')
           AND (? = 0 OR state != 'failed' OR next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY added_at, sha512`,
      )
      .all(dueOnly ? 1 : 0, this.iso()) as OutboxItem[];
  }

  startUpload(sha512: string): void {
    this.db.prepare(`UPDATE outbox SET state = 'uploading', attempts = attempts + 1, updated_at = ? WHERE sha512 = ?`).run(this.iso(), sha512);
  }

  setUploadUrl(sha512: string, url: string | null): void {
    this.db.prepare('UPDATE outbox SET upload_url = ?, upload_offset = 0, updated_at = ? WHERE sha512 = ?').run(url, this.iso(), sha512);
  }

  setOffset(sha512: string, offset: number): void {
    this.db.prepare('UPDATE outbox SET upload_offset = ?, updated_at = ? WHERE sha512 = ?').run(offset, this.iso(), sha512);
  }

  fail(sha512: string, error: string, nextAttemptAt: Date): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'failed', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE sha512 = ? AND state IN ('queued', 'uploading', 'failed')`)
      .run(error, nextAttemptAt.toISOString(), this.iso(), sha512);
  }

  setFile(sha512: string, file: string): void {
    this.db.prepare('UPDATE outbox SET file = ?, updated_at = ? WHERE sha512 = ?').run(file, this.iso(), sha512);
  }

  conflict(sha512: string, message: string): void {
    this.db.prepare(`UPDATE outbox SET state = 'conflict', reason = ?, upload_url = NULL, updated_at = ? WHERE sha512 = ?`).run(message, this.iso(), sha512);
  }

  /** "Send now": failed and conflicting entries become due at once (rejected ones never are). */
  retryNow(sha512?: string): number {
    const r = this.db
      .prepare(
        `UPDATE outbox SET state = CASE WHEN state = 'conflict' THEN 'queued' ELSE state END, next_attempt_at = NULL, updated_at = ?
         WHERE state IN ('queued', 'uploading', 'failed', 'conflict') AND (? IS NULL OR sha512 = ?)`,
      )
      .run(this.iso(), sha512 ?? null, sha512 ?? null);
    return r.changes;
  }

  // ---- receipts and rejections ----

  /**
   * Stores a verified document and settles its outbox entry in one transaction.
   * A document for a package already settled the same way is kept as it was.
   */
  settle(doc: Omit<StoredDocument, 'storedAt'>): { stored: boolean; item: OutboxItem | null } {
    return this.db.transaction(() => {
      const r = this.db
        .prepare(
          `INSERT INTO sync_documents (sha512, kind, bag_id, seq, received, json, minisig, key_id, via, stored_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha512) DO NOTHING`,
        )
        .run(doc.sha512, doc.kind, doc.bagId, doc.seq, doc.received, doc.json, doc.minisig, doc.keyId, doc.via, this.iso());
      const state: OutboxState = doc.kind === 'receipt' ? 'received' : 'rejected';
      this.db
        .prepare(
          `UPDATE outbox SET state = ?, reason = ?, upload_url = NULL, next_attempt_at = NULL, last_error = NULL, updated_at = ?
           WHERE sha512 = ? AND state NOT IN ('received', 'rejected')`,
        )
        .run(state, doc.kind === 'rejection' ? reasonOf(doc.json) : null, this.iso(), doc.sha512);
      return { stored: r.changes === 1, item: this.item(doc.sha512) };
    })();
  }

  documents(): StoredDocument[] {
    return this.db
      .prepare(
        `SELECT sha512, kind, bag_id AS bagId, seq, received, json, minisig, key_id AS keyId, via, stored_at AS storedAt
         FROM sync_documents ORDER BY seq, sha512`,
      )
      .all() as StoredDocument[];
  }

  document(sha512: string): StoredDocument | null {
    return this.documents().find((d) => d.sha512 === sha512) ?? null;
  }

  // ---- template offers ----

  addTemplateOffer(t: Omit<TemplateOffer, 'fetchedAt' | 'installedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO sync_templates (sha512, template_id, version, size, published_at, file, key_id, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha512) DO NOTHING`,
      )
      .run(t.sha512, t.templateId, t.version, t.size, t.publishedAt, t.file, t.keyId, this.iso());
  }

  templateOffers(): TemplateOffer[] {
    return this.db
      .prepare(
        `SELECT sha512, template_id AS templateId, version, size, published_at AS publishedAt, file, key_id AS keyId,
           fetched_at AS fetchedAt, installed_at AS installedAt FROM sync_templates ORDER BY published_at`,
      )
      .all() as TemplateOffer[];
  }

  markTemplateInstalled(sha512: string): void {
    this.db.prepare('UPDATE sync_templates SET installed_at = coalesce(installed_at, ?) WHERE sha512 = ?').run(this.iso(), sha512);
  }
}

function reasonOf(json: string): string | null {
  try {
    const v = JSON.parse(json) as { reason?: unknown };
    return typeof v.reason === 'string' ? v.reason : null;
  } catch {
    return null;
  }
}
