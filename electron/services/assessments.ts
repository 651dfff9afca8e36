// Assessments: one period of one school against one template version.
// A frozen assessment (exported) takes no more edits; continuing it makes a new version.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/define';
import type { Assessment, NewAssessment } from '../../shared/domain/assessment';
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
  constructor(
    private readonly ctx: ServiceContext,
    private readonly templates: TemplateService,
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

  /** Marks an assessment as exported; from now on it refuses edits. Freezing twice is a no-op. */
  freeze(id: string): Assessment {
    const a = this.get(id);
    if (a.frozenAt) return a;
    this.ctx.db.prepare('UPDATE assessments SET frozen_at = ? WHERE id = ?').run(isoNow(this.ctx), id);
    return this.get(id);
  }

  /**
   * Starts the next version of a frozen assessment: same period and template, the current
   * answers and evidence links copied, `replacesId` pointing at the frozen one.
   */
  continueFrozen(id: string, userName: string): Assessment {
    const old = this.get(id);
    if (!old.frozenAt) throw new ApiError('conflict', 'assessment.notFrozen', { id });
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
