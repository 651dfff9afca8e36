// The intake server on its own, over real HTTP on 127.0.0.1: it stops by itself when its
// time is up, answers only its own Host, serves nothing but the upload page, refuses
// uploads without the page's key, and refuses files that are not photos or videos.
import { request as httpRequest } from 'node:http';
import { startIntake, type IntakeSession } from '../../electron/intake/intakeServer';
import { openTestCore, type TestCore } from '../fixtures/core';
import { jpeg, pdf } from '../fixtures/files';

interface Res {
  status: number;
  body: string;
}

function call(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Res> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const keyOf = (html: string): string => /"key":"([\w-]+)"/.exec(html)?.[1] ?? '';

describe('phone intake server', () => {
  let t: TestCore;
  let s: IntakeSession | null = null;
  beforeEach(() => (t = openTestCore()));
  afterEach(async () => {
    await s?.stop();
    t.cleanup();
  });

  const start = async (ttlMs = 60_000) =>
    (s = await startIntake({ core: t.core, host: '127.0.0.1', target: { label: '库' }, ttlMs, maxBytes: 1024 * 1024, maxFiles: 3 }));

  test('takes a photo with the page key; refuses a PDF, a missing key, a reused link, another Host', async () => {
    const session = await start();
    const page = await call(session.url);
    expect(page.status).toBe(200);
    const key = keyOf(page.body);
    expect(key.length).toBeGreaterThan(20);
    const upload = `${session.url}/file`;
    const photo = await call(upload, { method: 'POST', headers: { 'x-intake-key': key, 'x-file-name': encodeURIComponent('操场.jpg') }, body: await jpeg(64, 48) });
    expect([photo.status, JSON.parse(photo.body)]).toEqual([200, { ok: true, name: '操场.jpg' }]);
    const doc = await call(upload, { method: 'POST', headers: { 'x-intake-key': key, 'x-file-name': 'plan.pdf' }, body: pdf('p') });
    expect(doc.status).toBe(400);
    expect(JSON.parse(doc.body).message).toContain('“plan.pdf”不是照片或视频');
    const noKey = await call(upload, { method: 'POST', headers: { 'x-file-name': 'a.jpg' }, body: await jpeg(10, 10) });
    expect(noKey.status).toBe(403);
    expect((await call(session.url)).status).toBe(403); // the link was used
    const wrongHost = await call(session.url, { headers: { host: `evil.example:${new URL(session.url).port}` } });
    expect(wrongHost.status).toBe(403);
    expect((await call(`${new URL(session.url).origin}/evidence`)).status).toBe(404);
    expect(session.received.map((f) => f.originalName)).toEqual(['操场.jpg']);
    expect(t.core.evidence.list().map((f) => f.originalName)).toEqual(['操场.jpg']);
  });

  test('stops by itself when its time is up', async () => {
    const session = await start(300);
    await new Promise((r) => setTimeout(r, 600));
    expect(session.active).toBe(false);
    await expect(call(session.url)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    expect(t.core.evidence.list()).toEqual([]);
  });
});
