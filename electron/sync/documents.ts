// Receipts and rejections on the app's side: checked against the bureau key we
// trust before anything is stored, whether they came in an answer, from the
// receipts feed, or as files from a stick; and written out as the pair of files
// stock minisign verifies (<bag-id>.receipt.json + .minisig).
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_DOCUMENT_JSON, type BureauDocumentBody, type SignedBody, type SignedDocument } from '../../shared/sync/protocol';
import { parsePublicKey } from '../../bag/minisign';
import { ReceiptError, verifyBureauDocument, verifyDocument } from '../../bag/receipt';
import type { ReviewStore } from '../review/reviewStore';
import { SyncError } from './errors';
import type { StoredDocument, SyncStore } from './syncStore';

/** Checks the signature with the bureau key and the body against the protocol (bag/receipt.ts, shared with the server); returns the body. */
export function checkDocument(doc: SignedDocument, bureauKeyLine: string): SignedBody {
  try {
    return verifyDocument(doc, parsePublicKey(bureauKeyLine));
  } catch (e) {
    if (e instanceof ReceiptError) throw new SyncError('badSignature', e.message);
    throw e;
  }
}

/** Verifies and stores a package's answer (receipt or rejection), settling its outbox entry. */
export function acceptDocument(
  store: SyncStore,
  doc: SignedDocument,
  bureauKeyLine: string,
  bureauKeyId: string,
  expectSha512?: string,
): { body: SignedBody; stored: boolean } {
  const body = checkDocument(doc, bureauKeyLine);
  if (expectSha512 && body.sha512 !== expectSha512) throw new SyncError('protocol', `the server answered about another package (${body.sha512.slice(0, 16)}…)`);
  return { body, stored: settleAnswer(store, doc, body, bureauKeyId) };
}

/**
 * Any document of the bureau's chain (the receipts feed, a stick): receipts and
 * rejections settle the outbox; reviews and rechecks go to the review store
 * (they are about a package already received, and must never settle it again).
 */
export function acceptBureauDocument(
  stores: { sync: SyncStore; reviews: ReviewStore },
  doc: SignedDocument,
  bureauKeyLine: string,
  bureauKeyId: string,
  /** This app's school code (the profile's); a review for another school is refused. */
  schoolCode: string | null = null,
): { body: BureauDocumentBody; stored: boolean } {
  let body: BureauDocumentBody;
  try {
    body = verifyBureauDocument(doc, parsePublicKey(bureauKeyLine));
  } catch (e) {
    if (e instanceof ReceiptError) throw new SyncError('badSignature', e.message);
    throw e;
  }
  if ((body.kind === 'review' || body.kind === 'recheck') && schoolCode && body.school !== schoolCode)
    throw new SyncError('protocol', `this ${body.kind} is for school ${body.school}; this app is school ${schoolCode}`);
  if (body.kind === 'review') return { body, stored: stores.reviews.acceptReview(doc, body, bureauKeyId) };
  if (body.kind === 'recheck') return { body, stored: stores.reviews.acceptRecheck(doc, body, bureauKeyId) };
  return { body, stored: settleAnswer(stores.sync, doc, body, bureauKeyId) };
}

function settleAnswer(store: SyncStore, doc: SignedDocument, body: SignedBody, bureauKeyId: string): boolean {
  const r = store.settle({
    sha512: body.sha512,
    kind: body.kind,
    bagId: body.kind === 'receipt' ? body.bag : null,
    seq: body.seq,
    received: body.received,
    json: doc.json,
    minisig: doc.minisig,
    keyId: bureauKeyId,
    via: body.via,
  });
  return r.stored;
}

export const documentFileBase = (d: StoredDocument): string => (d.kind === 'receipt' && d.bagId ? `${d.bagId}.receipt.json` : `${d.sha512.slice(0, 32)}.rejection.json`);

/** Writes every stored document as <name>.json + <name>.json.minisig into `dir`; returns the paths of the .json files. */
export function exportDocuments(docs: StoredDocument[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return docs.map((d) => {
    const path = join(dir, documentFileBase(d));
    writeAtomic(path, d.json);
    writeAtomic(`${path}.minisig`, d.minisig);
    return path;
  });
}

/** The .json files named (or found in named folders) that have a .minisig beside them. */
export function receiptFilesIn(paths: string[]): { json: string; minisig: string }[] {
  const out: { json: string; minisig: string }[] = [];
  for (const p of paths) {
    const files = statSync(p).isDirectory() ? readdirSync(p).filter((n) => n.endsWith('.json')).sort().map((n) => join(p, n)) : [p];
    for (const f of files) {
      const sig = `${f}.minisig`;
      if (!existsSync(sig)) throw new SyncError('badSignature', `${basename(f)}: no ${basename(sig)} beside it`);
      out.push({ json: f, minisig: sig });
    }
  }
  return out;
}

export function readDocumentFiles(f: { json: string; minisig: string }): SignedDocument {
  const size = statSync(f.json).size + statSync(f.minisig).size;
  if (size > MAX_DOCUMENT_JSON + 4_000) throw new SyncError('badSignature', `${basename(f.json)}: too large to be a receipt or review`);
  return { json: readFileSync(f.json, 'utf8'), minisig: readFileSync(f.minisig, 'utf8') };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.partial`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
