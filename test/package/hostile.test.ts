// Hostile packages: each is a valid signed package with one twist, and each
// twist is refused with its own code, naming the entry at fault.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyReportPackage } from '../../bag/verify';
import { DEFAULT_LIMITS } from '../../bag/limits';
import { rawZip, type RawEntry } from './helpers/rawZip';
import { makeSamplePackage, readZipEntries, trustOf } from './helpers/samplePackage';
import type { SchoolKey } from '../../bag/keyTypes';

let dir: string;
let good: RawEntry[];
let key: SchoolKey;
let bag: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const sample = await makeSamplePackage(dir);
  key = sample.key;
  good = (await readZipEntries(sample.zipPath)).map((e) => ({ name: e.name, data: e.data }));
  bag = (good[0]?.name ?? '').split('/')[0] as string;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function verifyEntries(entries: RawEntry[], limits = DEFAULT_LIMITS) {
  const p = join(dir, `case-${n++}.zip`);
  writeFileSync(p, rawZip(entries));
  return verifyReportPackage(p, { trusted: [trustOf(key)], limits });
}

test('the unchanged entries, rewritten by hand, still verify (the helper is sound)', async () => {
  const r = await verifyEntries(good);
  expect(r.failure).toBeNull();
  expect(r.ok).toBe(true);
});

test.each([
  ['zip slip', (b: string) => `${b}/data/../../evil.txt`, 'zipParentPath'],
  ['absolute path', () => '/tmp/evil.txt', 'zipAbsolutePath'],
  ['drive letter', () => 'C:/evil.txt', 'zipAbsolutePath'],
  ['backslash', (b: string) => `${b}\\..\\evil.txt`, 'zipBadName'],
  ['second top folder', () => 'other/evil.txt', 'zipNotOneFolder'],
  ['file at the top', () => 'evil.txt', 'zipNotOneFolder'],
])('%s is refused', async (_label, name, code) => {
  const evil = name(bag);
  const r = await verifyEntries([...good, { name: evil, data: Buffer.from('x') }]);
  expect(r.ok).toBe(false);
  expect(r.failure).toMatchObject({ code, file: evil });
  expect(r.checks[0]).toEqual({ stage: 'zip', status: 'failed' });
});

test('a symlink entry is refused', async () => {
  const name = `${bag}/data/evidence/link.jpg`;
  const r = await verifyEntries([...good, { name, data: Buffer.from('/etc/passwd'), mode: 0o120777 }]);
  expect(r.failure).toMatchObject({ code: 'zipLink', file: name, detail: 'symbolic link' });
});

test('duplicate entries (also differing only in case) are refused', async () => {
  const report = good.find((e) => e.name.endsWith('data/report.json')) as RawEntry;
  const r1 = await verifyEntries([...good, { name: report.name, data: Buffer.from('{}') }]);
  expect(r1.failure).toMatchObject({ code: 'zipDuplicate', file: report.name });
  const upper = report.name.replace('report.json', 'REPORT.json');
  const r2 = await verifyEntries([...good, { name: upper, data: Buffer.from('{}') }]);
  expect(r2.failure).toMatchObject({ code: 'zipDuplicate', file: upper });
});

test('a zip bomb by ratio is refused before anything is inflated', async () => {
  const name = `${bag}/data/evidence/bomb.txt`;
  const r = await verifyEntries([...good, { name, data: Buffer.alloc(50 * 1024 * 1024), method: 8 }]);
  expect(r.failure).toMatchObject({ code: 'zipRatio', file: name });
});

test('a zip bomb by total size is refused', async () => {
  const limits = { ...DEFAULT_LIMITS, maxTotalBytes: 200_000 };
  const name = `${bag}/data/evidence/big.bin`;
  const r = await verifyEntries([...good, { name, data: Buffer.alloc(150_000, 7) }], limits);
  expect(r.failure).toMatchObject({ code: 'zipTooLarge', file: name });
  expect(r.failure?.detail).toContain('in all');
});

test('too many entries are refused from the central directory count', async () => {
  const limits = { ...DEFAULT_LIMITS, maxEntries: good.length };
  const r = await verifyEntries([...good, { name: `${bag}/data/evidence/one-more.txt`, data: Buffer.from('x') }], limits);
  expect(r.failure?.code).toBe('zipTooManyEntries');
});

test('an entry larger than it declares is refused', async () => {
  const report = good.find((e) => e.name.endsWith('data/report.html')) as RawEntry;
  const lying = good.map((e) => (e === report ? { ...e, method: 8 as const, declaredSize: report.data.length - 10 } : e));
  const r = await verifyEntries(lying);
  expect(r.failure).toMatchObject({ code: 'zipEntrySize', file: 'data/report.html' });
});

test('overlapping entries (one compressed stream reused) are refused', async () => {
  const idx = good.findIndex((e) => e.name.endsWith('.txt') && e.name.includes('evidence'));
  const r = await verifyEntries([...good, { name: `${bag}/data/evidence/again.txt`, data: (good[idx] as RawEntry).data, reuseOffsetOf: idx }]);
  expect(r.failure?.code).toMatch(/zipOverlap|zipHeaderMismatch/);
});

test('a payload file the manifest lists but the zip lacks is refused, naming it', async () => {
  const missing = good.find((e) => e.name.includes('photo.jpg')) as RawEntry;
  const r = await verifyEntries(good.filter((e) => e !== missing));
  expect(r.failure).toMatchObject({ code: 'bagFileMissing', file: missing.name.slice(bag.length + 1) });
  expect(r.checks.map((c) => c.status)).toEqual(['ok', 'failed', 'ok', 'skipped']);
});

test('an extra payload file not in the manifest is refused, naming it', async () => {
  const r = await verifyEntries([...good, { name: `${bag}/data/evidence/extra.pdf`, data: Buffer.from('%PDF-1.4') }]);
  expect(r.failure).toMatchObject({ code: 'bagUnlistedPayload', file: 'data/evidence/extra.pdf' });
});

test('an extra tag file outside data/ is refused, naming it', async () => {
  const r = await verifyEntries([...good, { name: `${bag}/notes.txt`, data: Buffer.from('hi') }]);
  expect(r.failure).toMatchObject({ code: 'bagExtraFile', file: 'notes.txt' });
});

test('a missing signature file is its own failure', async () => {
  const r = await verifyEntries(good.filter((e) => !e.name.endsWith('.minisig')));
  expect(r.failure).toMatchObject({ code: 'bagMissingTagFile', file: 'tagmanifest-sha512.txt.minisig' });
});

test('garbage instead of a zip is unreadable, not a crash', async () => {
  const p = join(dir, 'garbage.zip');
  writeFileSync(p, Buffer.from('this is not a zip file at all'));
  const r = await verifyReportPackage(p, { trusted: [trustOf(key)] });
  expect(r.failure?.code).toBe('zipUnreadable');
});
