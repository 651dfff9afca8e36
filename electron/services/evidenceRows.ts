// Reading evidence rows and turning them into the contract's EvidenceFile shape.
import type { EvidenceFile } from '../../shared/domain/evidence';
import type { Db } from '../store/db';

export interface EvidenceRow {
  id: string;
  sha256: string;
  original_name: string;
  mime: string;
  size: number;
  caption: string;
  taken_on: string | null;
  width: number | null;
  height: number | null;
  has_thumbnail: number;
  thumb_size: number;
  source_sha256: string | null;
  source_mime: string | null;
  source_size: number | null;
  source_kept: number;
  added_at: string;
  added_by: string;
  deleted_at: string | null;
}

type Link = { assessmentId: string; itemCode: string };

export function toEvidenceFile(r: EvidenceRow, links: Link[], eventIds: string[]): EvidenceFile {
  return {
    id: r.id,
    sha256: r.sha256,
    originalName: r.original_name,
    mime: r.mime,
    size: r.size,
    caption: r.caption,
    takenOn: r.taken_on,
    hasThumbnail: r.has_thumbnail === 1,
    width: r.width,
    height: r.height,
    addedAt: r.added_at,
    addedBy: r.added_by,
    deletedAt: r.deleted_at,
    links,
    eventIds,
  };
}

export function loadEvidenceFiles(db: Db, includeDeleted: boolean, onlyId?: string): EvidenceFile[] {
  const where = [includeDeleted ? '' : 'deleted_at IS NULL', onlyId ? 'id = @id' : ''].filter(Boolean);
  const rows = db
    .prepare(`SELECT * FROM evidence_files ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY added_at DESC, id`)
    .all(onlyId ? { id: onlyId } : {}) as EvidenceRow[];
  if (!rows.length) return [];
  const filter = onlyId ? 'WHERE evidence_id = @id' : '';
  const links = new Map<string, Link[]>();
  for (const l of db
    .prepare(`SELECT evidence_id, assessment_id, item_code FROM evidence_links ${filter} ORDER BY linked_at, item_code`)
    .all(onlyId ? { id: onlyId } : {}) as { evidence_id: string; assessment_id: string; item_code: string }[]) {
    const list = links.get(l.evidence_id) ?? [];
    list.push({ assessmentId: l.assessment_id, itemCode: l.item_code });
    links.set(l.evidence_id, list);
  }
  const events = new Map<string, string[]>();
  for (const e of db
    .prepare(
      `SELECT ee.evidence_id, ee.event_id FROM event_evidence ee JOIN events ev ON ev.id = ee.event_id
       ${onlyId ? 'WHERE ee.evidence_id = @id AND' : 'WHERE'} ev.deleted_at IS NULL ORDER BY ev.date`,
    )
    .all(onlyId ? { id: onlyId } : {}) as { evidence_id: string; event_id: string }[]) {
    const list = events.get(e.evidence_id) ?? [];
    list.push(e.event_id);
    events.set(e.evidence_id, list);
  }
  return rows.map((r) => toEvidenceFile(r, links.get(r.id) ?? [], events.get(r.id) ?? []));
}

/** The row that stores these bytes, either as its file or as its kept/downscaled source. */
export function findRowByHash(db: Db, sha: string): EvidenceRow | undefined {
  return db.prepare('SELECT * FROM evidence_files WHERE sha256 = ? OR source_sha256 = ? LIMIT 1').get(sha, sha) as
    | EvidenceRow
    | undefined;
}
