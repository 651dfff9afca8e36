// Evidence files: import (sniff, downscale, thumbnail, durable write, then the row),
// links to items and events, soft delete, stats, and serving lookups.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/define';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { EvidenceFileStore, sha256Hex } from '../evidence/fileStore';
import { downscalePhoto, imageSize, makeThumbnail, type ImageSize } from '../evidence/images';
import { sniffType, type SniffedType } from '../evidence/sniff';
import type { AssessmentService } from './assessments';
import type { ServiceContext } from './context';
import { isoNow } from './context';
import { invalid, notFound } from './errors';
import { findRowByHash, loadEvidenceFiles, type EvidenceRow } from './evidenceRows';
import type { EventService } from './events';
import type { SettingsService } from './settings';
import type { TemplateService } from './templates';

export interface EvidenceLink {
  assessmentId: string;
  itemCode: string;
}

export interface ImportEvidence {
  name: string;
  bytes: Uint8Array;
  caption?: string;
  takenOn?: string | null;
  link?: EvidenceLink;
  eventId?: string;
}

export interface ServedFile {
  path: string;
  mime: string;
  /** The name the file was imported under (for a download's file name). */
  name: string;
}

export class EvidenceService {
  constructor(
    private readonly ctx: ServiceContext,
    readonly store: EvidenceFileStore,
    private readonly deps: { assessments: AssessmentService; templates: TemplateService; events: EventService; settings: SettingsService },
  ) {}

  list(includeDeleted = false): EvidenceFile[] {
    return loadEvidenceFiles(this.ctx.db, includeDeleted);
  }

  get(id: string): EvidenceFile {
    const f = loadEvidenceFiles(this.ctx.db, true, id)[0];
    if (!f) throw notFound('evidence.notFound', id);
    return f;
  }

  async import(input: ImportEvidence): Promise<EvidenceFile> {
    if (input.bytes.byteLength === 0) throw invalid('evidence.empty', { name: input.name });
    // Check the targets first so a bad request writes nothing.
    if (input.link) this.checkLinkTarget(input.link);
    if (input.eventId) this.checkEventTarget(input.eventId);
    const type = await sniffType(input.bytes, input.name);
    const sourceSha = sha256Hex(input.bytes);
    // Held for the whole import, so a concurrent purge never removes these bytes under us.
    const release = this.store.hold([sourceSha]);
    try {
      const existing = findRowByHash(this.ctx.db, sourceSha);
      if (existing && (await this.store.has(existing.sha256))) {
        const reused = this.reuse(existing.id, input);
        if (reused) return reused;
      }
      const id = await this.storeNew(input, type, sourceSha);
      const added = this.reuse(id, input);
      if (!added) throw notFound('evidence.notFound', id);
      return added;
    } finally {
      release();
    }
  }

  /** Writes the file(s) durably, then commits the row; returns the row id (an existing one if the bytes raced in). */
  private async storeNew(input: ImportEvidence, type: SniffedType, sourceSha: string): Promise<string> {
    const settings = this.deps.settings.get();
    let stored = { bytes: input.bytes, mime: type.mime, size: null as ImageSize | null };
    let source: { sha: string; mime: string; size: number; kept: boolean } | null = null;
    let thumb: Uint8Array | null = null;
    if (type.decodable) {
      const size = await imageSize(input.bytes, input.name);
      stored.size = size;
      const small = await downscalePhoto(input.bytes, type.mime, settings.photoDownscale, size);
      if (small) {
        source = { sha: sourceSha, mime: type.mime, size: input.bytes.byteLength, kept: settings.keepOriginalPhoto };
        stored = { bytes: small.bytes, mime: small.mime, size: small.size };
      }
      thumb = await makeThumbnail(stored.bytes);
    }
    const sha = source ? sha256Hex(stored.bytes) : sourceSha;
    const release = this.store.hold([sha]);
    try {
      await this.store.put(stored.bytes, sha);
      if (source?.kept) await this.store.put(input.bytes, sourceSha);
      if (thumb) await this.store.putThumb(sha, thumb);
      // The files are durable; only now may a row point at them.
      return this.ctx.db.transaction((): string => {
        const raced = findRowByHash(this.ctx.db, sourceSha) ?? findRowByHash(this.ctx.db, sha);
        if (raced) return raced.id; // the same bytes were imported concurrently
        const row: EvidenceRow = {
          id: randomUUID(),
          sha256: sha,
          original_name: input.name,
          mime: stored.mime,
          size: stored.bytes.byteLength,
          caption: input.caption ?? '',
          taken_on: input.takenOn ?? null,
          width: stored.size?.width ?? null,
          height: stored.size?.height ?? null,
          has_thumbnail: thumb ? 1 : 0,
          thumb_size: thumb?.byteLength ?? 0,
          source_sha256: source?.sha ?? null,
          source_mime: source?.mime ?? null,
          source_size: source?.size ?? null,
          source_kept: source?.kept ? 1 : 0,
          added_at: isoNow(this.ctx),
          added_by: this.ctx.userName(),
          deleted_at: null,
        };
        this.ctx.db
          .prepare(
            `INSERT INTO evidence_files (id, sha256, original_name, mime, size, caption, taken_on, width, height, has_thumbnail,
               thumb_size, source_sha256, source_mime, source_size, source_kept, added_at, added_by, deleted_at)
             VALUES (@id, @sha256, @original_name, @mime, @size, @caption, @taken_on, @width, @height, @has_thumbnail,
               @thumb_size, @source_sha256, @source_mime, @source_size, @source_kept, @added_at, @added_by, @deleted_at)`,
          )
          .run(row);
        return row.id;
      }).immediate();
    } finally {
      release();
    }
  }

  /**
   * Same bytes again: the one row comes back (undeleted), with the new caption and links.
   * Null when the row no longer exists (purged meanwhile).
   */
  private reuse(id: string, input: ImportEvidence): EvidenceFile | null {
    const db = this.ctx.db;
    const found = db.transaction((): boolean => {
      if (db.prepare('UPDATE evidence_files SET deleted_at = NULL WHERE id = ?').run(id).changes === 0) return false;
      if (input.caption !== undefined && input.caption !== '') db.prepare('UPDATE evidence_files SET caption = ? WHERE id = ?').run(input.caption, id);
      if (input.takenOn !== undefined) db.prepare('UPDATE evidence_files SET taken_on = ? WHERE id = ?').run(input.takenOn, id);
      if (input.link) this.insertLink(id, input.link);
      if (input.eventId) this.insertEventLink(id, input.eventId);
      return true;
    }).immediate();
    return found ? this.get(id) : null;
  }

  update(id: string, patch: { caption?: string; takenOn?: string | null }): EvidenceFile {
    this.get(id);
    const db = this.ctx.db;
    db.transaction(() => {
      if (patch.caption !== undefined) db.prepare('UPDATE evidence_files SET caption = ? WHERE id = ?').run(patch.caption, id);
      if (patch.takenOn !== undefined) db.prepare('UPDATE evidence_files SET taken_on = ? WHERE id = ?').run(patch.takenOn, id);
    })();
    return this.get(id);
  }

  link(id: string, link: EvidenceLink): EvidenceFile {
    this.get(id);
    this.ctx.db.transaction(() => this.insertLink(id, link)).immediate();
    return this.get(id);
  }

  unlink(id: string, link: EvidenceLink): EvidenceFile {
    this.get(id);
    this.deps.assessments.requireEditable(link.assessmentId);
    this.ctx.db
      .prepare('DELETE FROM evidence_links WHERE evidence_id = ? AND assessment_id = ? AND item_code = ?')
      .run(id, link.assessmentId, link.itemCode);
    return this.get(id);
  }

  linkEvent(id: string, eventId: string): EvidenceFile {
    this.get(id);
    this.ctx.db.transaction(() => this.insertEventLink(id, eventId)).immediate();
    return this.get(id);
  }

  unlinkEvent(id: string, eventId: string): EvidenceFile {
    this.get(id);
    this.deps.events.get(eventId);
    this.ctx.db.prepare('DELETE FROM event_evidence WHERE evidence_id = ? AND event_id = ?').run(id, eventId);
    return this.get(id);
  }

  /**
   * Soft delete: hidden now, purged (with its file, if nothing else uses it) after the grace period.
   * Refused while a frozen assessment that no newer version continues links the file: it is part
   * of what was exported and must stay visible there. Continuing that assessment into a new
   * version, where the file can be unlinked, lifts the refusal.
   */
  delete(id: string): EvidenceFile {
    this.get(id);
    const db = this.ctx.db;
    db.transaction(() => {
      const holder = db
        .prepare(
          `SELECT a.id, a.label, a.version FROM evidence_links l JOIN assessments a ON a.id = l.assessment_id
           WHERE l.evidence_id = ? AND a.frozen_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.replaces_id = a.id)
           ORDER BY a.start_date DESC, a.version DESC LIMIT 1`,
        )
        .get(id) as { id: string; label: string; version: number } | undefined;
      if (holder) throw new ApiError('conflict', 'evidence.inFrozenAssessment', { id: holder.id, label: holder.label, version: holder.version });
      db.prepare('UPDATE evidence_files SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(isoNow(this.ctx), id);
    }).immediate();
    return this.get(id);
  }

  undelete(id: string): EvidenceFile {
    this.get(id);
    this.ctx.db.prepare('UPDATE evidence_files SET deleted_at = NULL WHERE id = ?').run(id);
    return this.get(id);
  }

  /** Files and bytes the user sees, and bytes the store holds (originals, thumbnails, deleted-but-kept). */
  stats(): { files: number; bytes: number; storedBytes: number } {
    const r = this.ctx.db
      .prepare(
        `SELECT
           coalesce(sum(CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END), 0) AS files,
           coalesce(sum(CASE WHEN deleted_at IS NULL THEN size ELSE 0 END), 0) AS bytes,
           coalesce(sum(size + thumb_size + CASE WHEN source_kept = 1 THEN source_size ELSE 0 END), 0) AS storedBytes
         FROM evidence_files`,
      )
      .get() as { files: number; bytes: number; storedBytes: number };
    return r;
  }

  /** Ids of the non-deleted files linked to each item of an assessment, by item code. */
  idsByItem(assessmentId: string): Record<string, string[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT l.item_code AS code, l.evidence_id AS id FROM evidence_links l JOIN evidence_files f ON f.id = l.evidence_id
         WHERE l.assessment_id = ? AND f.deleted_at IS NULL ORDER BY l.item_code, l.linked_at`,
      )
      .all(assessmentId) as { code: string; id: string }[];
    const byItem: Record<string, string[]> = {};
    for (const r of rows) (byItem[r.code] ??= []).push(r.id);
    return byItem;
  }

  /**
   * Where to read a stored file from, for the web server and the app:// protocol.
   * Only hashes a row names are served; null otherwise.
   */
  resolveForServing(sha: string, variant: 'original' | 'thumb'): ServedFile | null {
    if (!/^[0-9a-f]{64}$/.test(sha)) return null;
    const row = this.ctx.db
      .prepare('SELECT * FROM evidence_files WHERE sha256 = ? OR (source_sha256 = ? AND source_kept = 1) LIMIT 1')
      .get(sha, sha) as EvidenceRow | undefined;
    if (!row) return null;
    if (variant === 'thumb')
      return row.has_thumbnail ? { path: this.store.thumbPath(row.sha256), mime: 'image/jpeg', name: row.original_name } : null;
    const mime = row.sha256 === sha ? row.mime : (row.source_mime ?? 'application/octet-stream');
    return { path: this.store.objectPath(sha), mime, name: row.original_name };
  }

  private checkLinkTarget(link: EvidenceLink): void {
    const a = this.deps.assessments.requireEditable(link.assessmentId);
    if (!this.deps.templates.item(a.templateId, a.templateVersion, link.itemCode))
      throw invalid('answer.unknownItem', { itemCode: link.itemCode });
  }

  private checkEventTarget(eventId: string): void {
    if (this.deps.events.get(eventId).deletedAt) throw invalid('event.deleted', { id: eventId });
  }

  private insertLink(id: string, link: EvidenceLink): void {
    this.checkLinkTarget(link);
    this.ctx.db
      .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, assessment_id, item_code, linked_at) VALUES (?, ?, ?, ?)')
      .run(id, link.assessmentId, link.itemCode, isoNow(this.ctx));
  }

  private insertEventLink(id: string, eventId: string): void {
    this.checkEventTarget(eventId);
    this.ctx.db.prepare('INSERT OR IGNORE INTO event_evidence (event_id, evidence_id) VALUES (?, ?)').run(eventId, id);
  }
}
