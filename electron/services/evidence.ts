// Evidence files: import (sniff, downscale, thumbnail, durable write, then the row),
// links to items and events, soft delete, stats, and serving lookups.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { ApiError } from '../../shared/api/define';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { EvidenceFileStore, sha256Hex } from '../evidence/fileStore';
import { downscalePhoto, imageError, imageSize, makeThumbnail, type Downscaled, type ImageSize } from '../evidence/images';
import { stageBytes, stageChunks, stageFile, type OnBytes, type Staged } from '../evidence/staging';
import { sniffType, type EvidenceCategory, type SniffedType } from '../evidence/sniff';
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

/** What the user says about a file being added (its bytes come separately). */
export interface EvidenceMeta {
  name: string;
  caption?: string;
  takenOn?: string | null;
  link?: EvidenceLink;
  eventId?: string;
  /** Names this import for `progress` (the page polls it to move its bar by bytes). */
  ticket?: string;
}

export interface ImportEvidence extends EvidenceMeta {
  bytes: Uint8Array;
}

/** An import under way, as `progress` reports it. */
export interface ImportProgress {
  bytesDone: number;
  /** 'copying' while bytes come in; 'processing' while the type is checked and photos are scaled. */
  phase: 'copying' | 'processing';
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

  /** Bytes already in memory (demo, tests, small API calls): staged like any other source. */
  async import(input: ImportEvidence): Promise<EvidenceFile> {
    if (input.bytes.byteLength === 0) throw invalid('evidence.empty', { name: input.name });
    return this.importStaged(input, () => stageBytes(this.store.incomingDir, input.bytes));
  }

  /** A file on disk (the desktop passes a path, never the bytes): read once, streaming. */
  async importFile(input: EvidenceMeta & { path: string }): Promise<EvidenceFile> {
    return this.importStaged(input, (onBytes) => stageFile(this.store.incomingDir, input.path, input.name, onBytes));
  }

  /** A streamed body (the web mode's upload, the phone intake); `accept` narrows the types taken. */
  async importStream(
    input: EvidenceMeta,
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
    accept?: readonly EvidenceCategory[],
  ): Promise<EvidenceFile> {
    const tooLarge = (): Error => invalid('evidence.tooLarge', { name: input.name, limitMb: Math.floor(maxBytes / 1048576) });
    return this.importStaged(input, (onBytes) => stageChunks(this.store.incomingDir, source, { onBytes, maxBytes, tooLarge }), accept);
  }

  /** How far the import named `ticket` has come; null when none is under way. */
  progress(ticket: string): ImportProgress | null {
    return this.running.get(ticket) ?? null;
  }

  private readonly running = new Map<string, ImportProgress>();

  private async importStaged(
    input: EvidenceMeta,
    stage: (onBytes: OnBytes) => Promise<Staged>,
    accept?: readonly EvidenceCategory[],
  ): Promise<EvidenceFile> {
    // Check the targets first so a bad request writes nothing.
    if (input.link) this.checkLinkTarget(input.link);
    if (input.eventId) this.checkEventTarget(input.eventId);
    const state: ImportProgress = { bytesDone: 0, phase: 'copying' };
    if (input.ticket) this.running.set(input.ticket, state);
    let staged: Staged | null = null;
    try {
      staged = await stage((n) => (state.bytesDone = n));
      state.phase = 'processing';
      if (staged.size === 0) throw invalid('evidence.empty', { name: input.name });
      const type = await sniffType(staged.head, input.name, staged.path);
      if (accept && !accept.includes(type.category)) throw invalid('intake.notPhoto', { name: input.name });
      // Held for the whole import, so a concurrent purge never removes these bytes under us.
      const release = this.store.hold([staged.sha256]);
      try {
        const existing = findRowByHash(this.ctx.db, staged.sha256);
        if (existing && (await this.store.has(existing.sha256))) {
          const reused = this.reuse(existing.id, input);
          if (reused) return reused;
        }
        return this.get(await this.storeNew(input, type, staged));
      } finally {
        release();
      }
    } finally {
      if (input.ticket) this.running.delete(input.ticket);
      // Adopted temp files were renamed away; anything left is a refusal's leftover.
      if (staged) await rm(staged.path, { force: true });
    }
  }

  /** Moves the file(s) in durably, then commits the row; returns the row id (an existing one if the bytes raced in). */
  private async storeNew(input: EvidenceMeta, type: SniffedType, staged: Staged): Promise<string> {
    const settings = this.deps.settings.get();
    let small: Downscaled | null = null;
    let size: ImageSize | null = null;
    let thumb: Uint8Array | null = null;
    if (type.decodable) {
      // sharp reads the staged file itself (libvips, off the event loop); only the small copy is in memory.
      size = await imageSize(staged.path, input.name);
      small = await downscalePhoto(staged.path, type.mime, settings.photoDownscale, size).catch((e: unknown) => {
        throw imageError(e, input.name);
      });
      thumb = await makeThumbnail(small ? small.bytes : staged.path).catch((e: unknown) => {
        throw imageError(e, input.name);
      });
    }
    const source = small ? { sha: staged.sha256, mime: type.mime, size: staged.size, kept: settings.keepOriginalPhoto } : null;
    const sha = small ? sha256Hex(small.bytes) : staged.sha256;
    const release = this.store.hold([sha]);
    try {
      if (small) {
        await this.store.put(small.bytes, sha);
        if (source?.kept) await this.store.adopt(staged.path, staged.sha256, staged.size);
      } else await this.store.adopt(staged.path, sha, staged.size);
      if (thumb) await this.store.putThumb(sha, thumb);
      // The files are durable; only now may a row point at them.
      return this.ctx.db.transaction((): string => {
        const raced = findRowByHash(this.ctx.db, staged.sha256) ?? findRowByHash(this.ctx.db, sha);
        if (raced) {
          // The same bytes were imported concurrently: this import's caption and links go on that row.
          this.applyToRow(raced.id, input);
          return raced.id;
        }
        const row: EvidenceRow = {
          id: randomUUID(),
          sha256: sha,
          original_name: input.name,
          mime: small ? small.mime : type.mime,
          size: small ? small.bytes.byteLength : staged.size,
          caption: input.caption ?? '',
          taken_on: input.takenOn ?? null,
          width: (small ? small.size : size)?.width ?? null,
          height: (small ? small.size : size)?.height ?? null,
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
        // Links in the same transaction: one commit (one fsync) per file, not two.
        this.applyToRow(row.id, input);
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
  private reuse(id: string, input: EvidenceMeta): EvidenceFile | null {
    const found = this.ctx.db.transaction((): boolean => this.applyToRow(id, input)).immediate();
    return found ? this.get(id) : null;
  }

  /** Inside a transaction: undelete the row, set caption/date when given, add the links. False when the row is gone. */
  private applyToRow(id: string, input: EvidenceMeta): boolean {
    const db = this.ctx.db;
    if (db.prepare('UPDATE evidence_files SET deleted_at = NULL WHERE id = ?').run(id).changes === 0) return false;
    if (input.caption !== undefined && input.caption !== '') db.prepare('UPDATE evidence_files SET caption = ? WHERE id = ?').run(input.caption, id);
    if (input.takenOn !== undefined) db.prepare('UPDATE evidence_files SET taken_on = ? WHERE id = ?').run(input.takenOn, id);
    if (input.link) this.insertLink(id, input.link);
    if (input.eventId) this.insertEventLink(id, input.eventId);
    return true;
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
