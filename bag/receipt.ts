// Receipts and rejections: the bureau server's signed answer to a package
// (shared/sync/protocol.ts, ReceiptBody / RejectionBody). The body is
// canonical JSON (sorted keys, no spaces) and is signed whole, in minisign's
// format, with the bureau key, so the pair saved as <bag>.receipt.json and
// <bag>.receipt.json.minisig verifies with the stock
// `minisign -V -P <RW…> -m <bag>.receipt.json`. The app checks them with
// verifyDocument against the bureau key it trusts.
import { createHash } from 'node:crypto';
import { SignedBody, type SignedDocument } from '../shared/sync/protocol';
import { canonicalJson, type JsonValue } from './canonicalJson';
import { keyIdHex, signMessage, verifyMessage, type PublicKey, type SecretKey } from './minisign';

export function signDocument(body: SignedBody, bureauKey: SecretKey): SignedDocument {
  const parsed = SignedBody.parse(body);
  const json = canonicalJson(parsed as unknown as JsonValue);
  // The trusted comment repeats what a person checking by hand wants to see.
  const about = parsed.kind === 'receipt' ? parsed.bag : parsed.reason;
  const trusted = canonicalJson({ kind: parsed.kind, seq: parsed.seq, about, sha512: parsed.sha512.slice(0, 16) });
  const minisig = signMessage(Buffer.from(json, 'utf8'), bureauKey, {
    trustedComment: trusted,
    untrustedComment: `selfcheck ${parsed.kind} ${parsed.seq} from ${parsed.server}, bureau key ${keyIdHex(bureauKey.keyId)}`,
  });
  return { json, minisig };
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

/** Checks a document against the bureau key and returns its body; throws ReceiptError naming what is wrong. */
export function verifyDocument(doc: SignedDocument, bureauKey: PublicKey): SignedBody {
  let check;
  try {
    check = verifyMessage(Buffer.from(doc.json, 'utf8'), doc.minisig, bureauKey);
  } catch (e) {
    throw new ReceiptError('receiptMalformed', `the signature file is not minisign's format: ${(e as Error).message}`);
  }
  if (!check.ok) throw new ReceiptError('receiptSignature', `the receipt does not verify with the bureau key (${check.reason}, key ${check.keyId})`);
  let value: unknown;
  try {
    value = JSON.parse(doc.json);
  } catch {
    throw new ReceiptError('receiptMalformed', 'the receipt is not JSON');
  }
  const parsed = SignedBody.safeParse(value);
  if (!parsed.success) throw new ReceiptError('receiptMalformed', `not a selfcheck receipt: ${parsed.error.issues[0]?.message ?? ''}`);
  if (canonicalJson(parsed.data as unknown as JsonValue) !== doc.json) throw new ReceiptError('receiptMalformed', 'the receipt is not in canonical form');
  return parsed.data;
}

/** SHA-512 (hex) of a document's json bytes: the next document's `prev`. */
export const documentHash = (json: string): string => createHash('sha512').update(json, 'utf8').digest('hex');

/** File names on a stick or in `--receipts DIR`: <bag-id>.receipt.json (+ .minisig), or <name>.rejection.json for a refusal. */
export function documentFileName(body: SignedBody, fallbackName: string): string {
  return body.kind === 'receipt' ? `${body.bag}.receipt.json` : `${fallbackName}.rejection.json`;
}
