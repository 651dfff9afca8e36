// Review per item (§5 of the workspace issue) and the re-check (§6): a
// reviewer drafts a review of a school's latest received package, publishes it
// as a signed 'review' document in the receipts chain (so the school's app
// gets it from GET receipts?after= like a receipt, or as a file on a stick),
// and later closes or reopens each point to rectify, each time sending a
// signed 'recheck' document. A published review is never edited: what the
// school holds is what the bureau holds. After a new version arrives (e.g. the
// rectification report) a new review can be drafted for it.
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CheckRequest, ReviewDraft, ReviewPointView, ReviewView, Scope } from '../../../shared/bureau/api';
import type { ItemStatusKind } from '../../../shared/domain/status';
import type { Level } from '../../../shared/template/instrument';
import type { Template } from '../../../shared/template/schema';
import type { Database } from '../../db/schema';
import type { ServerContext } from '../context';
import { lockChain, writeRecheck, writeReview } from '../documents';
import { ServerError } from '../errors';
import { audit } from './audit';
import { campaignTemplate, reviewLevel } from './campaignTemplate';

type Trx = Transaction<Database>;
type Db = ServerContext['store']['db'];

/** Who acts: the session's user (server/services/workspace/sessions.ts WorkspaceUser has these). */
export interface Actor {
  name: string;
  scope: Scope;
}

/** The deadline a new review proposes: 整改期限 defaults to 30 days from today (the server's clock, UTC date). */
export function proposedDeadline(now: Date, days = 30): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A reviewer limited to counties or schools may only touch those (administrators have scope null). */
async function checkScope(db: Db, actor: Actor, campaignId: string, schoolCode: string): Promise<void> {
  if (!actor.scope) return;
  if (actor.scope.schools.includes(schoolCode)) return;
  const row = await db.selectFrom('roster').select('county').where('campaign_id', '=', campaignId).where('school_code', '=', schoolCode).executeTakeFirst();
  if (row && actor.scope.counties.includes(row.county)) return;
  throw new ServerError('forbidden', 403, `school ${schoolCode} is outside your scope`);
}

/**
 * The campaign's school's latest received package. The report index (reports,
 * filled when a package arrives) knows the template; a package received before
 * the index existed is found in packages (same school, newest receipt).
 */
async function latestPackage(db: Db, campaignId: string, schoolCode: string): Promise<{ sha512: string; bagId: string } | null> {
  const campaign = await db.selectFrom('campaigns').select(['template_id', 'template_version']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new ServerError('not_found', 404, `no campaign ${campaignId}`);
  const indexed = await db
    .selectFrom('reports')
    .select(['sha512', 'bag_id'])
    .where('school_code', '=', schoolCode)
    .where('template_id', '=', campaign.template_id)
    .where('template_version', '=', campaign.template_version)
    .orderBy('receipt_seq', 'desc')
    .executeTakeFirst();
  if (indexed) return { sha512: indexed.sha512, bagId: indexed.bag_id };
  const anyIndexed = await db.selectFrom('reports').select('sha512').where('school_code', '=', schoolCode).executeTakeFirst();
  if (anyIndexed) return null;
  const row = await db
    .selectFrom('documents')
    .select(['sha512', 'bag_id'])
    .where('school_code', '=', schoolCode)
    .where('kind', '=', 'receipt')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row && row.bag_id ? { sha512: row.sha512, bagId: row.bag_id } : null;
}

async function viewOf(db: Db | Trx, reviewId: string): Promise<ReviewView | null> {
  const r = await db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!r) return null;
  const points = await db.selectFrom('review_points').selectAll().where('review_id', '=', reviewId).execute();
  const rect = await db.selectFrom('rectifications').selectAll().where('review_id', '=', reviewId).orderBy('received_at', 'desc').execute();
  const latestRect = new Map<string, (typeof rect)[number]>();
  for (const x of rect) if (!latestRect.has(x.code)) latestRect.set(x.code, x);
  const pv: ReviewPointView[] = points
    .map((p) => {
      const x = latestRect.get(p.code);
      return {
        code: p.code,
        score: p.score === null ? null : Number(p.score),
        status: p.status as ItemStatusKind | null,
        comment: p.comment,
        rectify: Number(p.rectify) === 1,
        state: p.state as ReviewPointView['state'],
        rectification: x
          ? { measures: x.measures, responsible: x.responsible, deadline: x.deadline, status: x.status as 'in_progress' | 'done', evidenceCount: Number(x.evidence_count), sha512: x.sha512, receivedAt: x.received_at }
          : null,
        checkedBy: p.checked_by,
        checkedAt: p.checked_at,
        checkComment: p.check_comment,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const campaign = await db.selectFrom('campaigns').select(['template_id', 'template_version']).where('id', '=', r.campaign_id).executeTakeFirst();
  const { total, level } = totals(campaign ? campaignTemplate(campaign.template_id, campaign.template_version) : null, pv);
  return {
    id: r.id,
    campaignId: r.campaign_id,
    schoolCode: r.school_code,
    sha512: r.sha512,
    state: r.state,
    opinion: r.opinion,
    deadline: r.deadline,
    reviewer: r.reviewer,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    total,
    level,
    points: pv,
  };
}

/**
 * The review total is the sum of the review scores given (v2 instruments);
 * null when the reviewer gave none. The level applies the campaign
 * template's thresholds (campaignTemplate.ts); null when the server does not
 * ship that template.
 */
function totals(template: Template | null, points: { code: string; score: number | null; status: string | null }[]): { total: number | null; level: Level | null } {
  const scored = points.filter((p) => p.score !== null);
  if (!scored.length) return { total: null, level: null };
  const total = Math.round(scored.reduce((s, p) => s + (p.score ?? 0), 0) * 10) / 10;
  return { total, level: reviewLevel(template, total, points) };
}

/** The review shown for a school in a campaign: its newest (a draft being written, or the last published). */
export async function getReview(ctx: ServerContext, actor: Actor, campaignId: string, schoolCode: string): Promise<ReviewView | null> {
  await checkScope(ctx.store.db, actor, campaignId, schoolCode);
  const r = await ctx.store.db
    .selectFrom('reviews')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('school_code', '=', schoolCode)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return r ? viewOf(ctx.store.db, r.id) : null;
}

/** Creates or updates the draft review of the school's latest received package. */
export async function saveDraft(ctx: ServerContext, actor: Actor, campaignId: string, schoolCode: string, draft: ReviewDraft): Promise<ReviewView> {
  const db = ctx.store.db;
  await checkScope(db, actor, campaignId, schoolCode);
  const pkg = await latestPackage(db, campaignId, schoolCode);
  if (!pkg) throw new ServerError('not_found', 404, `school ${schoolCode} has sent nothing for this campaign yet; there is nothing to review`);
  const codes = new Set<string>();
  for (const p of draft.points) {
    if (codes.has(p.code)) throw new ServerError('bad_request', 400, `point ${p.code} appears twice`);
    codes.add(p.code);
  }
  const known = await db.selectFrom('report_points').select('code').where('sha512', '=', pkg.sha512).execute();
  if (known.length > 0) {
    const inReport = new Set(known.map((k) => k.code));
    const stray = draft.points.find((p) => !inReport.has(p.code));
    if (stray) throw new ServerError('bad_request', 400, `point ${stray.code} is not in the reviewed report`);
  }
  const now = ctx.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('reviews').select(['id', 'state', 'sha512']).where('campaign_id', '=', campaignId).where('school_code', '=', schoolCode).execute();
    if (existing.some((e) => e.state === 'published' && e.sha512 === pkg.sha512))
      throw new ServerError('locked', 409, 'the review of this version is published and is not edited; a new review can be drafted when the school sends a new version');
    // One draft per school and campaign: a draft begun on an older version moves on to the newest one.
    const draftRow = existing.find((e) => e.state === 'draft');
    const reviewId = draftRow?.id ?? `rv-${randomBytes(10).toString('hex')}`;
    if (draftRow) {
      await trx.updateTable('reviews').set({ sha512: pkg.sha512, opinion: draft.opinion, deadline: draft.deadline, reviewer: actor.name, updated_at: now }).where('id', '=', reviewId).execute();
      await trx.deleteFrom('review_points').where('review_id', '=', reviewId).execute();
    } else {
      await trx
        .insertInto('reviews')
        .values({ id: reviewId, campaign_id: campaignId, school_code: schoolCode, sha512: pkg.sha512, state: 'draft', opinion: draft.opinion, deadline: draft.deadline, reviewer: actor.name, updated_at: now, published_at: null, doc_seq: null })
        .execute();
    }
    for (const p of draft.points)
      await trx
        .insertInto('review_points')
        .values({ review_id: reviewId, code: p.code, score: p.score, status: p.status, comment: p.comment, rectify: p.rectify ? 1 : 0, state: null, checked_by: null, checked_at: null, check_comment: null })
        .execute();
    await audit(ctx, trx, { user: actor.name, action: 'review.draft', target: `${campaignId}/${schoolCode}`, detail: `review ${reviewId}, ${draft.points.length} points` });
    return reviewId;
  });
  return (await viewOf(db, id)) as ReviewView;
}

/** Signs the draft into the chain (the school's feed), and opens every point to rectify. */
export async function publishReview(ctx: ServerContext, actor: Actor, campaignId: string, schoolCode: string): Promise<ReviewView> {
  const db = ctx.store.db;
  await checkScope(db, actor, campaignId, schoolCode);
  const campaign = await db.selectFrom('campaigns').select(['label']).where('id', '=', campaignId).executeTakeFirst();
  if (!campaign) throw new ServerError('not_found', 404, `no campaign ${campaignId}`);
  const id = await db.transaction().execute(async (trx) => {
    const chain = await lockChain(trx);
    const draft = await trx.selectFrom('reviews').selectAll().where('campaign_id', '=', campaignId).where('school_code', '=', schoolCode).where('state', '=', 'draft').executeTakeFirst();
    if (!draft) throw new ServerError('not_found', 404, 'no draft review to publish for this school');
    const view = (await viewOf(trx, draft.id)) as ReviewView;
    const pkg = await trx.selectFrom('packages').select(['bag_id']).where('sha512', '=', draft.sha512).executeTakeFirstOrThrow();
    const now = ctx.now().toISOString();
    const doc = await writeReview(ctx, trx, chain, {
      id: draft.id,
      campaign: campaign.label,
      school: schoolCode,
      bag: pkg.bag_id,
      sha512: draft.sha512,
      reviewer: actor.name,
      published: now,
      opinion: draft.opinion,
      deadline: draft.deadline,
      total: view.total,
      level: view.level,
      points: view.points.map((p) => ({ code: p.code, score: p.score, status: p.status, comment: p.comment, rectify: p.rectify })),
    });
    await trx.updateTable('reviews').set({ state: 'published', published_at: now, updated_at: now, reviewer: actor.name, doc_seq: doc.seq }).where('id', '=', draft.id).execute();
    await trx.updateTable('review_points').set({ state: 'open' }).where('review_id', '=', draft.id).where('rectify', '=', 1).execute();
    await audit(ctx, trx, { user: actor.name, action: 'review.publish', target: `${campaignId}/${schoolCode}`, detail: `review ${draft.id}, document #${doc.seq}` });
    return draft.id;
  });
  return (await viewOf(db, id)) as ReviewView;
}

/** The bureau checked a point it asked to rectify: closes it, or reopens it with a comment; the school gets a signed recheck. */
export async function checkPoint(ctx: ServerContext, actor: Actor, reviewId: string, code: string, action: 'closed' | 'reopened', req: CheckRequest): Promise<ReviewView> {
  const db = ctx.store.db;
  const review = await db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw new ServerError('not_found', 404, `no review ${reviewId}`);
  await checkScope(db, actor, review.campaign_id, review.school_code);
  if (review.state !== 'published') throw new ServerError('bad_request', 400, 'the review is not published yet');
  if (action === 'reopened' && !req.comment.trim()) throw new ServerError('bad_request', 400, 'say why the point is reopened (a comment is required)');
  await db.transaction().execute(async (trx) => {
    const chain = await lockChain(trx);
    const point = await trx.selectFrom('review_points').selectAll().where('review_id', '=', reviewId).where('code', '=', code).executeTakeFirst();
    if (!point || Number(point.rectify) !== 1) throw new ServerError('not_found', 404, `point ${code} is not one this review asked to rectify`);
    if (point.state === action) throw new ServerError('bad_request', 400, `point ${code} is already ${action}`);
    const now = ctx.now().toISOString();
    await trx.updateTable('review_points').set({ state: action, checked_by: actor.name, checked_at: now, check_comment: req.comment }).where('review_id', '=', reviewId).where('code', '=', code).execute();
    const doc = await writeRecheck(ctx, trx, chain, { review: reviewId, school: review.school_code, points: [{ code, state: action, comment: req.comment, by: actor.name, at: now }] });
    await audit(ctx, trx, { user: actor.name, action: action === 'closed' ? 'review.close' : 'review.reopen', target: `${reviewId}/${code}`, detail: `document #${doc.seq}${req.comment ? `: ${req.comment.slice(0, 200)}` : ''}` });
  });
  return (await viewOf(db, reviewId)) as ReviewView;
}
