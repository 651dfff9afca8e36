// The report index: one `reports` row and its `report_points` rows per
// received package, so the workspace lists, counts and compares schools
// without opening a zip. Written inside the receipt's transaction (a receipt
// without its index row cannot exist), and on server start for packages
// received before the index existed (older data folders).
import type { Kysely, Transaction } from 'kysely';
import { readPackageFacts } from '../../../bag/packageFacts';
import { DEFAULT_LIMITS } from '../../../bag/limits';
import { REPORT_JSON } from '../../../bag/verify';
import { SafeZip } from '../../../bag/zipReader';
import { ReportJson } from '../../../shared/report/schema';
import { ReceiptBody } from '../../../shared/sync/protocol';
import type { Database } from '../../db/schema';
import type { ServerContext } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

export interface IndexedReceipt {
  sha512: string;
  seq: number;
  receivedAt: string;
  via: 'upload' | 'import';
}

/** The review a rectification report answers (ids longer than the column are not ours: ignored). */
export const answersReviewOf = (report: ReportJson): string | null => {
  const review = report.rectification?.review;
  return typeof review === 'string' && review.length > 0 && review.length <= 40 ? review : null;
};

/** Item codes are short template codes; clamped to the column so an odd package cannot fail its receipt. */
const clamp = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

export async function indexReport(db: Db, receipt: IndexedReceipt, report: ReportJson): Promise<void> {
  const exists = await db.selectFrom('reports').select('sha512').where('sha512', '=', receipt.sha512).executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('reports')
    .values({
      sha512: receipt.sha512,
      school_code: clamp(report.school.code, 40),
      bag_id: clamp(report.bagId, 200),
      assessment_id: clamp(report.assessment.id, 200),
      assessment_version: report.assessment.version,
      template_id: clamp(report.assessment.template.id, 200),
      template_version: clamp(report.assessment.template.version, 60),
      school_type: clamp(report.school.type, 40),
      county: clamp(report.school.county, 100),
      signer_key_id: clamp(report.signer.keyId, 16),
      generated_at: clamp(report.generatedAt, 40),
      received_at: receipt.receivedAt,
      via: receipt.via,
      receipt_seq: receipt.seq,
      total: report.score?.total ?? null,
      level: report.score?.level ?? null,
      answers_review: answersReviewOf(report),
    })
    .execute();
  const scores = new Map((report.score?.points ?? []).map((p) => [p.code, p]));
  const seen = new Set<string>();
  const rows = [];
  for (const item of report.items) {
    const code = clamp(item.code, 40);
    if (seen.has(code)) continue;
    seen.add(code);
    const s = scores.get(item.code);
    rows.push({ sha512: receipt.sha512, code, status: item.status, self: s?.self ?? null, max: s?.max ?? null });
  }
  // Batches keep each statement under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 150) await db.insertInto('report_points').values(rows.slice(i, i + 150)).execute();
}

// Packages never change (content-addressed), so a few recently read reports are kept.
const recent = new Map<string, unknown>();
const RECENT_MAX = 16;

/** data/report.json of a stored package (the blob) as the school wrote it, read through the hardened reader. */
export async function readStoredReportJson(ctx: ServerContext, sha512: string): Promise<unknown> {
  const key = `${ctx.blobs.root}:${sha512}`;
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const zip = await SafeZip.open(ctx.blobs.pathOf(sha512), DEFAULT_LIMITS);
  let raw: unknown;
  try {
    const entry = zip.files.find((f) => f.path === REPORT_JSON);
    if (!entry) throw new Error(`stored package ${sha512.slice(0, 16)}… has no ${REPORT_JSON}`);
    raw = JSON.parse((await zip.readAll(entry, DEFAULT_LIMITS.maxInMemoryBytes)).toString('utf8'));
  } finally {
    await zip.close();
  }
  recent.set(key, raw);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
  return raw;
}

export const readStoredReport = async (ctx: ServerContext, sha512: string): Promise<ReportJson> => ReportJson.parse(await readStoredReportJson(ctx, sha512));

/**
 * Indexes stored packages that have a receipt but no reports row (a data
 * folder from before the index, or an upgrade). Bounded per start so a large
 * backlog cannot hold the server up; the rest follow on the next start.
 */
export async function indexMissingReports(ctx: ServerContext, opts: { limit: number; log(entry: Record<string, unknown>): void }): Promise<{ indexed: number; failed: number; more: boolean }> {
  const rows = await ctx.store.db
    .selectFrom('documents as d')
    .leftJoin('reports as r', 'r.sha512', 'd.sha512')
    .select(['d.sha512', 'd.json'])
    .where('d.kind', '=', 'receipt')
    .where('r.sha512', 'is', null)
    .orderBy('d.seq')
    .limit(opts.limit + 1)
    .execute();
  const todo = rows.slice(0, opts.limit);
  let indexed = 0;
  let failed = 0;
  for (const row of todo) {
    try {
      const body = ReceiptBody.parse(JSON.parse(row.json));
      const facts = await readPackageFacts(ctx.blobs.pathOf(row.sha512));
      await indexReport(ctx.store.db, { sha512: row.sha512, seq: body.seq, receivedAt: body.received, via: body.via }, facts.report);
      indexed++;
    } catch (e) {
      failed++;
      opts.log({ time: new Date().toISOString(), level: 'warn', event: 'report not indexed', sha512: row.sha512, error: (e as Error).message });
    }
  }
  if (todo.length > 0) opts.log({ time: new Date().toISOString(), event: 'reports indexed', indexed, failed, more: rows.length > opts.limit });
  return { indexed, failed, more: rows.length > opts.limit };
}
