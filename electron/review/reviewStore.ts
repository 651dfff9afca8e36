// The one owner of the review tables (migration 005): reviews and rechecks as
// the bureau signed them (verified before they get here: electron/sync/
// documents.ts), and the principal's 整改 entries per point.
import { createHash } from 'node:crypto';
import { RecheckBody, ReviewBody, type RecheckPoint, type SignedDocument } from '../../shared/sync/protocol';
import { ApiError } from '../../shared/api/define';
import type { Db } from '../store/db';

export interface StoredReview {
  id: string;
  docSha512: string;
  body: ReviewBody;
  json: string;
  minisig: string;
  keyId: string;
  storedAt: string;
  rectificationAssessmentId: string | null;
}

export interface RectificationEntry {
  code: string;
  measures: string;
  responsible: string;
  deadline: string | null;
  status: 'in_progress' | 'done';
  evidenceIds: string[];
  revision: number;
  savedBy: string;
  savedAt: string;
}

const sha512Hex = (text: string): string => createHash('sha512').update(text, 'utf8').digest('hex');

interface ReviewRow {
  id: string;
  doc_sha512: string;
  json: string;
  minisig: string;
  key_id: string;
  stored_at: string;
  rectification_assessment_id: string | null;
}

export class ReviewStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores a verified review; the same review again (or another document under its id) keeps the first. */
  acceptReview(doc: SignedDocument, body: ReviewBody, keyId: string): boolean {
    const r = this.db
      .prepare(
        `INSERT INTO reviews (id, doc_sha512, school_code, campaign, bag_id, package_sha512, reviewer, published_at, deadline, seq, json, minisig, key_id, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(body.id, sha512Hex(doc.json), body.school, body.campaign, body.bag, body.sha512, body.reviewer, body.published, body.deadline, body.seq, doc.json, doc.minisig, keyId, this.now().toISOString());
    return r.changes === 1;
  }

  acceptRecheck(doc: SignedDocument, body: RecheckBody, keyId: string): boolean {
    const r = this.db
      .prepare(`INSERT INTO review_rechecks (doc_sha512, review_id, seq, json, minisig, key_id, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(sha512Hex(doc.json), body.review, body.seq, doc.json, doc.minisig, keyId, this.now().toISOString());
    return r.changes === 1;
  }

  private toReview(r: ReviewRow): StoredReview {
    return {
      id: r.id,
      docSha512: r.doc_sha512,
      body: ReviewBody.parse(JSON.parse(r.json)),
      json: r.json,
      minisig: r.minisig,
      keyId: r.key_id,
      storedAt: r.stored_at,
      rectificationAssessmentId: r.rectification_assessment_id,
    };
  }

  /** Newest first. */
  list(): StoredReview[] {
    return (this.db.prepare('SELECT * FROM reviews ORDER BY published_at DESC, id').all() as ReviewRow[]).map((r) => this.toReview(r));
  }

  get(id: string): StoredReview | null {
    const r = this.db.prepare('SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
    return r ? this.toReview(r) : null;
  }

  /** The latest recheck of each point (a recheck may arrive before its review: kept, shown once the review is here). */
  pointChecks(reviewId: string): Map<string, RecheckPoint> {
    const rows = this.db.prepare('SELECT json FROM review_rechecks WHERE review_id = ? ORDER BY seq').all(reviewId) as { json: string }[];
    const out = new Map<string, RecheckPoint>();
    for (const row of rows) for (const p of RecheckBody.parse(JSON.parse(row.json)).points) out.set(p.code, p);
    return out;
  }

  entries(reviewId: string): RectificationEntry[] {
    const rows = this.db
      .prepare(
        `SELECT code, measures, responsible, deadline, status, evidence_ids AS evidenceIds, revision, saved_by AS savedBy, saved_at AS savedAt
         FROM rectification_entries WHERE review_id = ? ORDER BY code`,
      )
      .all(reviewId) as (Omit<RectificationEntry, 'evidenceIds'> & { evidenceIds: string })[];
    return rows.map((r) => ({ ...r, evidenceIds: JSON.parse(r.evidenceIds) as string[] }));
  }

  /**
   * Saves one point's entry. `revision` is the one the form started from (0 for
   * a new entry): another save in between is a conflict, never a silent overwrite.
   */
  saveEntry(reviewId: string, input: Omit<RectificationEntry, 'revision' | 'savedBy' | 'savedAt'> & { revision: number }, savedBy: string): RectificationEntry {
    const review = this.get(reviewId);
    if (!review) throw new ApiError('not_found', 'review.notFound', { id: reviewId });
    if (!review.body.points.some((p) => p.code === input.code && p.rectify)) throw new ApiError('not_found', 'review.notToRectify', { code: input.code });
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const current = this.db.prepare('SELECT revision FROM rectification_entries WHERE review_id = ? AND code = ?').get(reviewId, input.code) as { revision: number } | undefined;
      if ((current?.revision ?? 0) !== input.revision) throw new ApiError('conflict', 'review.entryChanged', { code: input.code });
      const revision = input.revision + 1;
      this.db
        .prepare(
          `INSERT INTO rectification_entries (review_id, code, measures, responsible, deadline, status, evidence_ids, revision, saved_by, saved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (review_id, code) DO UPDATE SET measures = excluded.measures, responsible = excluded.responsible, deadline = excluded.deadline,
             status = excluded.status, evidence_ids = excluded.evidence_ids, revision = excluded.revision, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
        )
        .run(reviewId, input.code, input.measures, input.responsible, input.deadline, input.status, JSON.stringify(input.evidenceIds), revision, savedBy, at);
      return { ...input, revision, savedBy, savedAt: at };
    })();
  }

  bindAssessment(reviewId: string, assessmentId: string): void {
    this.db.prepare('UPDATE reviews SET rectification_assessment_id = ? WHERE id = ?').run(assessmentId, reviewId);
  }

  /** The review whose rectification report this assessment version is, if any. */
  answeredBy(assessmentId: string): StoredReview | null {
    const r = this.db.prepare('SELECT * FROM reviews WHERE rectification_assessment_id = ?').get(assessmentId) as ReviewRow | undefined;
    return r ? this.toReview(r) : null;
  }
}
