// Export from a real back end: freeze, report.json and report.html from the
// services, evidence in the bag, read-back verify, and the failure paths
// (target exists, cancel, a full disk) that must leave no file under the final name.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportJson } from '../../shared/report/schema';
import { runExport, estimateExport } from '../../electron/package/export';
import { PackageError } from '../../bag/errors';
import { RUN_STARTED_AT_MS } from '../../bag/partialFiles';
import { verifyReportPackage } from '../../bag/verify';
import { tempDir } from '../fixtures/core';
import { HOSTILE_TEXT, makeExportFixture, type ExportFixture } from './helpers/exportFixture';

let fx: ExportFixture;
let out: string;
afterEach(() => {
  fx?.tc.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function unpack(zipPath: string): Promise<string> {
  const dest = join(out, 'unpacked');
  execFileSync('unzip', ['-q', '-o', zipPath, '-d', dest]);
  const [bag] = readdirSync(dest);
  return join(dest, bag as string);
}

test('export freezes the assessment, writes a package that verifies here and with the stock tools', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const target = join(out, 'report.zip');
  const phases = new Set<string>();
  const r = await runExport({ core: fx.core, vault: fx.vault }, { outPath: target }, { onProgress: (p) => phases.add(p.phase) });

  expect(r.verify.ok).toBe(true);
  expect([...phases]).toEqual(['preparing', 'writing', 'verifying', 'done']);
  expect(readdirSync(out)).toEqual(['report.zip']); // no .partial left
  expect(fx.core.assessments.get(fx.assessmentId).frozenAt).not.toBeNull();
  expect(fx.core.db.prepare('SELECT count(*) AS n FROM export_freezes').get()).toEqual({ n: 0 }); // the freeze is final
  expect(() =>
    fx.core.answers.save({ assessmentId: fx.assessmentId, itemCode: 'SAF-01', value: { type: 'yes_no', value: false }, note: '' }),
  ).toThrow();

  const bag = await unpack(target);
  expect(execFileSync('sha512sum', ['-c', 'tagmanifest-sha512.txt'], { cwd: bag, encoding: 'utf8' })).not.toMatch(/FAILED/);
  const payload = execFileSync('sha512sum', ['-c', 'manifest-sha512.txt'], { cwd: bag, encoding: 'utf8' });
  expect(payload).toMatch(/消防_预案_1\.jpg: OK/);
  const publicKey = fx.vault.status().publicKeyLine as string;
  const stock = execFileSync('minisign', ['-V', '-P', publicKey, '-m', 'tagmanifest-sha512.txt'], { cwd: bag, encoding: 'utf8' });
  expect(stock).toContain('Signature and comment signature verified');

  const report = ReportJson.parse(JSON.parse(readFileSync(join(bag, 'data/report.json'), 'utf8')));
  expect(report.assessment).toMatchObject({ id: fx.assessmentId, version: 1, replaces: null });
  expect(report.school.code).toBe('1430000001');
  const saf01 = report.items.find((i) => i.code === 'SAF-01');
  expect(saf01).toMatchObject({ status: expect.any(String), valueText: '是', confidential: false });
  expect(saf01?.evidence[0]?.path).toMatch(/^data\/evidence\/[0-9a-f]{12}-消防_预案_1\.jpg$/);
  expect(saf01?.reasons.every((x) => x.text.length > 0 && !x.text.includes('{{'))).toBe(true);
  expect(report.events.map((e) => e.title)).toEqual(['秋季消防演练']);
  expect(report.events[0]?.evidence).toHaveLength(1);
  // The figures signed are the ones the frozen assessment keeps, even after new events.
  fx.core.events.save({ kind: 'fire_drill', date: '2024-11-15', title: '十一月演练', participants: 400, note: '' });
  const kept = fx.core.summary.compute(fx.assessmentId);
  expect(report.overall).toEqual(kept.overall);
  expect(report.items.map((i) => [i.code, i.status, i.evidenceCount])).toEqual(kept.items.map((i) => [i.itemCode, i.status, i.evidenceCount]));

  // Confidential: status only; its value, note, caption and file stay home.
  const secret = report.items.find((i) => i.code === 'SAF-03');
  expect(secret).toMatchObject({ confidential: true, reasons: [], evidence: [] });
  expect(secret?.value).toBeUndefined();
  const everything = readdirSync(join(bag, 'data/evidence')).join('\n') + readFileSync(join(bag, 'data/report.json'), 'utf8') + readFileSync(join(bag, 'data/report.html'), 'utf8');
  expect(everything).not.toMatch(/SECRET-NOTE|SECRET-CAPTION|guards\.pdf/);

  // Template and school text is escaped in the HTML; there are no scripts; evidence links are relative.
  const html = readFileSync(join(bag, 'data/report.html'), 'utf8');
  expect(html).not.toContain(HOSTILE_TEXT);
  expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  expect(html).not.toMatch(/<script/i);
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect(existsSync(join(bag, 'data', decodeURIComponent(h)))).toBe(true);
  expect(html).toContain(r.keyId);
});

test('edits after an export make a new version that names the one it replaces', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const first = await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'v1.zip') });
  const next = fx.core.assessments.continueFrozen(fx.assessmentId, 'tester');
  fx.core.answers.save({ assessmentId: next.id, itemCode: 'SAF-01', value: { type: 'yes_no', value: false }, note: '整改中' });
  // With the old version replaced, the new one is the only candidate: no id needed.
  const second = await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'v2.zip'), locale: 'en' });
  expect(second.assessmentId).toBe(next.id);
  expect(second.assessmentVersion).toBe(2);
  expect(second.bagId).not.toBe(first.bagId);
  const bag = await unpack(join(out, 'v2.zip'));
  const report = ReportJson.parse(JSON.parse(readFileSync(join(bag, 'data/report.json'), 'utf8')));
  expect(report.assessment).toMatchObject({ version: 2, replaces: fx.assessmentId });
  expect(report.language).toBe('en');
  expect(report.items.find((i) => i.code === 'SAF-01')?.valueText).toBe('No');
});

test('an existing file of the final name is not overwritten unless asked', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const target = join(out, 'r.zip');
  await runExport({ core: fx.core, vault: fx.vault }, { outPath: target });
  const before = readFileSync(target);
  await expect(runExport({ core: fx.core, vault: fx.vault }, { outPath: target })).rejects.toMatchObject({ code: 'exportTargetExists' });
  expect(readFileSync(target).equals(before)).toBe(true);
  const again = await runExport({ core: fx.core, vault: fx.vault }, { outPath: target, overwrite: true });
  expect(again.verify.ok).toBe(true);
});

test('an export removes partial files that killed exports left in its folder, and nothing else', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const earlier = new Date(RUN_STARTED_AT_MS - 3_600_000);
  const put = (name: string, when?: Date): void => {
    writeFileSync(join(out, name), 'left over');
    if (when) utimesSync(join(out, name), when, when);
  };
  put('.killed.zip.selfcheck-partial', earlier); // an export of an earlier run, killed mid-way
  put('.running.zip.selfcheck-partial'); // written during this run: maybe being written right now
  put('notes.partial', earlier);
  put('report-2024.zip', earlier);
  await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'new.zip') });
  expect(readdirSync(out).sort()).toEqual(['.running.zip.selfcheck-partial', 'new.zip', 'notes.partial', 'report-2024.zip']);
});

test('estimate counts the evidence that will go in', async () => {
  fx = await makeExportFixture();
  const est = estimateExport(fx.core);
  const files = fx.core.evidence.list(false);
  const open = files.filter((f) => f.originalName !== 'guards.pdf'); // the confidential item's file stays home
  expect(est.files).toBe(open.length + 3); // report.json, report.html, VERIFY.txt
  expect(est.bytes).toBeGreaterThan(open.reduce((n, f) => n + f.size, 0));
});

test('cancelling during the write leaves neither a partial nor a final file', async () => {
  fx = await makeExportFixture({ bigFileBytes: 40 * 1024 * 1024 });
  out = tempDir('export-out-');
  const target = join(out, 'cancelled.zip');
  const ac = new AbortController();
  const run = runExport(
    { core: fx.core, vault: fx.vault },
    { outPath: target },
    { signal: ac.signal, onProgress: (p) => p.phase === 'writing' && p.bytesDone > 1024 * 1024 && ac.abort() },
  );
  await expect(run).rejects.toMatchObject({ code: 'exportCancelled' });
  expect(readdirSync(out)).toEqual([]);
  expectAsBefore(fx);
});

test('a stick pulled out during the write: "device gone", nothing under the final name, the assessment as it was', async () => {
  fx = await makeExportFixture({ bigFileBytes: 40 * 1024 * 1024 });
  out = tempDir('export-out-');
  // The folder on the "stick" disappears mid-write, as its mount point does when the stick is pulled:
  // writes to the open file still land (in an unlinked file), the rename and read-back cannot.
  const stick = join(out, 'U盘');
  mkdirSync(stick);
  const target = join(stick, 'report.zip');
  let pulled = false;
  const err = await runExport(
    { core: fx.core, vault: fx.vault },
    { outPath: target },
    {
      onProgress: (p) => {
        if (!pulled && p.phase === 'writing' && p.bytesDone > 1024 * 1024) {
          pulled = true;
          rmSync(stick, { recursive: true, force: true });
        }
      },
    },
  ).catch((e: unknown) => e);
  expect(pulled).toBe(true);
  expect(err).toBeInstanceOf(PackageError);
  expect(err).toMatchObject({ code: 'exportDeviceGone', i18nKey: 'package.exportDeviceGone' });
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(out)).toEqual([]);
  expectAsBefore(fx);
});

test('a cancelled export leaves the assessment frozen if a new version continued it meanwhile', async () => {
  fx = await makeExportFixture({ bigFileBytes: 8 * 1024 * 1024 });
  out = tempDir('export-out-');
  const ac = new AbortController();
  let nextId = '';
  const run = runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'x.zip') }, {
    signal: ac.signal,
    onProgress: (p) => {
      if (p.phase !== 'writing' || nextId) return;
      nextId = fx.core.assessments.continueFrozen(fx.assessmentId, 'me').id;
      ac.abort();
    },
  });
  await expect(run).rejects.toMatchObject({ code: 'exportCancelled' });
  expect(fx.core.assessments.get(fx.assessmentId).frozenAt).not.toBeNull();
  expect(fx.core.assessments.get(nextId)).toMatchObject({ replacesId: fx.assessmentId, frozenAt: null });
  expect(readdirSync(out)).toEqual([]);
});

test('a failed export leaves an assessment that was frozen already frozen, as it was', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const frozen = fx.core.assessments.freeze(fx.assessmentId);
  const summary = fx.core.summary.compute(fx.assessmentId);
  const ac = new AbortController();
  ac.abort();
  await expect(runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'x.zip') }, { signal: ac.signal })).rejects.toMatchObject({
    code: 'exportCancelled',
  });
  expect(fx.core.assessments.get(fx.assessmentId)).toEqual(frozen);
  expect(fx.core.summary.compute(fx.assessmentId)).toEqual(summary);
  expect(readdirSync(out)).toEqual([]);
});

test('two exports of one assessment at once: the freeze stays if either succeeds, and goes only if both fail', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-out-');
  const cancelled = new AbortController();
  cancelled.abort();
  const deps = { core: fx.core, vault: fx.vault };
  // The first one freezes the assessment and fails; the second, sharing that freeze, succeeds.
  const failing = runExport(deps, { outPath: join(out, 'a.zip') }, { signal: cancelled.signal });
  const succeeding = runExport(deps, { outPath: join(out, 'b.zip') });
  await expect(failing).rejects.toMatchObject({ code: 'exportCancelled' });
  expect((await succeeding).verify.ok).toBe(true);
  const frozen = fx.core.assessments.get(fx.assessmentId);
  expect(frozen.frozenAt).not.toBeNull();
  expect(fx.core.db.prepare('SELECT count(*) AS n FROM export_freezes').get()).toEqual({ n: 0 });

  const next = fx.core.assessments.continueFrozen(fx.assessmentId, 'me');
  const both = [1, 2].map((i) => runExport(deps, { outPath: join(out, `c${i}.zip`), assessmentId: next.id }, { signal: cancelled.signal }));
  for (const run of both) await expect(run).rejects.toMatchObject({ code: 'exportCancelled' });
  expect(fx.core.assessments.get(next.id).frozenAt).toBeNull();
  expect(readdirSync(out).sort()).toEqual(['b.zip']);
});

/** The export failed: the assessment is not frozen and takes edits, as before it started. */
function expectAsBefore(f: ExportFixture): void {
  expect(f.core.assessments.get(f.assessmentId).frozenAt).toBeNull();
  expect(f.core.assessments.frozenSummary(f.assessmentId)).toBeNull();
  expect(f.core.db.prepare('SELECT count(*) AS n FROM export_freezes').get()).toEqual({ n: 0 });
  const saved = f.core.answers.save({ assessmentId: f.assessmentId, itemCode: 'SAF-01', value: { type: 'yes_no', value: false }, note: '' });
  expect(saved.revision).toBe(2);
}

describe('a full disk', () => {
  let mnt: string;
  let mounted = false;
  beforeAll(() => {
    mnt = tempDir('tiny-disk-');
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
    mounted = r.status === 0;
    if (!mounted) console.warn(`SKIPPED: cannot mount a 2 MB tmpfs for the ENOSPC test (${r.stderr?.toString().trim()})`);
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });

  test('ENOSPC ends the export with "disk full" and nothing under the final name', async () => {
    if (!mounted) return;
    fx = await makeExportFixture({ bigFileBytes: 4 * 1024 * 1024 });
    const target = join(mnt, 'full.zip');
    const err = await runExport({ core: fx.core, vault: fx.vault }, { outPath: target }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    expect(err).toMatchObject({ code: 'exportDiskFull', i18nKey: 'package.exportDiskFull' });
    expect(readdirSync(mnt)).toEqual([]);
    expectAsBefore(fx);
    // The data folder is untouched: the same export to a roomy folder still works.
    out = tempDir('export-out-');
    mkdirSync(out, { recursive: true });
    const ok = await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'ok.zip') });
    expect((await verifyReportPackage(ok.path, { trusted: [] })).failure?.code).toBe('sigKeyNotTrusted');
    expect(ok.verify.ok).toBe(true);
  });
});
