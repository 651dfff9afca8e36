// The package methods through dispatch, as both transports call them:
// arguments parsed by the contract, errors as i18n keys, export as a job.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAllHandlers, dispatch, missingHandlers, type Handlers } from '../../electron/api';
import { parseSecretKeyFile } from '../../bag/minisign';
import { buildTemplatePackage } from '../../bag/templatePackage';
import { loadSeedTemplate, SEED_TEMPLATE_DIR } from '../../bag/template/seedTemplate';
import type { JobSnapshot } from '../../shared/api/package';
import type { Result } from '../../shared/api/define';
import { tempDir } from '../fixtures/core';
import { makeExportFixture, type ExportFixture } from './helpers/exportFixture';

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
let fx: ExportFixture;
let h: Handlers;
let out: string;
beforeEach(async () => {
  fx = await makeExportFixture();
  h = createAllHandlers(fx.core);
  out = tempDir('handlers-out-');
});
afterEach(() => {
  fx.tc.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const call = async <T>(name: string, args: unknown): Promise<T> => {
  const r: Result<unknown> = await dispatch(h, name, args, { checkResults: true });
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), { error: r.error });
  return r.value as T;
};
const fail = async (name: string, args: unknown) => {
  const r = await dispatch(h, name, args, { checkResults: true });
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
};

test('every contract method has a handler', () => {
  expect(missingHandlers(h)).toEqual([]);
});

test('keys: info before and after first use, rotation, enrolment sheet', async () => {
  expect(await call('keys.info', {})).toMatchObject({ exists: false, keyId: null });
  const made = await call<{ keyId: string; fingerprint: string }>('keys.create', {});
  expect(made.keyId).toMatch(/^[0-9A-F]{16}$/);
  expect(made.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
  const rotated = await call<{ keyId: string; retired: { keyId: string }[] }>('keys.rotate', {});
  expect(rotated.keyId).not.toBe(made.keyId);
  expect(rotated.retired.map((r) => r.keyId)).toEqual([made.keyId]);
  const html = await call<string>('keys.enrolmentSheet', { locale: 'en' });
  expect(html).toContain(rotated.keyId);
  expect(html).toContain('测试学校');
});

test('export as a job: start, poll to done, the package is there and verifies via package.verify', async () => {
  const est = await call<{ files: number; bytes: number }>('export.estimate', {});
  expect(est.files).toBeGreaterThan(2);
  const { jobId, path } = await call<{ jobId: string; path: string }>('export.start', { dir: out, fileName: 'school.zip' });
  expect(path).toBe(join(out, 'school.zip'));
  let snap: JobSnapshot;
  do {
    await new Promise((r) => setTimeout(r, 20));
    snap = await call<JobSnapshot>('jobs.get', { id: jobId });
  } while (snap.state === 'running');
  expect(snap.error).toBeNull();
  expect(snap.state).toBe('done');
  expect(snap.result).toMatchObject({ path, assessmentId: fx.assessmentId, verify: { ok: true } });
  expect(readdirSync(out)).toEqual(['school.zip']);

  const v = await call<{ ok: boolean; keyTrust: string; schoolCode: string }>('package.verify', { path });
  expect(v).toMatchObject({ ok: true, keyTrust: 'trusted', schoolCode: '1430000001' });

  // The same name again is refused before any job starts; the UI asks, then overwrites.
  const exists = await fail('export.start', { dir: out, fileName: 'school.zip' });
  expect(exists).toMatchObject({ code: 'io', message: 'package.exportTargetExists' });
  expect(exists.params?.file).toBe(path);
});

test('bad arguments and unknown jobs are refused with their keys', async () => {
  expect(await fail('export.start', { dir: 'relative/path' })).toMatchObject({ code: 'invalid_args' });
  expect(await fail('export.start', { dir: out, fileName: '../evil.zip' })).toMatchObject({ code: 'invalid_args' });
  expect(await fail('jobs.get', { id: 'nope' })).toMatchObject({ code: 'not_found', message: 'package.jobNotFound' });
  const missing = await call<{ ok: boolean; failure: { code: string; detail: string } }>('package.verify', { path: join(out, 'missing.zip') });
  expect(missing).toMatchObject({ ok: false, failure: { code: 'zipUnreadable' } });
  expect(missing.failure.detail).toContain('ENOENT');
});

test('verify of a garbage file names the problem instead of failing the call', async () => {
  const p = join(out, 'garbage.zip');
  writeFileSync(p, 'not a zip');
  const v = await call<{ ok: boolean; failure: { code: string } }>('package.verify', { path: p });
  expect(v.ok).toBe(false);
  expect(v.failure.code).toBe('zipUnreadable');
});

test('trust import/list/remove and a signed template installed from bytes', async () => {
  const text = readFileSync(join(KEYS, 'TEST-bureau.pub'), 'utf8');
  const entry = await call<{ keyId: string }>('trust.import', { text, label: 'TEST bureau' });
  expect(await call('trust.list', {})).toEqual([expect.objectContaining({ keyId: entry.keyId, label: 'TEST bureau', kind: 'bureau' })]);
  expect(await fail('trust.import', { text: 'garbage' })).toMatchObject({ code: 'invalid_args', message: 'package.trustMalformed' });

  const pkg = join(out, 't.zip');
  const seed = loadSeedTemplate(SEED_TEMPLATE_DIR);
  await buildTemplatePackage(seed, parseSecretKeyFile(readFileSync(join(KEYS, 'TEST-bureau.key'), 'utf8')), pkg);
  const r = await call('templates.import', { name: 't.zip', bytes: new Uint8Array(readFileSync(pkg)) });
  expect(r).toMatchObject({ id: seed.id, version: seed.version, outcome: 'installed', keyId: entry.keyId });

  await call('trust.remove', { keyId: entry.keyId });
  expect(await call('trust.list', {})).toEqual([]);
  const refused = await fail('templates.import', { path: pkg });
  expect(refused).toMatchObject({ code: 'bad_package', message: 'package.sigKeyNotTrusted' });
});
