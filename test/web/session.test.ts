// Hostile requests against the web mode's session. Browsers send a 127.0.0.1 cookie to
// every port, so two servers run side by side: everything the other one hands out (its
// secret, its token as a cookie, its signed evidence addresses), replayed here, is refused
// on every API method, on evidence and on export; so are a wrong Host and a wrong Origin.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../shared/api/contract';
import { encodeJson } from '../../shared/api/codec';
import { signedEvidenceQuery } from '../../shared/web/evidenceSignature';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { openTestCore, tempDir, type TestCore } from '../fixtures/core';
import { jpeg } from '../fixtures/files';
import { request } from './request';

let a: TestCore;
let b: TestCore;
let ours: WebServer;
let other: WebServer;
let root: string;
let ourSecret: string;
let otherSecret: string;
let sha: string;

const secretOf = async (web: WebServer): Promise<string> =>
  ((await request(web.port, '/session', { method: 'POST', headers: { authorization: `Bearer ${web.token}` } })).json() as { value: { secret: string } }).value.secret;

const call = (method: string, headers: Record<string, string>, args: unknown = {}) =>
  request(ours.port, `/api/${method}`, { method: 'POST', headers: { 'x-selfcheck': '1', 'content-type': 'application/json', ...headers }, body: encodeJson(args) });

beforeAll(async () => {
  a = openTestCore();
  b = openTestCore();
  root = tempDir('selfcheck-session-');
  mkdirSync(join(root, 'ui'));
  writeFileSync(join(root, 'ui', 'index.html'), '<!doctype html><div id="root"><!--selfcheck:no-session--></div><script src="app.js"></script>');
  ours = await startWebServer({ core: a.core, port: 0, rendererDir: join(root, 'ui') });
  other = await startWebServer({ core: b.core, port: 0, rendererDir: join(root, 'ui') });
  ourSecret = await secretOf(ours);
  otherSecret = await secretOf(other);
  sha = (await a.core.evidence.import({ name: 'p.jpg', bytes: await jpeg(64, 48) })).sha256;
});
afterAll(async () => {
  await ours.close();
  await other.close();
  a.cleanup();
  b.cleanup();
  rmSync(root, { recursive: true, force: true });
});

test('the other server’s credentials, replayed, get 401 on every API method (export included)', async () => {
  const names = Object.keys(contract);
  expect(names).toEqual(expect.arrayContaining(['app.info', 'export.start', 'package.verify']));
  const replays: Record<string, string>[] = [
    {},
    { cookie: `selfcheck_${ours.port}=${ours.token}; selfcheck_${other.port}=${other.token}` },
    { authorization: `Bearer ${otherSecret}` },
    { authorization: `Bearer ${other.token}` },
  ];
  for (const name of names)
    for (const headers of replays) {
      const r = await call(name, headers, name === 'export.start' ? { dir: join(root, 'stolen'), fileName: 'stolen.zip' } : {});
      expect([name, headers, r.status]).toEqual([name, headers, 401]);
    }
  // The refused export wrote nothing.
  expect(existsSync(join(root, 'stolen'))).toBe(false);
  // Our own secret works, so the refusals above are about the credential.
  expect((await call('app.info', { authorization: `Bearer ${ourSecret}` })).status).toBe(200);
});

test('evidence needs our header or our fresh signature', async () => {
  const path = `/evidence/${sha}/original`;
  const now = Date.now();
  expect((await request(ours.port, path, { headers: { authorization: `Bearer ${ourSecret}` } })).status).toBe(200);
  expect((await request(ours.port, `${path}?${signedEvidenceQuery(ourSecret, sha, 'original', now)}`)).status).toBe(200);
  const refused: [string, Record<string, string>][] = [
    [path, {}],
    [path, { cookie: `selfcheck_${ours.port}=${ours.token}` }],
    [path, { authorization: `Bearer ${otherSecret}` }],
    [`${path}?${signedEvidenceQuery(otherSecret, sha, 'original', now)}`, {}], // the other server's signature
    [`${path}?${signedEvidenceQuery(ourSecret, sha, 'thumb', now)}`, {}], // signed for another variant
    [`${path}?${signedEvidenceQuery(ourSecret, sha, 'original', now - 30 * 60_000)}`, {}], // expired
    [`${path}?${signedEvidenceQuery(ourSecret, sha, 'original', now + 24 * 3600_000)}`, {}], // too far ahead
    [`${path}?exp=9999999999&sig=`, {}],
  ];
  for (const [p, headers] of refused) {
    const r = await request(ours.port, p, { headers });
    expect([p, headers, r.status]).toEqual([p, headers, 401]);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  }
});

test('a wrong Origin or a cross-site fetch is refused even with our secret; a wrong Host always', async () => {
  const auth = { authorization: `Bearer ${ourSecret}` };
  for (const origin of [`http://127.0.0.1:${other.port}`, `http://localhost:${other.port}`, 'null', 'http://evil.example', `https://127.0.0.1:${ours.port}`]) {
    const r = await call('app.info', { ...auth, origin });
    expect([origin, r.status]).toEqual([origin, 403]);
    expect(r.json()).toMatchObject({ ok: false, error: { message: 'web.origin' } });
    expect((await request(ours.port, '/session', { method: 'POST', headers: { authorization: `Bearer ${ours.token}`, origin } })).status).toBe(403);
    expect((await request(ours.port, `/evidence/${sha}/thumb`, { headers: { ...auth, origin } })).status).toBe(403);
  }
  for (const site of ['same-site', 'cross-site']) {
    expect((await call('app.info', { ...auth, 'sec-fetch-site': site })).status).toBe(403);
    const img = `/evidence/${sha}/thumb?${signedEvidenceQuery(ourSecret, sha, 'thumb', Date.now())}`;
    expect((await request(ours.port, img, { headers: { 'sec-fetch-site': site } })).status).toBe(403);
  }
  expect((await call('app.info', { ...auth, origin: `http://127.0.0.1:${ours.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  expect((await call('app.info', { ...auth, origin: `http://localhost:${ours.port}` })).status).toBe(200);
  for (const host of [`127.0.0.1:${other.port}`, `evil.example:${ours.port}`, `localhost.:${ours.port}`])
    expect((await call('app.info', { ...auth, host })).status).toBe(403);
});

test('without a token the address shows how to open the app, in the browser’s language', async () => {
  const zh = await request(ours.port, '/');
  expect(zh.status).toBe(200);
  expect(zh.headers['content-type']).toBe('text/html; charset=utf-8');
  const zhText = zh.body.toString();
  expect(zhText).toContain('请用启动时给出的地址打开学校自评');
  expect(zhText).toContain('npm start');
  expect(zhText).not.toContain('<!--selfcheck:no-session-->');
  const en = await request(ours.port, '/', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' } });
  expect(en.body.toString()).toContain('Open SelfCheck with the address it printed when it started');
  expect(en.body.toString()).toContain('npm start');
  const prefersZh = await request(ours.port, '/', { headers: { 'accept-language': 'zh-TW;q=0.9,en;q=0.8' } });
  expect(prefersZh.body.toString()).toContain('lang="zh-CN"');
  const stale = await request(ours.port, `/?token=${other.token}`, { headers: { 'accept-language': 'en' } });
  expect(stale.status).toBe(403);
  expect(stale.body.toString()).toContain('does not belong to this run');
  expect(stale.body.toString()).not.toContain('app.js');
});
