// A rectification report (整改报告) arrived: a package whose report.json has a
// `rectification` block naming the review it answers. Called by
// processPackage inside the receipt's transaction, so the receipt and what the
// workspace shows about the points can never disagree. A block that names a
// review this server did not publish for this school, or another version of
// the review document, is kept as a package but changes no point.
import type { Transaction } from 'kysely';
import type { Rectification } from '../../../shared/report/schema';
import type { Database } from '../../db/schema';

type Trx = Transaction<Database>;

export async function recordRectification(trx: Trx, pkg: { sha512: string; schoolCode: string; rectification: Rectification | null; receivedAt: string }): Promise<void> {
  const r = pkg.rectification;
  if (!r) return;
  const review = await trx.selectFrom('reviews').select(['id', 'school_code', 'doc_seq', 'state']).where('id', '=', r.review).executeTakeFirst();
  if (!review || review.state !== 'published' || review.school_code !== pkg.schoolCode || review.doc_seq === null) return;
  const doc = await trx.selectFrom('documents').select('sha512').where('seq', '=', review.doc_seq).executeTakeFirst();
  if (!doc || doc.sha512 !== r.reviewSha512) return;
  const points = await trx.selectFrom('review_points').select(['code', 'state']).where('review_id', '=', review.id).where('rectify', '=', 1).execute();
  const byCode = new Map(points.map((p) => [p.code, p.state]));
  for (const item of r.items) {
    if (!byCode.has(item.code)) continue;
    await trx
      .insertInto('rectifications')
      .values({
        sha512: pkg.sha512,
        review_id: review.id,
        code: item.code,
        measures: item.measures,
        responsible: item.responsible,
        deadline: item.deadline,
        status: item.status,
        evidence_count: item.evidence.length,
        received_at: pkg.receivedAt,
      })
      .execute();
    // Done means "check it now": the point waits for the bureau (closed ones stay closed).
    if (item.status === 'done' && byCode.get(item.code) !== 'closed')
      await trx.updateTable('review_points').set({ state: 'rectified' }).where('review_id', '=', review.id).where('code', '=', item.code).execute();
  }
}
