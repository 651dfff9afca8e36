// The review and recheck documents (bag/receipt.ts, shared/sync/protocol.ts):
// signed like receipts, verifiable with stock minisign, refused when changed;
// and the rectification block of report.json, whose evidence the verifier
// checks like any other evidence.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecretKey, publicKeyLine } from '../../bag/minisign';
import { documentFileName, ReceiptError, signDocument, verifyBureauDocument, verifyDocument } from '../../bag/receipt';
import { verifyReportPackage } from '../../bag/verify';
import { RecheckBody, ReviewBody, SignedDocument } from '../../shared/sync/protocol';
import { makeSamplePackage, newSchoolKey, trustOf } from '../package/helpers/samplePackage';

const bureau = generateSecretKey();
const review: ReviewBody = {
  format: 'selfcheck-review',
  version: 1,
  kind: 'review',
  server: '测试县教育局',
  seq: 7,
  prev: 'b'.repeat(128),
  id: 'rv-0123456789abcdef',
  campaign: '2024–2025 学年督导评估',
  school: '1430000001',
  bag: '1430000001-20250101-v1-abc',
  sha512: 'a'.repeat(128),
  reviewer: '督学王',
  published: '2025-03-01T08:00:00.000Z',
  opinion: '总体良好；消防演练记录需补齐。',
  deadline: '2025-03-31',
  total: 82.5,
  level: null,
  points: [
    { code: 'SAF-01', score: 8.5, status: 'met', comment: '', rectify: false },
    { code: 'SAF-02', score: null, status: 'not_met', comment: '缺少记录', rectify: true },
  ],
};
const recheck: RecheckBody = {
  format: 'selfcheck-review',
  version: 1,
  kind: 'recheck',
  server: '测试县教育局',
  seq: 9,
  prev: 'c'.repeat(128),
  review: review.id,
  school: review.school,
  points: [{ code: 'SAF-02', state: 'reopened', comment: '照片不清楚', by: '督学王', at: '2025-04-02T08:00:00.000Z' }],
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'selfcheck-review-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stockVerifies(name: string, json: string, minisig: string): boolean {
  const file = join(dir, name);
  writeFileSync(file, json);
  writeFileSync(file + '.minisig', minisig);
  const pub = join(dir, 'bureau.pub');
  writeFileSync(pub, `untrusted comment: bureau\n${publicKeyLine(bureau)}\n`);
  try {
    execFileSync('minisign', ['-Vm', file, '-p', pub], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

test('a review is canonical JSON signed with the bureau key: stock minisign verifies it, one changed byte does not', () => {
  const doc = signDocument(review, bureau);
  expect(verifyBureauDocument(doc, bureau)).toEqual(review);
  expect(documentFileName(review, 'x')).toBe('review-rv-0123456789abcdef.json');
  expect(stockVerifies('review.json', doc.json, doc.minisig)).toBe(true);
  expect(stockVerifies('review-changed.json', doc.json.replace('"deadline":"2025-03-31"', '"deadline":"2025-05-31"'), doc.minisig)).toBe(false);
  expect(() => verifyBureauDocument({ ...doc, json: doc.json.replace('缺少记录', '没有问题') }, bureau)).toThrow(/does not verify/);
  expect(() => verifyBureauDocument(doc, generateSecretKey())).toThrow(ReceiptError);
  // A review is not a receipt: code that settles the outbox must not take it for one.
  expect(() => verifyDocument(doc, bureau)).toThrow(/not a selfcheck receipt: a review document/);
});

test('a recheck verifies the same way; a body the protocol does not know is refused even when signed', () => {
  const doc = signDocument(recheck, bureau);
  expect(verifyBureauDocument(doc, bureau)).toEqual(recheck);
  expect(stockVerifies('recheck.json', doc.json, doc.minisig)).toBe(true);
  expect(() => signDocument({ ...recheck, points: [] }, bureau)).toThrow();
  const forged = { ...recheck, points: [{ ...recheck.points[0], state: 'waived' }] } as unknown as RecheckBody;
  expect(() => signDocument(forged, bureau)).toThrow();
});

test('a review with a hundred long comments fits a signed document', () => {
  const big: ReviewBody = { ...review, points: Array.from({ length: 100 }, (_, i) => ({ code: `P-${i}`, score: 1, status: 'partly_met' as const, comment: '整改意见'.repeat(500), rectify: true })) };
  const doc = signDocument(big, bureau);
  expect(doc.json.length).toBeGreaterThan(20_000);
  expect(SignedDocument.safeParse(doc).success).toBe(true);
  expect(verifyBureauDocument(doc, bureau).kind).toBe('review');
});

test('rectification evidence is checked against the manifest like any evidence', async () => {
  const key = newSchoolKey();
  const good = await makeSamplePackage(mkdtempSync(join(dir, 'ok-')), {
    key,
    mutateReport: (r) => {
      r.rectification = { review: review.id, reviewSha512: 'd'.repeat(128), items: [{ code: 'SAF-02', measures: '补做演练', responsible: '张校长', deadline: '2025-03-20', status: 'done', evidence: [r.items[0]?.evidence[0] as never] }] };
    },
  });
  const ok = await verifyReportPackage(good.zipPath, { trusted: [trustOf(key)] });
  expect(ok.ok).toBe(true);
  const bad = await makeSamplePackage(mkdtempSync(join(dir, 'bad-')), {
    key,
    mutateReport: (r) => {
      const f = r.items[0]?.evidence[0];
      if (!f) throw new Error('sample has evidence');
      r.rectification = { review: review.id, reviewSha512: 'd'.repeat(128), items: [{ code: 'SAF-02', measures: '补做演练', responsible: '张校长', deadline: null, status: 'in_progress', evidence: [{ ...f, path: 'data/evidence/not-there.jpg' }] }] };
    },
  });
  const refused = await verifyReportPackage(bad.zipPath, { trusted: [trustOf(key)] });
  expect(refused.ok).toBe(false);
  expect(refused.failure?.code).toBe('reportMismatch');
  expect(refused.failure?.file).toBe('data/evidence/not-there.jpg');
});
