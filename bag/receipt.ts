// Receipts and rejections: the bureau server's signed answer to a package
// (shared/sync/protocol.ts, ReceiptBody / RejectionBody). The body is
// canonical JSON (sorted keys, no spaces) and is signed whole, in minisign's
// format, with the bureau key, so the pair saved as <bag>.receipt.json and
// <bag>.receipt.json.minisig verifies with the stock
// `minisign -V -P <RW…> -m <bag>.receipt.json`. The app checks them with
// verifyDocument against the bureau key it trusts.
import { createHash } from 'node:crypto';
import { BureauDocumentBody, SignedBody, type SignedDocument } from '../shared/sync/protocol';
import { canonicalJson, type JsonValue } from './canonicalJson';
import { keyIdHex, signMessage, verifyMessage, type PublicKey, type SecretKey } from './minisign';

export function signDocument(body: BureauDocumentBody, bureauKey: SecretKey): SignedDocument {
  const parsed = BureauDocumentBody.parse(body);
  const json = canonicalJson(parsed as unknown as JsonValue);
  // The trusted comment repeats what a person checking by hand wants to see.
  const trusted = canonicalJson(trustedFacts(parsed));
  const minisig = signMessage(Buffer.from(json, 'utf8'), bureauKey, {
    trustedComment: trusted,
    untrustedComment: `selfcheck ${parsed.kind} ${parsed.seq} from ${parsed.server}, bureau key ${keyIdHex(bureauKey.keyId)}`,
  });
  return { json, minisig };
}

function trustedFacts(b: BureauDocumentBody): JsonValue {
  switch (b.kind) {
    case 'receipt':
      return { kind: b.kind, seq: b.seq, about: b.bag, sha512: b.sha512.slice(0, 16) };
    case 'rejection':
      return { kind: b.kind, seq: b.seq, about: b.reason, sha512: b.sha512.slice(0, 16) };
    case 'review':
      return { kind: b.kind, seq: b.seq, about: b.id, school: b.school, sha512: b.sha512.slice(0, 16) };
    case 'recheck':
      return { kind: b.kind, seq: b.seq, about: b.review, school: b.school };
  }
}

export class ReceiptError extends Error {
  constructor(
    readonly code: 'receiptSignature' | 'receiptMalformed',
    message: string,
  ) {
    super(message);
    this.name = 'ReceiptError';
  }
}

/** Checks a receipt or rejection against the bureau key and returns its body; throws ReceiptError naming what is wrong. */
export function verifyDocument(doc: SignedDocument, bureauKey: PublicKey): SignedBody {
  const body = verifyBureauDocument(doc, bureauKey);
  if (body.kind !== 'receipt' && body.kind !== 'rejection') throw new ReceiptError('receiptMalformed', `not a selfcheck receipt: a ${body.kind} document`);
  return body;
}

/** Checks any document the bureau signs (receipt, rejection, review, recheck) and returns its body. */
export function verifyBureauDocument(doc: SignedDocument, bureauKey: PublicKey): BureauDocumentBody {
  let check;
  try {
    check = verifyMessage(Buffer.from(doc.json, 'utf8'), doc.minisig, bureauKey);
  } catch (e) {
    throw new ReceiptError('receiptMalformed', `the signature file is not minisign's format: ${(e as Error).message}`);
  }
  if (!check.ok) throw new ReceiptError('receiptSignature', `the signed document does not verify with the bureau key (${check.reason}, key ${check.keyId})`);
  let value: unknown;
  try {
    value = JSON.parse(doc.json);
  } catch {
    throw new ReceiptError('receiptMalformed', 'the signed document is not JSON');
  }
  const parsed = BureauDocumentBody.safeParse(value);
  if (!parsed.success) throw new ReceiptError('receiptMalformed', `not a selfcheck receipt or review: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  if (canonicalJson(parsed.data as unknown as JsonValue) !== doc.json) throw new ReceiptError('receiptMalformed', 'the signed document is not in canonical form');
  return parsed.data;
}

/** SHA-512 (hex) of a document's json bytes: the next document's `prev`. */
export const documentHash = (json: string): string => createHash('sha512').update(json, 'utf8').digest('hex');

/** File names on a stick or in `--receipts DIR`: <bag-id>.receipt.json (+ .minisig), <name>.rejection.json for a refusal, review-<id>.json / recheck-<review>-<seq>.json. */
export function documentFileName(body: BureauDocumentBody, fallbackName: string): string {
  switch (body.kind) {
    case 'receipt':
      return `${body.bag}.receipt.json`;
    case 'rejection':
      return `${fallbackName}.rejection.json`;
    case 'review':
      return `review-${body.id}.json`;
    case 'recheck':
      return `recheck-${body.review}-${body.seq}.json`;
  }
}
