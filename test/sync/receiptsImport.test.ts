// The USB loop with no network at all: an exported package enters the outbox
// (a copy under the data folder), receipt files brought back on a stick are
// accepted only when the bureau key signed them, and settle the package.
// The receipts here are made with stock minisign (not our signer): canonical
// JSON per shared/sync/protocol.ts ReceiptBody, signed by `minisign -S`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from '../package/helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'electron', 'cli.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 60_000 });

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Canonical JSON as the protocol defines it: keys sorted, no spaces. */
const canonical = (v: Record<string, unknown>): string =>
  `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`)
    .join(',')}}`;

function minisignKey(dir: string): { pub: string; sec: string; line: string } {
  const pub = join(dir, 'bureau.pub');
  const sec = join(dir, 'bureau.key');
  execFileSync('minisign', ['-G', '-W', '-p', pub, '-s', sec]);
  return { pub, sec, line: readFileSync(pub, 'utf8').split('\n')[1]!.trim() };
}

function signWithMinisign(sec: string, file: string, json: string): void {
  writeFileSync(file, json);
  execFileSync('minisign', ['-S', '-s', sec, '-m', file, '-t', 'selfcheck receipt']);
}

test('receipts on a stick: signed by the bureau key they settle the package; others are refused and change nothing', async () => {
  const fx = await makeExportFixture();
  fx.tc.core.close();
  const dataDir = fx.tc.dir;
  const work = tempDir('receipts-import-');
  dirs.push(dataDir, work);

  const pkg = join(work, 'school.zip');
  const exp = cli(['export', '--data-dir', dataDir, '--out', pkg, '--lang', 'en']);
  expect(exp.status).toBe(0);
  const bagId = /bag=(\S+)/.exec(exp.stdout)?.[1] as string;
  const sha512 = createHash('sha512').update(readFileSync(pkg)).digest('hex');

  // The export put a copy in the outbox: the stick may go.
  const queued = cli(['sync', '--data-dir', dataDir, '--status']);
  expect(queued.stdout).toContain(`QUEUED    ${bagId}`);
  expect(queued.status).toBe(1);
  expect(readdirSync(join(dataDir, 'outbox'))).toEqual([`${bagId}.zip`]);
  expect(createHash('sha512').update(readFileSync(join(dataDir, 'outbox', `${bagId}.zip`))).digest('hex')).toBe(sha512);

  const bureau = minisignKey(work);
  const other = minisignKey(mkdirP(join(work, 'other')));
  const body = {
    format: 'selfcheck-receipt',
    version: 1,
    kind: 'receipt',
    server: 'Test county bureau',
    school: '1430000001',
    bag: bagId,
    assessment: fx.assessmentId,
    assessmentVersion: 1,
    sha512,
    size: readFileSync(pkg).length,
    received: '2026-12-03T10:00:00.000Z',
    clientTime: null,
    seq: 1,
    prev: null,
    via: 'import',
  };
  const stick = mkdirP(join(work, 'stick'));
  const forged = mkdirP(join(work, 'forged'));
  signWithMinisign(other.sec, join(forged, `${bagId}.receipt.json`), canonical(body));
  const tampered = mkdirP(join(work, 'tampered'));
  signWithMinisign(bureau.sec, join(tampered, `${bagId}.receipt.json`), canonical(body));
  writeFileSync(join(tampered, `${bagId}.receipt.json`), canonical({ ...body, seq: 2 }));

  // A receipt signed by another key, and one edited after signing: refused, the package still waits.
  for (const dir of [forged, tampered]) {
    const r = cli(['receipts', 'import', '--data-dir', dataDir, '--bureau-key', bureau.line, dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}.*does not verify with the bureau key/m);
  }
  expect(cli(['sync', '--data-dir', dataDir, '--status']).stdout).toContain(`QUEUED    ${bagId}`);
  expect(cli(['receipts', '--data-dir', dataDir]).stdout).toContain('no receipts yet');

  // The real one.
  signWithMinisign(bureau.sec, join(stick, `${bagId}.receipt.json`), canonical(body));
  const ok = cli(['receipts', 'import', '--data-dir', dataDir, stick]);
  expect(ok.stderr).toBe('');
  expect(ok.stdout).toMatch(new RegExp(`^OK {4}.*receipt bag=${bagId}`, 'm'));
  expect(ok.status).toBe(0);
  const status = cli(['sync', '--data-dir', dataDir, '--status']);
  expect(status.stdout).toContain(`RECEIVED  ${bagId}`);
  expect(status.status).toBe(0);
  expect(existsSync(join(dataDir, 'outbox', `${bagId}.zip`))).toBe(false);

  // Exported again for the principal: the same bytes, and stock minisign verifies them.
  const out = join(work, 'exported');
  expect(cli(['receipts', '--data-dir', dataDir, '--out', out]).status).toBe(0);
  expect(readFileSync(join(out, `${bagId}.receipt.json`), 'utf8')).toBe(canonical(body));
  const v = spawnSync('minisign', ['-V', '-p', bureau.pub, '-m', join(out, `${bagId}.receipt.json`)], { encoding: 'utf8' });
  expect(v.status).toBe(0);
  const json = JSON.parse(cli(['receipts', '--data-dir', dataDir, '--json']).stdout) as { body: { bag: string } }[];
  expect(json.map((d) => d.body.bag)).toEqual([bagId]);
}, 180_000);

function mkdirP(d: string): string {
  mkdirSync(d, { recursive: true });
  return d;
}
