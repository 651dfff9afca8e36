// The review pages' back end: a received review shown per item beside the
// school's own answer in the version reviewed, the principal's 整改 entries,
// and the rectification report's version. The report itself is made by the
// ordinary export (electron/package/export.ts), which adds the rectification
// block for an assessment bound here (electron/review/rectificationInput.ts).
import { ApiError } from '../../shared/api/define';
import type { RectificationEntryView, ReviewDetail, ReviewPointDetail, ReviewSummary, SaveRectificationEntry } from '../../shared/api/review';
import type { Assessment } from '../../shared/domain/assessment';
import { valueText } from '../../shared/report/valueText';
import { allItems } from '../../shared/template/schema';
import type { Core } from '../services/core';
import { ReviewStore, type StoredReview } from './reviewStore';

export class ReviewService {
  readonly store: ReviewStore;
  constructor(private readonly core: Core) {
    this.store = new ReviewStore(core.db);
  }

  private summaryOf(r: StoredReview): ReviewSummary {
    const entries = this.store.entries(r.id);
    const checks = this.store.pointChecks(r.id);
    const rectify = r.body.points.filter((p) => p.rectify);
    return {
      id: r.id,
      campaign: r.body.campaign,
      reviewer: r.body.reviewer,
      published: r.body.published,
      deadline: r.body.deadline,
      bagId: r.body.bag,
      toRectify: rectify.length,
      entered: rectify.filter((p) => entries.some((e) => e.code === p.code)).length,
      closed: rectify.filter((p) => checks.get(p.code)?.state === 'closed').length,
    };
  }

  list(): ReviewSummary[] {
    return this.store.list().map((r) => this.summaryOf(r));
  }

  private require(id: string): StoredReview {
    const r = this.store.get(id);
    if (!r) throw new ApiError('not_found', 'review.notFound', { id });
    return r;
  }

  /** The assessment version whose package the bureau reviewed (by bag id), if it is on this computer. */
  reviewedAssessment(r: StoredReview): Assessment | null {
    const row = this.core.db.prepare('SELECT assessment_id AS id FROM frozen_packages WHERE bag_id = ?').get(r.body.bag) as { id: string } | undefined;
    if (!row) return null;
    try {
      return this.core.assessments.get(row.id);
    } catch {
      return null;
    }
  }

  get(id: string): ReviewDetail {
    const r = this.require(id);
    const entries = new Map(this.store.entries(id).map((e) => [e.code, e]));
    const checks = this.store.pointChecks(id);
    const reviewed = this.reviewedAssessment(r);
    const { titleOf, schoolOf } = this.schoolSide(reviewed);
    const points: ReviewPointDetail[] = r.body.points.map((p) => ({
      code: p.code,
      title: titleOf(p.code),
      school: schoolOf(p.code),
      score: p.score,
      status: p.status,
      comment: p.comment,
      rectify: p.rectify,
      check: checks.get(p.code) ?? null,
      entry: entries.get(p.code) ?? null,
    }));
    return {
      ...this.summaryOf(r),
      opinion: r.body.opinion,
      total: r.body.total,
      level: r.body.level,
      docSha512: r.docSha512,
      rectificationAssessmentId: r.rectificationAssessmentId,
      points,
    };
  }

  /** The newest review naming this item (for the checklist item page). */
  forItem(code: string): { reviewId: string; campaign: string; point: ReviewPointDetail } | null {
    for (const r of this.store.list()) {
      if (!r.body.points.some((p) => p.code === code)) continue;
      const point = this.get(r.id).points.find((p) => p.code === code);
      if (point) return { reviewId: r.id, campaign: r.body.campaign, point };
    }
    return null;
  }

  private schoolSide(a: Assessment | null): { titleOf: (code: string) => string; schoolOf: (code: string) => ReviewPointDetail['school'] } {
    if (!a) return { titleOf: (c) => c, schoolOf: () => null };
    const locale = this.core.settings.get().locale;
    let items: ReturnType<typeof allItems> = [];
    try {
      items = allItems(this.core.templates.get(a.templateId, a.templateVersion));
    } catch {
      /* template gone: codes only */
    }
    const byCode = new Map(items.map((i) => [i.code, i]));
    const summary = this.core.summary.compute(a.id);
    const status = new Map(summary.items.map((i) => [i.itemCode, i.status]));
    const answers = new Map(this.core.answers.list(a.id).map((x) => [x.itemCode, x]));
    return {
      titleOf: (code) => byCode.get(code)?.title[locale] ?? code,
      schoolOf: (code) => {
        const item = byCode.get(code);
        const st = status.get(code);
        if (!item || !st) return null;
        const ans = answers.get(code);
        return { status: st, valueText: item.confidential || !ans?.value ? null : valueText(item, ans.value, locale) };
      },
    };
  }

  saveEntry(input: SaveRectificationEntry): RectificationEntryView {
    const files = new Set(this.core.evidence.list(false).map((f) => f.id));
    const missing = input.evidenceIds.find((id) => !files.has(id));
    if (missing) throw new ApiError('not_found', 'review.evidenceGone', { id: missing });
    const { reviewId, ...entry } = input;
    return this.store.saveEntry(reviewId, entry, this.core.settings.get().userName);
  }

  /**
   * The version the rectification report is made from: the one already bound
   * if it is still open (or exported: a re-export is the same bytes), else the
   * newest version of the reviewed assessment, continued when it is frozen.
   */
  prepare(id: string): { assessmentId: string; version: number } {
    const r = this.require(id);
    if (r.rectificationAssessmentId) {
      let a: Assessment | null = null;
      try {
        a = this.core.assessments.get(r.rectificationAssessmentId);
      } catch {
        /* deleted: bind again */
      }
      // Exported already, and entries changed since: the kept package would replay the old
      // entries byte for byte, so the changes go into the next version instead.
      const changedSince = a?.frozenAt ? this.store.entries(id).some((e) => e.savedAt > (a?.frozenAt ?? '')) : false;
      if (a && !changedSince) return { assessmentId: a.id, version: a.version };
    }
    const reviewed = this.reviewedAssessment(r);
    if (!reviewed) throw new ApiError('not_found', 'review.reviewedMissing', { bag: r.body.bag });
    let latest = reviewed;
    for (;;) {
      const next = this.core.db.prepare('SELECT id FROM assessments WHERE replaces_id = ?').get(latest.id) as { id: string } | undefined;
      if (!next) break;
      latest = this.core.assessments.get(next.id);
    }
    const target = latest.frozenAt ? this.core.assessments.continueFrozen(latest.id, this.core.settings.get().userName) : latest;
    this.store.bindAssessment(id, target.id);
    return { assessmentId: target.id, version: target.version };
  }
}
