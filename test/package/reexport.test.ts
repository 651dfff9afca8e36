// Exporting a frozen version again gives the same bytes: same bag id, signing
// time, report, zip entries and timestamps, even after the live data (profile,
// events, evidence, language) moved on. The bureau's server answers the same
// bytes with the same receipt. Through the built CLI, on a real data folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/services/core';
import { fixtureProfile, tempDir } from '../fixtures/core';
import { jpeg } from '../fixtures/files';
import { confidentialTemplate, makeExportFixture } from './helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'electron', 'cli.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C', TZ: 'Asia/Shanghai' };
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...env, ...extraEnv }, timeout: 60_000 });
const bagOf = (stdout: string): string | undefined => /bag=(\S+)/.exec(stdout)?.[1];

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

let dataDir: string;
let out: string;
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

test('re-exporting a frozen version writes the same bytes, after the live data changed', async () => {
  const fx = await makeExportFixture();
  fx.tc.core.close();
  dataDir = fx.tc.dir;
  out = tempDir('reexport-out-');

  const first = join(out, 'first.zip');
  const one = cli(['export', '--data-dir', dataDir, '--out', first, '--lang', 'zh-CN']);
  expect(one.stderr).not.toMatch(/FAIL/);
  expect(one.status).toBe(0);

  // Life goes on: the school is renamed, a drill is recorded, a photo added, time passes.
  const core = createCore({ dataDir, mode: 'cli', seedTemplate: confidentialTemplate, purgeAtStart: false });
  core.profile.save({ ...fixtureProfile, name: '改名后的学校' });
  const drill = core.events.save({ kind: 'fire_drill', date: '2024-11-15', title: '十一月演练', participants: 470, note: '' });
  await core.evidence.import({ name: 'nov.jpg', bytes: await jpeg(320, 240, { color: '#3a3' }), eventId: drill.id });
  // The October drill's photo (in the package through its event, not a link) is deleted and the bin emptied.
  const octPhoto = core.evidence.list(false).find((e) => e.originalName === 'drill.jpg');
  expect(octPhoto).toBeDefined();
  core.evidence.delete(octPhoto?.id as string);
  await core.purgeEvidence({ olderThanDays: 0 });
  core.close();

  const second = join(out, 'second.zip');
  // Another language asked for and another time zone: the frozen version is still the one package.
  const two = cli(['export', '--data-dir', dataDir, '--out', second, '--lang', 'en'], { TZ: 'UTC' });
  expect(two.stderr).not.toMatch(/FAIL/);
  expect(two.status).toBe(0);
  expect(bagOf(two.stdout)).toBe(bagOf(one.stdout));

  const a = readFileSync(first);
  const b = readFileSync(second);
  expect(b.length).toBe(a.length);
  expect(b.equals(a)).toBe(true);
  // The stock tools agree it is a sound bag, and the new school name is nowhere in it.
  const unpacked = join(out, 'x');
  execFileSync('unzip', ['-q', second, '-d', unpacked]);
  const [bag] = readdirSync(unpacked);
  const bagDir = join(unpacked, bag as string);
  expect(spawnSync('sha512sum', ['-c', '--quiet', 'manifest-sha512.txt'], { cwd: bagDir }).status).toBe(0);
  expect(readFileSync(join(bagDir, 'bag-info.txt'), 'utf8')).not.toContain('改名后的学校');
  expect(readFileSync(join(bagDir, 'data', 'report.json'), 'utf8')).not.toContain('十一月演练');
}, 120_000);

test('a version continued and exported gets its own package; a replaced key refuses to re-sign the old one', async () => {
  const fx = await makeExportFixture();
  fx.tc.core.close();
  dataDir = fx.tc.dir;
  out = tempDir('reexport-out-');
  const v1 = cli(['export', '--data-dir', dataDir, '--out', join(out, 'v1.zip')]);
  expect(v1.status).toBe(0);

  const core = createCore({ dataDir, mode: 'cli', seedTemplate: confidentialTemplate, purgeAtStart: false });
  const v1Id = core.assessments.list()[0]?.id as string;
  const v2Id = core.assessments.continueFrozen(v1Id, '校长').id;
  core.close();
  const v2 = cli(['export', '--data-dir', dataDir, '--out', join(out, 'v2.zip'), '--assessment', v2Id]);
  expect(v2.status).toBe(0);
  expect(bagOf(v2.stdout)).toMatch(/-v2-/);
  expect(bagOf(v2.stdout)).not.toBe(bagOf(v1.stdout));

  expect(cli(['keys', '--data-dir', dataDir, '--rotate']).status).toBe(0);
  const again = cli(['export', '--data-dir', dataDir, '--out', join(out, 'v1-again.zip'), '--assessment', v1Id]);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/FAIL {2}exportKeyChanged: .*replaced/);
  expect(readdirSync(out).sort()).toEqual(['v1.zip', 'v2.zip']);
}, 120_000);
