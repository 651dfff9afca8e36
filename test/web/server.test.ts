import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJson, encodeJson } from '../../shared/api/codec';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { openTestCore, tempDir, type TestCore } from '../fixtures/core';
import { docx, jpeg } from '../fixtures/files';
import { request } from './request';
import { MIGRATIONS } from '../../electron/store/migrations';

describe('web-mode server', () => {
  let t: TestCore;
  let web: WebServer;
  let root: string;
  let rendererDir: string;
  let auth: Record<string, string>;
  const api = (method: string, args: unknown, headers: Record<string, string> = {}) =>
    request(web.port, `/api/${method}`, {
      method: 'POST',
      headers: { ...auth, 'x-selfcheck': '1', 'content-type': 'application/json', ...headers },
      body: encodeJson(args),
    });

  beforeEach(async () => {
    t = openTestCore();
    root = tempDir('selfcheck-web-');
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
    web = await startWebServer({ core: t.core, port: 0, rendererDir, bodyLimit: 1024 * 1024 });
    auth = { authorization: `Bearer ${web.token}` };
  });
  afterEach(async () => {
    await web.close();
    t.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 and prints a token URL', () => {
    expect(web.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/\\?token=[0-9a-f]{64}$`));
  });

  test('the token is traded for the session secret; no cookie is ever set', async () => {
    const page = await request(web.port, `/?token=${web.token}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>app</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const session = await request(web.port, '/session', { method: 'POST', headers: auth });
    expect(session.status).toBe(200);
    expect(session.headers['set-cookie']).toBeUndefined();
    const secret = (session.json() as { value: { secret: string } }).value.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).not.toBe(web.token);
    expect((await api('app.info', {}, { authorization: `Bearer ${secret}` })).status).toBe(200);
    // The secret cannot buy another secret: only the printed token can.
    expect((await request(web.port, '/session', { method: 'POST', headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  test('no credential, a wrong token or a cookie: 401 with a JSON error on the API', async () => {
    const tries: Record<string, string>[] = [{}, { cookie: `selfcheck_${web.port}=${web.token}` }, { authorization: 'Bearer nope' }, { authorization: `Basic ${web.token}` }];
    for (const headers of tries) {
      const r = await request(web.port, '/api/app.info', { method: 'POST', headers: { ...headers, 'x-selfcheck': '1', 'content-type': 'application/json' }, body: '{}' });
      expect([headers, r.status]).toEqual([headers, 401]);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'web.unauthorized' } });
    }
    const wrong = await request(web.port, '/?token=wrong');
    expect(wrong.status).toBe(403);
    expect(wrong.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  test('the Host header must name this server (DNS rebinding)', async () => {
    for (const host of ['evil.example:' + web.port, `127.0.0.1:${web.port + 1}`, '127.0.0.1', `localhost.evil:${web.port}`]) {
      const r = await request(web.port, '/app.js', { headers: { ...auth, host } });
      expect([host, r.status]).toEqual([host, 403]);
    }
    expect((await request(web.port, '/app.js', { headers: { ...auth, host: `localhost:${web.port}` } })).status).toBe(200);
    // Even the token exchange needs the right Host.
    expect((await request(web.port, `/?token=${web.token}`, { headers: { host: `evil:${web.port}` } })).status).toBe(403);
    expect((await request(web.port, '/session', { method: 'POST', headers: { ...auth, host: `evil:${web.port}` } })).status).toBe(403);
  });

  test('API calls need the X-Selfcheck header and JSON', async () => {
    const without = await request(web.port, '/api/app.info', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(without.status).toBe(403);
    expect(without.json()).toMatchObject({ ok: false, error: { code: 'forbidden', detail: 'X-Selfcheck header missing' } });
    const form = await api('app.info', {}, { 'content-type': 'text/plain' });
    expect(form.status).toBe(400);
    const bad = await request(web.port, '/api/app.info', { method: 'POST', headers: { ...auth, 'x-selfcheck': '1', 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.json()).toMatchObject({ ok: false, error: { message: 'web.badRequest' } });
    const get = await request(web.port, '/api/app.info', { headers: { ...auth, 'x-selfcheck': '1' } });
    expect(get.status).toBe(405);
    const ok = await api('app.info', {});
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, value: { mode: 'web', schemaVersion: MIGRATIONS.length } });
    expect(ok.headers['cache-control']).toBe('no-store');
    expect((await api('nope.x', {})).json()).toMatchObject({ ok: false, error: { message: 'api.unknownMethod' } });
    expect((await api('assessments.get', { id: 'zz' })).json()).toEqual({ ok: false, error: { code: 'not_found', message: 'assessment.notFound', params: { id: 'zz' } } });
  });

  test('a body over the limit gets a clear 413', async () => {
    const r = await api('evidence.import', { name: 'big.pdf', bytes: new Uint8Array(2 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({ ok: false, error: { code: 'invalid_args', message: 'web.tooLarge', params: { limitMb: 1 } } });
  });

  test('path traversal is refused, plain and encoded', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/../../secret.txt', '/..\\secret.txt', '/%00', '/assets/link.txt', '/%E0%A4%A']) {
      const r = await request(web.port, path, { headers: auth });
      expect([path, r.status >= 400 && r.status < 500]).toEqual([path, true]);
      expect(r.body.toString()).not.toContain('TOP SECRET');
    }
    expect((await request(web.port, '/app.js', { headers: auth })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request(web.port, '/missing.js', { headers: auth })).status).toBe(404);
    expect((await request(web.port, '/settings', { headers: auth })).body.toString()).toContain('<title>app</title>'); // app route
  });

  test('evidence is served from the store only, with safe headers', async () => {
    const img = await t.core.evidence.import({ name: 'p.jpg', bytes: await jpeg(640, 480) });
    const doc = await t.core.evidence.import({ name: '学校 制度.docx', bytes: await docx() });
    const original = await request(web.port, `/evidence/${img.sha256}/original`, { headers: auth });
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['content-disposition']).toBe('inline');
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.body.length).toBe(img.size);
    const thumb = await request(web.port, `/evidence/${img.sha256}/thumb`, { headers: auth });
    expect([thumb.status, thumb.headers['content-type']]).toEqual([200, 'image/jpeg']);
    const d = await request(web.port, `/evidence/${doc.sha256}/original`, { headers: auth });
    expect(d.headers['content-disposition']).toBe(`attachment; filename="__ __.docx"; filename*=UTF-8''${encodeURIComponent('学校 制度.docx')}`);
    expect((await request(web.port, `/evidence/${doc.sha256}/thumb`, { headers: auth })).status).toBe(404);
    expect((await request(web.port, `/evidence/${'a'.repeat(64)}/original`, { headers: auth })).status).toBe(404);
    expect((await request(web.port, `/evidence/../selfcheck.db`, { headers: auth })).status).toBe(404);
    expect((await request(web.port, `/evidence/${img.sha256}/original`)).status).toBe(401); // no credential
  });

  test('an evidence file replaced by a link out of the store is not served', async () => {
    const f = await t.core.evidence.import({ name: 'p.pdf', bytes: new TextEncoder().encode('%PDF-1.4 x') });
    const path = t.core.evidence.store.objectPath(f.sha256);
    rmSync(path);
    symlinkSync(join(root, 'secret.txt'), path);
    const r = await request(web.port, `/evidence/${f.sha256}/original`, { headers: auth });
    expect(r.status).toBe(403);
    expect(r.body.toString()).not.toContain('TOP SECRET');
  });

  test('bytes round-trip through the API (evidence import over HTTP)', async () => {
    const bytes = await jpeg(100, 80);
    const r = await api('evidence.import', { name: 'photo.jpg', bytes, caption: '走廊' });
    const value = (decodeJson(r.body.toString()) as { value: { size: number; width: number; caption: string } }).value;
    expect(value).toMatchObject({ size: bytes.byteLength, width: 100, caption: '走廊' });
  });
});
