// The `selfcheck` bin: keys, export, verify (exit codes, one line per package),
// template-package; and a SIGKILL during export leaves no final-named file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { partialPathFor } from '../../bag/partialFiles';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from './helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'selfcheck.js'); // the package's bin, as `npx selfcheck` runs it
const KEYS = join(ROOT, 'test', 'fixtures', 'keys');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 60_000 });

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

let dataDir: string;
let out: string;
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

async function preparedDataDir(bigFileBytes?: number): Promise<string> {
  const fx = await makeExportFixture({ bigFileBytes });
  fx.tc.core.close(); // release the data folder lock for the CLI
  return fx.tc.dir;
}

test('keys, export and verify from the command line', async () => {
  dataDir = await preparedDataDir();
  out = tempDir('cli-out-');
  const keys = cli(['keys', '--data-dir', dataDir]);
  expect(keys.status).toBe(0);
  const keyId = /key id:\s+([0-9A-F]{16})/.exec(keys.stdout)?.[1];
  const publicKey = /public key:\s+(RW\S+)/.exec(keys.stdout)?.[1];
  expect(keyId).toBeDefined();
  expect(publicKey).toBeDefined();

  const pkg = join(out, 'school.zip');
  const exp = cli(['export', '--data-dir', dataDir, '--out', pkg, '--lang', 'en']);
  expect(exp.stderr).not.toMatch(/FAIL/);
  expect(exp.status).toBe(0);
  expect(exp.stdout).toMatch(new RegExp(`^OK  ${pkg}  bag=1430000001-\\d{8}-v1-[0-9a-f]{6}.* key=${keyId}`));
  expect(readdirSync(out)).toEqual(['school.zip']);

  // The bureau: the school's key in a file, no data folder of its own.
  const pub = join(out, 'school.pub');
  writeFileSync(pub, `untrusted comment: test school\n${publicKey}\n`);
  const ok = cli(['verify', pkg, '--trust', pub, '--school', '1430000001']);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(new RegExp(`^OK    ${pkg}  school=1430000001 测试学校  key=${keyId}  trusted`));

  // No trusted key at all: verify fails closed (usage error, exit 2) instead of judging anything.
  const untrusted = cli(['verify', pkg]);
  expect(untrusted.status).toBe(2);
  expect(untrusted.stderr).toMatch(/no trusted key/);

  // Several packages: one line each, exit 1 when any fails; the school's own data folder trusts its key.
  const broken = join(out, 'broken.zip');
  writeFileSync(broken, 'not a zip');
  const two = cli(['verify', pkg, broken, '--data-dir', dataDir]);
  expect(two.status).toBe(1);
  const lines = two.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^OK /);
  expect(lines[1]).toMatch(/^FAIL .*broken\.zip.*zipUnreadable/);

  const json = cli(['verify', pkg, '--trust', pub, '--school', '1430000001', '--json']);
  expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ ok: true, signerKeyId: keyId, keyTrust: 'trusted' })]);

  // Without an id and with one assessment, export needs none; the same --out again is refused.
  const again = cli(['export', '--data-dir', dataDir, '--out', pkg]);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/exportTargetExists/);
}, 120_000);

test('template-package signs the built-in template with a TEST bureau key', () => {
  dataDir = tempDir('cli-tpl-');
  out = tempDir('cli-out-');
  const pkg = join(out, 'template.zip');
  const r = cli(['template-package', '--key', join(KEYS, 'TEST-bureau.key'), '--out', pkg]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^OK .*hunan-school-selfcheck@\d+\.\d+\.\d+ .*key=F46047E1D2DDA2FF/);
  const unpacked = join(out, 'x');
  execFileSync('unzip', ['-q', pkg, '-d', unpacked]);
  const [bag] = readdirSync(unpacked);
  const check = spawnSync('minisign', ['-V', '-p', join(KEYS, 'TEST-bureau.pub'), '-m', 'tagmanifest-sha512.txt'], {
    cwd: join(unpacked, bag as string),
    encoding: 'utf8',
  });
  expect(check.stdout).toContain('verified');
});

test('SIGKILL during an export leaves no file under the final name', async () => {
  dataDir = await preparedDataDir(200 * 1024 * 1024);
  out = tempDir('cli-kill-');
  const target = join(out, 'killed.zip');
  const partial = partialPathFor(target);
  const child = spawn(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--out', target], { env, stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let sawPartial = false;
  for (let i = 0; i < 3000 && !sawPartial; i++) {
    await new Promise((r) => setTimeout(r, 5));
    sawPartial = existsSync(partial) && statSync(partial).size > 1024 * 1024;
  }
  expect(sawPartial).toBe(true);
  child.kill('SIGKILL');
  await exited;
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(out)).toEqual([basename(partial)]);
  // The next export into that folder (a new run) clears the leftover; the killed one left the assessment frozen.
  const again = cli(['export', '--data-dir', dataDir, '--out', join(out, 'again.zip')]);
  expect(again.status).toBe(0);
  expect(readdirSync(out)).toEqual(['again.zip']);
}, 120_000);
