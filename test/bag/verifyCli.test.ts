// `selfcheck verify` as a bureau script runs it (node bin/selfcheck.js):
// --trust binds a key to a school, and every doubt is a non-zero exit with a reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, copyFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPublicKeyFile } from '../../bag/minisign';
import { SCHOOL_CODE, makeSamplePackage } from '../package/helpers/samplePackage';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'selfcheck.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const verify = (...args: string[]) => spawnSync(process.execPath, [BIN, 'verify', ...args, '--lang', 'en'], { encoding: 'utf8', env, timeout: 60_000 });

let dir: string;
let pkg: string;
let pub: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
  const sample = await makeSamplePackage(dir);
  pkg = sample.zipPath;
  pub = join(dir, 'school.pub');
  writeFileSync(pub, formatPublicKeyFile(sample.key.secret));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the genuine package with its school\'s key: exit 0', () => {
  const r = verify(pkg, '--trust', pub, '--school', SCHOOL_CODE);
  expect(r.stdout).toMatch(/^OK {4}.*school=1430000001/);
  expect(r.status).toBe(0);
});

test('a key given for school B does not vouch for a package naming school A', () => {
  const r = verify(pkg, '--trust', pub, '--school', '1430000002');
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/^FAIL .*sigWrongSchool: .*registered for school 1430000002/);
});

test.each([
  ['no trusted key at all', [] as string[], /no trusted key/],
  ['--trust without its --school', ['--trust', 'KEY'], /one --school CODE for each --trust/],
  ['a --school that is not a school code', ['--trust', 'KEY', '--school', 'abc'], /a school code is 10 digits/],
  ['a key file that does not exist', ['--trust', '/nonexistent.pub', '--school', SCHOOL_CODE], /--trust \/nonexistent\.pub/],
])('%s: usage error, exit 2, nothing judged', (_label, flags, reason) => {
  const r = verify(pkg, ...flags.map((f) => (f === 'KEY' ? pub : f)));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(reason);
  expect(r.stdout).not.toMatch(/^OK/m);
});

test('no package named: exit 2; --help documents the exit codes', () => {
  expect(verify('--trust', pub, '--school', SCHOOL_CODE).status).toBe(2);
  const help = spawnSync(process.execPath, [BIN, 'verify', '--help'], { encoding: 'utf8', env });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n(.*\n)*\s+2 .*\n(.*\n)*\s+3 /);
});

test('a non-zip, a truncated zip, a folder and a missing file each fail with a reason', () => {
  const notZip = join(dir, 'not.zip');
  writeFileSync(notZip, 'this is not a zip');
  const truncated = join(dir, 'truncated.zip');
  copyFileSync(pkg, truncated);
  truncateSync(truncated, Math.floor(readFileSync(pkg).length / 2));
  const folder = join(dir, 'folder.zip');
  mkdirSync(folder);
  for (const f of [notZip, truncated, folder, join(dir, 'missing.zip')]) {
    const r = verify(f, '--trust', pub, '--school', SCHOOL_CODE);
    expect({ f, status: r.status }).toEqual({ f, status: 1 });
    expect(r.stdout).toMatch(/^FAIL .*zipUnreadable: /);
  }
  // One bad file among good ones fails the whole run, and every file gets its line.
  const both = verify(pkg, notZip, '--trust', pub, '--school', SCHOOL_CODE);
  expect(both.status).toBe(1);
  expect(both.stdout.trim().split('\n').map((l) => l.slice(0, 4))).toEqual(['OK  ', 'FAIL']);
});
