// A package made by the writer verifies here and with the stock tools; one
// changed byte in any file makes verify fail and name that file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyReportPackage } from '../../bag/verify';
import { TAG } from '../../bag/bagit';
import { rawZip } from './helpers/rawZip';
import { makeSamplePackage, newSchoolKey, readZipEntries, SCHOOL_CODE, trustOf } from './helpers/samplePackage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verify-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a fresh package verifies, with every stage ok and the report digest', async () => {
  const { zipPath, key } = await makeSamplePackage(dir);
  const r = await verifyReportPackage(zipPath, { trusted: [trustOf(key)] });
  expect(r.failure).toBeNull();
  expect(r.ok).toBe(true);
  expect(r.checks.map((c) => `${c.stage}:${c.status}`)).toEqual(['zip:ok', 'bag:ok', 'signature:ok', 'report:ok']);
  expect(r).toMatchObject({ schoolCode: SCHOOL_CODE, schoolName: '测试小学', signerKeyId: key.keyId, keyTrust: 'trusted' });
  expect(r.report).toMatchObject({ files: 2, items: 2, assessmentVersion: 1 });
});

test('the stock tools accept the package: unzip, sha512sum -c on both manifests, minisign -V', async () => {
  const { zipPath, key } = await makeSamplePackage(dir);
  const out = join(dir, 'out');
  execFileSync('unzip', ['-q', zipPath, '-d', out]);
  const [bag] = readdirSync(out);
  const bagDir = join(out, bag as string);
  expect(execFileSync('sha512sum', ['-c', TAG.tagManifest], { cwd: bagDir, encoding: 'utf8' })).toMatch(/bagit.txt: OK/);
  const payload = execFileSync('sha512sum', ['-c', TAG.manifest], { cwd: bagDir, encoding: 'utf8' });
  expect(payload.trim().split('\n')).toHaveLength(5); // 2 evidence files, report.json, report.html, VERIFY.txt
  expect(payload).not.toMatch(/FAILED/);
  const sig = execFileSync('minisign', ['-V', '-P', key.publicKeyLine, '-m', TAG.tagManifest], { cwd: bagDir, encoding: 'utf8' });
  expect(sig).toContain('Signature and comment signature verified');
  expect(sig).toContain(`"school":"${SCHOOL_CODE}"`);
  expect(execFileSync('unzip', ['-t', zipPath], { encoding: 'utf8' })).toMatch(/No errors detected/);
});

test('one flipped byte in any file fails verify and names that file', async () => {
  const { zipPath, key } = await makeSamplePackage(dir);
  const entries = await readZipEntries(zipPath);
  const files = entries.filter((e) => !e.name.endsWith('/'));
  expect(files.length).toBe(10); // 5 payload (VERIFY.txt too) + bagit, bag-info, manifest, tagmanifest, signature
  for (const [i, target] of files.entries()) {
    const relative = target.name.slice(target.name.indexOf('/') + 1);
    const data = Buffer.from(target.data);
    if (relative === TAG.signature) {
      // The untrusted comment (line 1) is unsigned by design; change a byte of the signature line.
      const lineStart = data.indexOf('\n') + 1;
      const pos = lineStart + 20;
      data[pos] = data[pos] === 0x41 ? 0x42 : 0x41;
    } else {
      const pos = Math.floor(data.length / 2);
      data[pos] = (data[pos] as number) ^ 0x01;
    }
    const tampered = join(dir, `tampered-${i}.zip`);
    writeFileSync(tampered, rawZip(files.map((e) => ({ name: e.name, data: e === target ? data : e.data }))));
    const r = await verifyReportPackage(tampered, { trusted: [trustOf(key)] });
    expect({ file: relative, ok: r.ok }).toEqual({ file: relative, ok: false });
    expect({ file: relative, named: r.failure?.file }).toEqual({ file: relative, named: relative });
  }
});

test('a package from a key nobody trusts: "signature valid but key not trusted", distinct from a bad signature', async () => {
  const { zipPath, key } = await makeSamplePackage(dir);
  const r = await verifyReportPackage(zipPath, { trusted: [] });
  expect(r.ok).toBe(false);
  expect(r.keyTrust).toBe('untrusted');
  expect(r.failure).toMatchObject({ code: 'sigKeyNotTrusted', i18nKey: 'package.sigKeyNotTrusted' });
  expect(r.failure?.detail).toContain('signature valid');
  expect(r.signerKeyId).toBe(key.keyId);
  expect(r.schoolCode).toBe(SCHOOL_CODE);

  // Trusted: a different key. Wrong key -> not trusted, not "bad signature".
  const wrong = await verifyReportPackage(zipPath, { trusted: [trustOf(newSchoolKey())] });
  expect(wrong.failure?.code).toBe('sigKeyNotTrusted');
});

test('a key registered for another school does not vouch for this one', async () => {
  const { zipPath, key } = await makeSamplePackage(dir);
  const r = await verifyReportPackage(zipPath, { trusted: [trustOf(key, '1439999999')] });
  expect(r.failure).toMatchObject({ code: 'sigWrongSchool', file: TAG.signature });
  expect(r.checks.find((c) => c.stage === 'signature')?.status).toBe('failed');
});

test('report.json that breaks the schema or names another school than the signature is refused', async () => {
  const bad = await makeSamplePackage(dir, { mutateReport: (r) => ((r as { items: unknown }).items = 'nope') });
  const r1 = await verifyReportPackage(bad.zipPath, { trusted: [trustOf(bad.key)] });
  expect(r1.failure).toMatchObject({ code: 'reportMalformed', file: 'data/report.json' });
  expect(r1.failure?.detail).toContain('items');

  const other = mkdtempSync(join(dir, 'o'));
  const lying = await makeSamplePackage(other, { mutateReport: (r) => (r.school.code = '1439999999') });
  const r2 = await verifyReportPackage(lying.zipPath, { trusted: [trustOf(lying.key)] });
  expect(r2.failure).toMatchObject({ code: 'reportMismatch', file: 'data/report.json' });
  expect(r2.failure?.detail).toContain('1439999999');

  const third = mkdtempSync(join(dir, 't'));
  const future = await makeSamplePackage(third, { mutateReport: (r) => ((r as { formatVersion: number }).formatVersion = 9) });
  const r3 = await verifyReportPackage(future.zipPath, { trusted: [trustOf(future.key)] });
  expect(r3.failure).toMatchObject({ code: 'reportVersion', file: 'data/report.json' });
});

test('a report that refers to a file with another hash than the manifest is refused, naming the file', async () => {
  const { zipPath, key } = await makeSamplePackage(dir, {
    mutateReport: (r) => {
      const f = r.items[0]?.evidence[0];
      if (f) f.sha512 = '0'.repeat(128);
    },
  });
  const r = await verifyReportPackage(zipPath, { trusted: [trustOf(key)] });
  expect(r.failure?.code).toBe('reportMismatch');
  expect(r.failure?.file).toMatch(/^data\/evidence\/.*photo\.jpg$/);
});
