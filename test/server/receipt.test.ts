// bag/receipt.ts and bag/enrolment.ts from another angle: what stock
// minisign accepts, what a tampered or reformatted receipt does, and sheets
// that try to smuggle markup or a mismatched key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnrolmentSheet, renderEnrolmentBlock } from '../../bag/enrolment';
import { generateSecretKey, keyIdHex, publicKeyLine } from '../../bag/minisign';
import { documentHash, ReceiptError, signDocument, verifyDocument } from '../../bag/receipt';
import type { ReceiptBody } from '../../shared/sync/protocol';

const bureau = generateSecretKey();
const body: ReceiptBody = {
  format: 'selfcheck-receipt',
  version: 1,
  kind: 'receipt',
  server: '测试县教育局',
  school: '1430000001',
  bag: '1430000001-20250101-v1-abc',
  assessment: 'a-1',
  assessmentVersion: 1,
  sha512: 'a'.repeat(128),
  size: 1234,
  received: '2025-01-01T08:00:00.000Z',
  clientTime: null,
  seq: 1,
  prev: null,
  via: 'upload',
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'selfcheck-receipt-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a receipt is canonical JSON that stock minisign verifies with the bureau key; one changed byte fails', () => {
  const doc = signDocument(body, bureau);
  expect(doc.json).toBe(JSON.stringify(Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1)))));
  const file = join(dir, 'r.receipt.json');
  writeFileSync(file, doc.json);
  writeFileSync(file + '.minisig', doc.minisig);
  const out = execFileSync('minisign', ['-V', '-P', publicKeyLine(bureau), '-m', file]).toString();
  expect(out).toMatch(/Signature and comment signature verified/);
  writeFileSync(file, doc.json.replace('"size":1234', '"size":1235'));
  expect(() => execFileSync('minisign', ['-V', '-P', publicKeyLine(bureau), '-m', file], { stdio: 'pipe' })).toThrow();
  expect(verifyDocument(doc, bureau)).toEqual(body);
  expect(documentHash(doc.json)).toMatch(/^[0-9a-f]{128}$/);
});

test('verifyDocument refuses another key, a changed body and a re-formatted body', () => {
  const doc = signDocument(body, bureau);
  expect(() => verifyDocument(doc, generateSecretKey())).toThrow(ReceiptError);
  expect(() => verifyDocument({ ...doc, json: doc.json.replace('"seq":1', '"seq":2') }, bureau)).toThrow(/does not verify/);
  const pretty = JSON.stringify(JSON.parse(doc.json), null, 2);
  const resigned = { json: pretty, minisig: signDocument(body, bureau).minisig };
  expect(() => verifyDocument(resigned, bureau)).toThrow(ReceiptError);
});

test('the enrolment block cannot close its script element, and a key id that is not the key\'s is refused', () => {
  const key = generateSecretKey();
  const block = { format: 'selfcheck-enrolment' as const, version: 1 as const, schoolCode: 'S1', schoolName: '</script><script>alert(1)</script>', publicKey: publicKeyLine(key), keyId: keyIdHex(key.keyId), created: '2025-01-01' };
  const html = `<html><head>${renderEnrolmentBlock(block)}</head></html>`;
  expect(html.match(/<\/script>/g)).toHaveLength(1);
  expect(parseEnrolmentSheet(html).schoolName).toBe(block.schoolName);
  const other = generateSecretKey();
  const lying = html.replace(block.keyId, keyIdHex(other.keyId));
  expect(() => parseEnrolmentSheet(lying)).toThrow(/not the key's id/);
  expect(() => parseEnrolmentSheet(html + html)).toThrow(/more than one/);
  expect(() => parseEnrolmentSheet('<html></html>')).toThrow(/not a SelfCheck enrolment sheet/);
});
