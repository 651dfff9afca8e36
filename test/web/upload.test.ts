// POST /upload/evidence over real HTTP: the body is the file, the metadata a header; the
// same refusals as the desktop; and the desktop-only path import is refused in web mode.
import { encodeJson } from '../../shared/api/codec';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { openTestCore, type TestCore } from '../fixtures/core';
import { exe, pdf } from '../fixtures/files';
import { request } from './request';

describe('web-mode evidence upload', () => {
  let t: TestCore;
  let web: WebServer;
  let auth: Record<string, string>;
  beforeEach(async () => {
    t = openTestCore();
    web = await startWebServer({ core: t.core, port: 0, rendererDir: null });
    auth = { authorization: `Bearer ${web.token}` };
  });
  afterEach(async () => {
    await web.close();
    t.cleanup();
  });
  const upload = (name: string, body: Uint8Array, headers: Record<string, string> = {}) =>
    request(web.port, '/upload/evidence', {
      method: 'POST',
      headers: { ...auth, 'x-selfcheck': '1', 'content-type': 'application/octet-stream', 'x-selfcheck-meta': encodeURIComponent(JSON.stringify({ name })), ...headers },
      body: Buffer.from(body),
    });

  test('a file sent as the body is stored; an .exe renamed .jpg is refused by name; no header, no upload', async () => {
    const ok = await upload('安全预案.pdf', pdf('upload'));
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, value: { originalName: '安全预案.pdf', mime: 'application/pdf' } });
    const bad = await upload('holiday.jpg', exe());
    expect(bad.json()).toMatchObject({ ok: false, error: { message: 'evidence.executable', params: { name: 'holiday.jpg' } } });
    expect((await upload('x.pdf', pdf('x'), { 'x-selfcheck': '' })).status).toBe(403);
    expect((await upload('y.pdf', pdf('y'), { 'x-selfcheck-meta': 'not json' })).status).toBe(400);
    expect(t.core.evidence.list().map((f) => f.originalName)).toEqual(['安全预案.pdf']);
  });

  test('evidence.importPath is desktop-only: refused in web mode', async () => {
    const r = await request(web.port, '/api/evidence.importPath', {
      method: 'POST',
      headers: { ...auth, 'x-selfcheck': '1', 'content-type': 'application/json' },
      body: encodeJson({ name: 'passwd', path: '/etc/passwd' }),
    });
    expect(r.json()).toMatchObject({ ok: false, error: { message: 'evidence.pathDesktopOnly' } });
    expect(t.core.evidence.list()).toEqual([]);
  });
});
