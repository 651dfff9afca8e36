// The machine-readable block on the enrolment sheet: the school's code, name
// and public key as JSON inside the printed HTML page, so the bureau's
// `selfcheck server enrol --sheet FILE` reads exactly what the principal
// printed and signed, and the officer compares the fingerprint aloud.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { keyIdHex, parsePublicKey } from './minisign';

export const ENROLMENT_BLOCK_ID = 'selfcheck-enrolment';

export const EnrolmentBlock = z
  .object({
    format: z.literal('selfcheck-enrolment'),
    version: z.literal(1),
    schoolCode: z.string().min(1).max(40),
    schoolName: z.string().min(1).max(200),
    publicKey: z.string().regex(/^RW[A-Za-z0-9+/=]{54}$/),
    keyId: z.string().regex(/^[0-9A-F]{16}$/),
    created: z.string().min(10).max(40),
  })
  .strict();
export type EnrolmentBlock = z.infer<typeof EnrolmentBlock>;

/** The <script> element to put in the sheet. `<` is escaped so the JSON can never close the element. */
export function renderEnrolmentBlock(block: EnrolmentBlock): string {
  const json = JSON.stringify(EnrolmentBlock.parse(block)).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${ENROLMENT_BLOCK_ID}">${json}</script>`;
}

export class EnrolmentSheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnrolmentSheetError';
  }
}

/** Reads the block from a sheet's HTML; checks the key id matches the key. */
export function parseEnrolmentSheet(html: string): EnrolmentBlock {
  const re = new RegExp(`<script type="application/json" id="${ENROLMENT_BLOCK_ID}">([^<]*)</script>`, 'g');
  const found = [...html.matchAll(re)];
  if (found.length === 0) throw new EnrolmentSheetError('this file is not a SelfCheck enrolment sheet (no machine-readable enrolment block); print the sheet again from the app');
  if (found.length > 1) throw new EnrolmentSheetError('the sheet holds more than one enrolment block');
  let value: unknown;
  try {
    value = JSON.parse(found[0]?.[1] ?? '');
  } catch {
    throw new EnrolmentSheetError('the enrolment block is not valid JSON');
  }
  const parsed = EnrolmentBlock.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnrolmentSheetError(`the enrolment block is malformed: ${issue ? `${issue.path.join('.')}: ${issue.message}` : ''}`);
  }
  const key = parsePublicKey(parsed.data.publicKey);
  if (keyIdHex(key.keyId) !== parsed.data.keyId) throw new EnrolmentSheetError(`the sheet's key id ${parsed.data.keyId} is not the key's id ${keyIdHex(key.keyId)}`);
  return parsed.data;
}

/** SHA-256 of the key bytes in groups of four hex digits: the same fingerprint the sheet prints. */
export function keyFingerprint(publicKeyLine: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyLine, 'base64')).digest('hex').toUpperCase();
  return (hex.match(/.{4}/g) ?? []).join(' ');
}
