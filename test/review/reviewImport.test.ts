// The school's side of a review brought on a stick, through the bin:
// `selfcheck review import` accepts only a document signed by a bureau key the
// app trusts (a wrong key is refused with a clear message and nothing is
// stored), then the 整改 bridge methods (the contract the page uses) record a
// point, make the rectification version, and `selfcheck export` writes a
// package whose report.json carries the rectification block and verifies.
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, publicKeyLine } from '../../bag/minisign';
import { documentHash, signDocument } from '../../bag/receipt';
import { createAllHandlers, dispatch } from '../../electron/api';
import { createCore } from '../../electron/services/core';
import { ReportJson } from '../../shared/report/schema';
import type { RecheckBody, ReviewBody } from '../../shared/sync/protocol';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from '../package/helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'selfcheck.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function unzipText(zip: string, bagId: string, path: string): string {
  return execFileSync('unzip', ['-p', zip, `${bagId}/${path}`], { encoding: 'utf8' });
}

test('review import: wrong key refused and nothing stored; the right one shown per item; 整改 recorded and sent back as a verified package', async () => {
  const fx = await makeExportFixture();
  // An event's photo, linked to no item: the rectification block brings it into the package on its own.
  const evidenceId = fx.core.evidence.list(false).find((f) => f.originalName === 'drill.jpg')?.id as string;
  fx.tc.core.close();
  const dataDir = fx.tc.dir;
  const work = tempDir('review-import-');
  dirs.push(dataDir, work);

  const pkg = join(work, 'school.zip');
  const exp = cli(['export', '--data-dir', dataDir, '--out', pkg, '--lang', 'zh-CN']);
  expect(exp.status).toBe(0);
  const bagId = /bag=(\S+)/.exec(exp.stdout)?.[1] as string;
  const sha512 = createHash('sha512').update(readFileSync(pkg)).digest('hex');

  const bureau = generateSecretKey();
  const other = generateSecretKey();
  const body: ReviewBody = {
    format: 'selfcheck-review',
    version: 1,
    kind: 'review',
    server: '测试县教育局',
    seq: 2,
    prev: 'a'.repeat(128),
    id: 'rv-test0001',
    campaign: '2024–2025 学年督导评估',
    school: '1430000001',
    bag: bagId,
    sha512,
    reviewer: '督学王',
    published: '2026-12-01T08:00:00.000Z',
    opinion: '总体良好；安全预案需限期整改。',
    deadline: '2026-12-31',
    total: null,
    level: null,
    points: [
      { code: 'SAF-01', score: null, status: 'partly_met', comment: '预案未经演练检验', rectify: true },
      { code: 'EDU-02', score: null, status: 'met', comment: '', rectify: false },
    ],
  };
  const stick = join(work, 'stick');
  mkdirSync(stick);
  const file = join(stick, 'review-rv-test0001.json');
  const forged = signDocument(body, other);
  writeFileSync(file, forged.json);
  writeFileSync(file + '.minisig', forged.minisig);

  // Signed by a key that is not the bureau's: refused, and nothing is kept.
  const refused = cli(['review', 'import', '--data-dir', dataDir, '--bureau-key', publicKeyLine(bureau), file]);
  expect(refused.status).toBe(1);
  expect(refused.stdout).toMatch(/^FAIL {2}review-rv-test0001\.json: refused: the signed document does not verify with the bureau key.*; nothing was stored/m);
  expect(cli(['review', 'list', '--data-dir', dataDir]).stdout).toContain('no reviews yet');
  // No signature beside it: a clear refusal too.
  const lone = join(work, 'lone.json');
  writeFileSync(lone, forged.json);
  const unsigned = cli(['review', 'import', '--data-dir', dataDir, lone]);
  expect(unsigned.status).toBe(1);
  expect(unsigned.stderr).toMatch(/no lone\.json\.minisig beside it/);

  const real = signDocument(body, bureau);
  writeFileSync(file, real.json);
  writeFileSync(file + '.minisig', real.minisig);
  const ok = cli(['review', 'import', '--data-dir', dataDir, file]);
  expect(ok.stdout).toMatch(/^OK {4}.*review rv-test0001 bag=/m);
  expect(ok.status).toBe(0);
  const listed = JSON.parse(cli(['review', 'list', '--data-dir', dataDir, '--json']).stdout) as { id: string; docSha512: string; body: ReviewBody }[];
  expect(listed.map((r) => [r.id, r.docSha512])).toEqual([['rv-test0001', documentHash(real.json)]]);
  expect(listed[0]?.body).toEqual(body);
  // The same file again is the same review (nothing doubled).
  expect(cli(['review', 'import', '--data-dir', dataDir, file]).status).toBe(0);
  // A receipt is not a review.
  const receiptish = join(work, 'x.receipt.json');
  writeFileSync(receiptish, '{"kind":"receipt"}');
  writeFileSync(receiptish + '.minisig', real.minisig);
  expect(cli(['review', 'import', '--data-dir', dataDir, receiptish]).stdout).toMatch(/not a review document \(a receipt/);

  // Signed by the bureau, but for another school: refused too.
  const otherSchool = signDocument({ ...body, id: 'rv-other', school: '1430000002' }, bureau);
  const otherFile = join(stick, 'review-rv-other.json');
  writeFileSync(otherFile, otherSchool.json);
  writeFileSync(otherFile + '.minisig', otherSchool.minisig);
  const wrongSchool = cli(['review', 'import', '--data-dir', dataDir, otherFile]);
  expect(wrongSchool.status).toBe(1);
  expect(wrongSchool.stdout).toMatch(/refused: this review is for school 1430000002; this app is school 1430000001; nothing was stored/);

  // The page's contract: the review beside the school's own answer, a point recorded, a new version bound.
  const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
  const handlers = createAllHandlers(core);
  const call = async (name: string, args: unknown): Promise<Record<string, unknown>> => {
    const r = await dispatch(handlers, name, args);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  };
  try {
    const detail = (await call('review.get', { id: 'rv-test0001' })) as { points: { code: string; school: { status: string } | null; comment: string; rectify: boolean }[]; toRectify: number };
    expect(detail.toRectify).toBe(1);
    expect(detail.points.find((p) => p.code === 'SAF-01')).toMatchObject({ comment: '预案未经演练检验', rectify: true, school: { status: expect.any(String) } });
    const forItem = (await call('review.forItem', { code: 'SAF-01' })) as { reviewId: string };
    expect(forItem.reviewId).toBe('rv-test0001');
    const entry = { reviewId: 'rv-test0001', code: 'SAF-01', measures: '组织全体师生演练并修订预案', responsible: '王副校长', deadline: '2026-12-20', status: 'done', evidenceIds: [evidenceId], revision: 0 };
    expect(await call('review.saveEntry', entry)).toMatchObject({ revision: 1 });
    // A save from a stale form is a conflict, not a silent overwrite.
    expect((await dispatch(handlers, 'review.saveEntry', { ...entry, measures: 'stale' })).ok).toBe(false);
    await expect(call('review.saveEntry', { ...entry, code: 'EDU-02' })).rejects.toThrow(/notToRectify/);
    const prepared = (await call('review.prepare', { id: 'rv-test0001' })) as { assessmentId: string; version: number };
    expect(prepared.version).toBe(2);
    expect(await call('review.prepare', { id: 'rv-test0001' })).toEqual(prepared);

    // A recheck from the bureau shows on the point.
    const recheck: RecheckBody = { format: 'selfcheck-review', version: 1, kind: 'recheck', server: '测试县教育局', seq: 5, prev: 'b'.repeat(128), review: 'rv-test0001', school: '1430000001', points: [{ code: 'SAF-01', state: 'reopened', comment: '照片不清楚', by: '督学王', at: '2026-12-22T08:00:00.000Z' }] };
    const rc = signDocument(recheck, bureau);
    const imported = (await dispatch(handlers, 'review.import', { files: [{ name: 'recheck.json', json: rc.json, minisig: rc.minisig }] })) as { ok: true; value: { ok: boolean }[] };
    expect(imported.value).toEqual([{ name: 'recheck.json', ok: true, reviewId: 'rv-test0001', error: null }]);
    const after = (await call('review.get', { id: 'rv-test0001' })) as { points: { code: string; check: { state: string } | null }[] };
    expect(after.points.find((p) => p.code === 'SAF-01')?.check).toMatchObject({ state: 'reopened', comment: '照片不清楚' });
    const assessmentId = prepared.assessmentId;
    core.close();

    const rect = join(work, 'rectification.zip');
    const exp2 = cli(['export', '--data-dir', dataDir, '--out', rect, '--assessment', assessmentId]);
    expect(exp2.status).toBe(0);
    const rectBag = /bag=(\S+)/.exec(exp2.stdout)?.[1] as string;
    const report = ReportJson.parse(JSON.parse(unzipText(rect, rectBag, 'data/report.json')));
    expect(report.assessment.version).toBe(2);
    expect(report.assessment.replaces).not.toBeNull();
    expect(report.rectification).toMatchObject({ review: 'rv-test0001', reviewSha512: documentHash(real.json) });
    expect(report.rectification?.items).toEqual([
      expect.objectContaining({ code: 'SAF-01', measures: '组织全体师生演练并修订预案', responsible: '王副校长', deadline: '2026-12-20', status: 'done', evidence: [expect.objectContaining({ originalName: 'drill.jpg' })] }),
    ]);
    // The printable report says it too, for the person reading it at the bureau.
    const html = unzipText(rect, rectBag, 'data/report.html');
    expect(html).toContain('整改情况');
    expect(html).toContain('组织全体师生演练并修订预案');
    const v = cli(['verify', rect, '--data-dir', dataDir]);
    expect(v.stdout + v.stderr).toMatch(/OK|通过|valid/i);
    expect(v.status).toBe(0);

    // Entries changed after the rectification version was exported go into the next version
    // (the exported one replays byte for byte); with no change, the exported one stays bound.
    const core2 = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    try {
      const h2 = createAllHandlers(core2);
      const call2 = async (name: string, args: unknown) => {
        const r = await dispatch(h2, name, args);
        if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
        return r.value as Record<string, unknown>;
      };
      expect(await call2('review.prepare', { id: 'rv-test0001' })).toEqual(prepared);
      await call2('review.saveEntry', { ...entry, measures: '补充：每学期演练两次', revision: 1 });
      expect(await call2('review.prepare', { id: 'rv-test0001' })).toMatchObject({ version: 3 });
    } finally {
      core2.close();
    }
  } finally {
    try {
      core.close();
    } catch {
      /* closed above */
    }
  }
}, 240_000);
