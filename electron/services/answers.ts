// Answers: the current value per item plus an append-only history.
// Every save is one transaction writing both tables; it returns only after the commit
// (synchronous=FULL), so "saved" in the UI means on disk.
import { Answer, AnswerValue, type AnswerRevision } from '../../shared/domain/answer';
import { stableStringify } from '../store/json';
import type { AssessmentService } from './assessments';
import { checkAnswerFits, normaliseAnswer } from './answerCheck';
import type { ServiceContext } from './context';
import { isoNow } from './context';
import { invalid, notFound } from './errors';
import { ApiError } from '../../shared/api/define';

/** A save over a revision that is no longer the current one; params carry the current answer (value as JSON). */
function staleRevision(current: AnswerRow | undefined): ApiError {
  return new ApiError('conflict', 'answer.conflict', {
    revision: current?.revision ?? 0,
    value: current?.value ?? 'null',
    note: current?.note ?? '',
    savedBy: current?.saved_by ?? '',
    savedAt: current?.saved_at ?? '',
  });
}
import type { TemplateService } from './templates';

interface AnswerRow {
  assessment_id: string;
  item_code: string;
  value: string | null;
  note: string;
  revision: number;
  saved_by: string;
  saved_at: string;
}

const toAnswer = (r: AnswerRow): Answer => ({
  assessmentId: r.assessment_id,
  itemCode: r.item_code,
  value: r.value === null ? null : AnswerValue.parse(JSON.parse(r.value)),
  note: r.note,
  revision: r.revision,
  savedBy: r.saved_by,
  savedAt: r.saved_at,
});

export interface SaveAnswer {
  assessmentId: string;
  itemCode: string;
  value: AnswerValue | null;
  note: string;
  /**
   * Optimistic concurrency: the revision this edit started from (0 when none was saved).
   * When another save came in between, nothing is written and the conflict carries the
   * current answer, so the UI can show both and let the person choose.
   */
  baseRevision?: number;
}

export class AnswerService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly assessments: AssessmentService,
    private readonly templates: TemplateService,
  ) {}

  list(assessmentId: string): Answer[] {
    this.assessments.get(assessmentId);
    const rows = this.ctx.db.prepare('SELECT * FROM answers WHERE assessment_id = ? ORDER BY item_code').all(assessmentId);
    return (rows as AnswerRow[]).map(toAnswer);
  }

  /** Current values by item code, for the summary. */
  values(assessmentId: string): Record<string, AnswerValue | null> {
    const out: Record<string, AnswerValue | null> = {};
    for (const a of this.list(assessmentId)) out[a.itemCode] = a.value;
    return out;
  }

  save(input: SaveAnswer): Answer {
    const db = this.ctx.db;
    return db.transaction((): Answer => {
      const a = this.assessments.requireEditable(input.assessmentId);
      const item = this.templates.item(a.templateId, a.templateVersion, input.itemCode);
      if (!item) throw invalid('answer.unknownItem', { itemCode: input.itemCode });
      const value = input.value === null ? null : normaliseAnswer(input.value);
      if (value) checkAnswerFits(item, value);
      const json = value === null ? null : stableStringify(value);
      const current = db
        .prepare('SELECT * FROM answers WHERE assessment_id = ? AND item_code = ?')
        .get(a.id, item.code) as AnswerRow | undefined;
      // Autosave may send the same state twice; that is not a new revision.
      if (current && current.value === json && current.note === input.note) return toAnswer(current);
      if (input.baseRevision !== undefined && input.baseRevision !== (current?.revision ?? 0)) throw staleRevision(current);
      const row: AnswerRow = {
        assessment_id: a.id,
        item_code: item.code,
        value: json,
        note: input.note,
        revision: (current?.revision ?? 0) + 1,
        saved_by: this.ctx.userName(),
        saved_at: isoNow(this.ctx),
      };
      db.prepare(
        `INSERT INTO answers (assessment_id, item_code, value, note, revision, saved_by, saved_at)
         VALUES (@assessment_id, @item_code, @value, @note, @revision, @saved_by, @saved_at)
         ON CONFLICT (assessment_id, item_code) DO UPDATE SET
           value = excluded.value, note = excluded.note, revision = excluded.revision,
           saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
      ).run(row);
      db.prepare(
        `INSERT INTO answer_revisions (assessment_id, item_code, value, note, revision, saved_by, saved_at)
         VALUES (@assessment_id, @item_code, @value, @note, @revision, @saved_by, @saved_at)`,
      ).run(row);
      return toAnswer(row);
    }).immediate();
  }

  /** Every saved state of one item, newest first. */
  history(assessmentId: string, itemCode: string): AnswerRevision[] {
    this.assessments.get(assessmentId);
    const rows = this.ctx.db
      .prepare('SELECT * FROM answer_revisions WHERE assessment_id = ? AND item_code = ? ORDER BY revision DESC')
      .all(assessmentId, itemCode) as (AnswerRow & { id: number })[];
    return rows.map((r) => ({ ...toAnswer(r), id: r.id }));
  }

  /** Brings back an earlier state by saving it again as a new revision. */
  restore(revisionId: number): Answer {
    const r = this.ctx.db.prepare('SELECT * FROM answer_revisions WHERE id = ?').get(revisionId) as AnswerRow | undefined;
    if (!r) throw notFound('answer.revisionNotFound', revisionId);
    const old = toAnswer(r);
    return this.save({ assessmentId: old.assessmentId, itemCode: old.itemCode, value: old.value, note: old.note });
  }
}
