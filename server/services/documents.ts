// Issuing receipts and rejections. Every document gets the next seq and the
// SHA-512 of the previous document's json (a hash chain), assigned inside
// the caller's transaction right after it has updated the single `chain`
// row: that row lock serialises issuing across processes on both engines
// (SQLite's write lock, PostgreSQL's row lock). A document is issued once per
// package SHA-512 and then only ever read back, byte for byte.
import type { Transaction } from 'kysely';
import { documentHash, signDocument } from '../../bag/receipt';
import type { RecheckBody, ReceiptBody, RejectionBody, ReviewBody, SignedDocument } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import type { ServerContext } from './context';

type Trx = Transaction<Database>;
export type Unsigned<T> = Omit<T, 'seq' | 'prev' | 'format' | 'version' | 'kind' | 'server'>;

export interface StoredDocument extends SignedDocument {
  kind: 'receipt' | 'rejection' | 'review' | 'recheck';
  seq: number;
  schoolCode: string | null;
  bagId: string | null;
}

/**
 * Takes the chain's lock (call it first in the transaction) and returns the
 * next seq and prev. The no-op update is what takes the lock; the seq only
 * moves when a document is stored, so a transaction that issues nothing
 * leaves no gap.
 */
export async function lockChain(trx: Trx): Promise<{ seq: number; prev: string | null }> {
  await trx.updateTable('chain').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute();
  const row = await trx.selectFrom('chain').select(['seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(row.seq) + 1, prev: row.last_hash };
}

export async function findDocument(trxOrDb: Trx | ServerContext['store']['db'], sha512: string): Promise<StoredDocument | null> {
  const row = await trxOrDb.selectFrom('documents').selectAll().where('sha512', '=', sha512).executeTakeFirst();
  return row ? { kind: row.kind, seq: Number(row.seq), json: row.json, minisig: row.minisig, schoolCode: row.school_code, bagId: row.bag_id } : null;
}

export async function writeReceipt(ctx: ServerContext, trx: Trx, chain: { seq: number; prev: string | null }, body: Unsigned<ReceiptBody>): Promise<StoredDocument> {
  const full: ReceiptBody = { format: 'selfcheck-receipt', version: 1, kind: 'receipt', server: ctx.config.serverName, ...body, seq: chain.seq, prev: chain.prev };
  return store(ctx, trx, signDocument(full, ctx.bureauKey), full.seq, 'receipt', full.sha512, full.bag, full.school);
}

export async function writeRejection(ctx: ServerContext, trx: Trx, chain: { seq: number; prev: string | null }, body: Unsigned<RejectionBody>, bagId: string | null): Promise<StoredDocument> {
  const full: RejectionBody = { format: 'selfcheck-receipt', version: 1, kind: 'rejection', server: ctx.config.serverName, ...body, seq: chain.seq, prev: chain.prev };
  return store(ctx, trx, signDocument(full, ctx.bureauKey), full.seq, 'rejection', full.sha512, bagId, full.school);
}

/**
 * A published review (督导意见) in the same chain, addressed to the school so
 * its app finds it in GET receipts?after=. The documents row's sha512 is the
 * document's own hash (the column is unique, and the reviewed package already
 * has its receipt there).
 */
export async function writeReview(ctx: ServerContext, trx: Trx, chain: { seq: number; prev: string | null }, body: Unsigned<ReviewBody>): Promise<StoredDocument> {
  const full: ReviewBody = { format: 'selfcheck-review', version: 1, kind: 'review', server: ctx.config.serverName, ...body, seq: chain.seq, prev: chain.prev };
  const doc = signDocument(full, ctx.bureauKey);
  return store(ctx, trx, doc, full.seq, 'review', documentHash(doc.json), full.bag, full.school);
}

/** The bureau closed or reopened points of a review: a signed recheck for the school, in the chain like the review. */
export async function writeRecheck(ctx: ServerContext, trx: Trx, chain: { seq: number; prev: string | null }, body: Unsigned<RecheckBody>): Promise<StoredDocument> {
  const full: RecheckBody = { format: 'selfcheck-review', version: 1, kind: 'recheck', server: ctx.config.serverName, ...body, seq: chain.seq, prev: chain.prev };
  const doc = signDocument(full, ctx.bureauKey);
  return store(ctx, trx, doc, full.seq, 'recheck', documentHash(doc.json), null, full.school);
}

async function store(ctx: ServerContext, trx: Trx, doc: SignedDocument, seq: number, kind: StoredDocument['kind'], sha512: string, bagId: string | null, school: string | null): Promise<StoredDocument> {
  await trx
    .insertInto('documents')
    .values({ seq, kind, sha512, bag_id: bagId, school_code: school, json: doc.json, minisig: doc.minisig, created_at: ctx.now().toISOString() })
    .execute();
  await trx.updateTable('chain').set({ seq, last_hash: documentHash(doc.json) }).where('id', '=', 1).execute();
  return { ...doc, kind, seq, schoolCode: school, bagId };
}

/** A school's documents after `after`, oldest first (GET receipts?after=SEQ). */
export async function listDocuments(ctx: ServerContext, schoolCode: string, after: number, limit = 500): Promise<{ documents: SignedDocument[]; last: number }> {
  const rows = await ctx.store.db.selectFrom('documents').select(['seq', 'json', 'minisig']).where('school_code', '=', schoolCode).where('seq', '>', after).orderBy('seq').limit(limit).execute();
  const last = rows.length > 0 ? Number(rows[rows.length - 1]?.seq) : after;
  return { documents: rows.map((r) => ({ json: r.json, minisig: r.minisig })), last };
}
