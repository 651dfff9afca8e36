// Assessments: one period of one school against one template version.
// A frozen assessment (exported) takes no more edits; continuing it makes a new version.
//
// What "frozen" keeps fixed (lessons-from-peers §3: never a silent change to what was signed):
// - its answers and evidence links: the services refuse edits and database triggers back them up;
// - its summary: computed once, when it is frozen, and stored with it (frozen_summary). Events,
//   evidence files, the school profile and the calendar stay free to change (they are the
//   school's, and a continued version needs them), but they no longer move the frozen figures;
// - the files it links stay in the library until a newer version continues it (see evidence.ts).
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/define';
import type { Assessment, NewAssessment } from '../../shared/domain/assessment';
import { AssessmentSummary } from '../../shared/domain/status';
import type { ServiceContext } from './context';
import { isoNow } from './context';
import { frozen, notFound } from './errors';
import type { TemplateService } from './templates';

interface AssessmentRow {
  id: string;
  template_id: string;
  template_version: string;
  period_kind: 'school_year' | 'term';
  label: string;
  start_date: string;
  end_date: string;
  created_at: string;
  frozen_at: string | null;
  replaces_id: string | null;
  version: number;
  frozen_summary: string | null;
}

/** A freeze made by an export: final once the package exists, undone if none came of it. */
export interface ExportFreeze {
  /** The assessment, frozen. */
  assessment: Assessment;
  /** The package exists: the freeze is final. */
  commit(): void;
  /** No package came of the export: the assessment is as it was before (a no-op if it was frozen already). */
  thaw(): void;
}

const toAssessment = (r: AssessmentRow): Assessment => ({
  id: r.id,
  templateId: r.template_id,
  templateVersion: r.template_version,
  periodKind: r.period_kind,
  label: r.label,
  startDate: r.start_date,
  endDate: r.end_date,
  createdAt: r.created_at,
  frozenAt: r.frozen_at,
  replacesId: r.replaces_id,
  version: r.version,
});

export class AssessmentService {
  /** Freezes made by exports still running, by assessment id. */
  private readonly exportHolds = new Map<string, { frozenAt: string; holders: number; committed: boolean }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly templates: TemplateService,
    /** The live summary of an assessment, stored when it is frozen (the summary service reads assessments, hence a callback). */
    private readonly summarize: (a: Assessment) => AssessmentSummary,
  ) {}

  list(): Assessment[] {
    const rows = this.ctx.db.prepare('SELECT * FROM assessments ORDER BY start_date DESC, version DESC, created_at DESC').all();
    return (rows as AssessmentRow[]).map(toAssessment);
  }

  get(id: string): Assessment {
    const row = this.ctx.db.prepare('SELECT * FROM assessments WHERE id = ?').get(id) as AssessmentRow | undefined;
    if (!row) throw notFound('assessment.notFound', id);
    return toAssessment(row);
  }

  /** The assessment, or a conflict error when it is frozen. */
  requireEditable(id: string): Assessment {
    const a = this.get(id);
    if (a.frozenAt) throw frozen(id);
    return a;
  }

  create(input: NewAssessment): Assessment {
    this.templates.get(input.templateId, input.templateVersion); // not_found when the template is missing
    if (!(input.startDate < input.endDate)) throw new ApiError('invalid_args', 'invalidArgs', undefined, 'endDate');
    const id = randomUUID();
    this.ctx.db
      .prepare(
        `INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      )
      .run(id, input.templateId, input.templateVersion, input.periodKind, input.label, input.startDate, input.endDate, isoNow(this.ctx));
    return this.get(id);
  }

  /** Marks an assessment as exported, storing its summary; from now on it refuses edits. Freezing twice is a no-op. */
  freeze(id: string): Assessment {
    this.freezeRow(id, false);
    return this.get(id);
  }

  /**
   * Freezes an assessment for an export, which commits the freeze once its package
   * exists, or thaws it when the write fails or is cancelled. An assessment that was
   * frozen already stays frozen either way.
   */
  freezeForExport(id: string): ExportFreeze {
    // Two exports of one assessment at once share the freeze the first one made: it is
    // final when either succeeds, and undone only when both have failed.
    let hold = this.exportHolds.get(id);
    if (hold) hold.holders += 1;
    else {
      const frozenAt = this.freezeRow(id, true);
      if (frozenAt === null) return { assessment: this.get(id), commit: () => undefined, thaw: () => undefined };
      hold = { frozenAt, holders: 1, committed: false };
      this.exportHolds.set(id, hold);
    }
    const shared = hold;
    const db = this.ctx.db;
    let settled = false;
    const settle = (succeeded: boolean): void => {
      if (settled) return;
      settled = true;
      shared.holders -= 1;
      const firstSuccess = succeeded && !shared.committed;
      if (succeeded) shared.committed = true; // before any database call: whatever happens next, no thaw
      const last = shared.holders === 0;
      if (last) this.exportHolds.delete(id);
      if (firstSuccess) db.prepare('DELETE FROM export_freezes WHERE assessment_id = ? AND frozen_at = ?').run(id, shared.frozenAt);
      else if (last && !shared.committed)
        // Continued meanwhile (a newer version replaces it): it stays frozen, as its successor expects.
        db.transaction(() => {
          db.prepare(
            `UPDATE assessments SET frozen_at = NULL, frozen_summary = NULL WHERE id = ? AND frozen_at = ?
               AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.replaces_id = ?)`,
          ).run(id, shared.frozenAt, id);
          db.prepare('DELETE FROM export_freezes WHERE assessment_id = ? AND frozen_at = ?').run(id, shared.frozenAt);
        }).immediate();
    };
    return { assessment: this.get(id), commit: () => settle(true), thaw: () => settle(false) };
  }

  /** The summary stored when the assessment was frozen; null when it is not frozen (or was frozen before summaries were stored). */
  frozenSummary(id: string): AssessmentSummary | null {
    const row = this.ctx.db.prepare('SELECT frozen_summary FROM assessments WHERE id = ?').get(id) as
      | Pick<AssessmentRow, 'frozen_summary'>
      | undefined;
    if (!row) throw notFound('assessment.notFound', id);
    return row.frozen_summary === null ? null : AssessmentSummary.parse(JSON.parse(row.frozen_summary));
  }

  /** For an assessment frozen before summaries were stored: fixes its summary once (the database allows only that). */
  storeMissingFrozenSummary(id: string, summary: AssessmentSummary): void {
    this.ctx.db
      .prepare('UPDATE assessments SET frozen_summary = ? WHERE id = ? AND frozen_at IS NOT NULL AND frozen_summary IS NULL')
      .run(JSON.stringify(summary), id);
  }

  /**
   * Sets frozen_at and the summary in one transaction (nothing changes in between); with
   * `byExport`, also notes the freeze in export_freezes, which lets that export thaw it.
   * Returns the frozen_at written, or null when the assessment was frozen already.
   */
  private freezeRow(id: string, byExport: boolean): string | null {
    const db = this.ctx.db;
    return db
      .transaction((): string | null => {
        const a = this.get(id);
        if (a.frozenAt) return null;
        const at = isoNow(this.ctx);
        const summary = this.summarize(a);
        db.prepare('UPDATE assessments SET frozen_at = ?, frozen_summary = ? WHERE id = ?').run(at, JSON.stringify(summary), id);
        if (byExport) db.prepare('INSERT INTO export_freezes (assessment_id, frozen_at) VALUES (?, ?)').run(id, at);
        return at;
      })
      .immediate();
  }

  /**
   * Starts the next version of a frozen assessment: same period and template, the current
   * answers and evidence links copied, `replacesId` pointing at the frozen one.
   */
  continueFrozen(id: string, userName: string): Assessment {
    const old = this.get(id);
    if (!old.frozenAt) throw new ApiError('conflict', 'assessment.notFrozen', { id });
    // One successor per version: a second "continue" would fork the history in two.
    const next = this.ctx.db.prepare('SELECT version FROM assessments WHERE replaces_id = ?').get(id) as { version: number } | undefined;
    if (next) throw new ApiError('conflict', 'assessment.alreadyContinued', { label: old.label, version: next.version });
    const newId = randomUUID();
    const now = isoNow(this.ctx);
    const db = this.ctx.db;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at, replaces_id, version)
         SELECT ?, template_id, template_version, period_kind, label, start_date, end_date, ?, id, version + 1 FROM assessments WHERE id = ?`,
      ).run(newId, now, id);
      for (const table of ['answers', 'answer_revisions'])
        db.prepare(
          `INSERT INTO ${table} (assessment_id, item_code, value, note, revision, saved_by, saved_at)
           SELECT ?, item_code, value, note, 1, ?, ? FROM answers WHERE assessment_id = ?`,
        ).run(newId, userName, now, id);
      db.prepare(
        `INSERT INTO evidence_links (evidence_id, assessment_id, item_code, linked_at)
         SELECT evidence_id, ?, item_code, ? FROM evidence_links WHERE assessment_id = ?`,
      ).run(newId, now, id);
    }).immediate();
    return this.get(newId);
  }
}
