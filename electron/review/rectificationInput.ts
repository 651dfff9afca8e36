// What the export needs to add the rectification block to report.json: the
// review this assessment version answers (bound when the principal asked for
// the rectification package) and every point it asked to rectify, with the
// principal's entry (a point with none yet goes as "in progress", so the
// bureau sees it was not forgotten but not done).
import type { RectificationInput } from '../../shared/report/build';
import type { Core } from '../services/core';
import { ReviewStore } from './reviewStore';

export function rectificationFor(core: Core, assessmentId: string): RectificationInput | undefined {
  const store = new ReviewStore(core.db);
  const review = store.answeredBy(assessmentId);
  if (!review) return undefined;
  const entries = new Map(store.entries(review.id).map((e) => [e.code, e]));
  const files = new Map(core.evidence.list(false).map((f) => [f.id, f]));
  return {
    review: review.id,
    reviewSha512: review.docSha512,
    items: review.body.points
      .filter((p) => p.rectify)
      .map((p) => {
        const e = entries.get(p.code);
        return {
          code: p.code,
          measures: e?.measures ?? '',
          responsible: e?.responsible ?? '',
          deadline: e?.deadline ?? null,
          status: e?.status ?? 'in_progress',
          // A file deleted from the library since it was attached is left out.
          evidence: (e?.evidenceIds ?? []).flatMap((id) => files.get(id) ?? []),
        };
      }),
  };
}
