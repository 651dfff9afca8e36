// The record of what an export signed for one frozen assessment version (see
// migration 003): read back by every later export of that version so that it
// writes the same bytes again.
import { z } from 'zod';
import type { Db } from '../store/db';

const FrozenEvidence = z.array(z.object({ path: z.string(), sha256: z.string(), size: z.number().int().nonnegative() }));

export interface FrozenPackage {
  assessmentId: string;
  bagId: string;
  signedAt: string;
  keyId: string;
  appVersion: string;
  schoolCode: string;
  schoolName: string;
  reportJson: Buffer;
  reportHtml: Buffer;
  reportPdf: Buffer | null;
  evidence: z.infer<typeof FrozenEvidence>;
}

interface Row {
  assessment_id: string;
  bag_id: string;
  signed_at: string;
  key_id: string;
  app_version: string;
  school_code: string;
  school_name: string;
  report_json: Buffer;
  report_html: Buffer;
  report_pdf: Buffer | null;
  evidence: string;
}

export class FrozenPackageStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(assessmentId: string): FrozenPackage | null {
    const r = this.db.prepare('SELECT * FROM frozen_packages WHERE assessment_id = ?').get(assessmentId) as Row | undefined;
    if (!r) return null;
    return {
      assessmentId: r.assessment_id,
      bagId: r.bag_id,
      signedAt: r.signed_at,
      keyId: r.key_id,
      appVersion: r.app_version,
      schoolCode: r.school_code,
      schoolName: r.school_name,
      reportJson: r.report_json,
      reportHtml: r.report_html,
      reportPdf: r.report_pdf,
      evidence: FrozenEvidence.parse(JSON.parse(r.evidence)),
    };
  }

  /** Stores the record unless the version has one already (two exports at once: the first one wins). Returns whether this call stored it. */
  insert(p: FrozenPackage): boolean {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO frozen_packages (assessment_id, bag_id, signed_at, key_id, app_version, school_code, school_name,
           report_json, report_html, report_pdf, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.assessmentId, p.bagId, p.signedAt, p.keyId, p.appVersion, p.schoolCode, p.schoolName,
        p.reportJson, p.reportHtml, p.reportPdf, JSON.stringify(p.evidence), this.now().toISOString(),
      );
    return info.changes === 1;
  }

  /** Forgets the record an export stored when that export then failed (its package was never delivered). */
  remove(assessmentId: string, bagId: string): void {
    this.db.prepare('DELETE FROM frozen_packages WHERE assessment_id = ? AND bag_id = ?').run(assessmentId, bagId);
  }
}
