// The web mode's session in Chromium: the token leaves the address bar and no cookie is
// set; a reload keeps the session; evidence pictures load through signed addresses; a page
// served from another 127.0.0.1 port in the same browser gets nothing; without the token the
// address explains how to open the app (zh-CN, or English for an English browser); a
// malformed #/ route shows the app's error page.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';

jest.setTimeout(240_000);

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-session-'), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

test('the token leaves the address, no cookie is set, and a reload keeps the session', async () => {
  expect(page.url()).not.toContain('token');
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.getItem('selfcheck.webSession'))).toMatch(/^[0-9a-f]{64}$/);
  await page.reload();
  await dashboardShown(page);
});

test('evidence pictures load through signed addresses', async () => {
  await page.goto(`${server.origin}/#/evidence`);
  const img = page.locator('img[src*="/evidence/"]').first();
  await img.waitFor();
  expect(await img.getAttribute('src')).toMatch(/^\/evidence\/[0-9a-f]{64}\/thumb\?exp=\d+&sig=[0-9a-f]{64}$/);
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await img.elementHandle());
});

test('a page from another 127.0.0.1 port in the same browser reads and writes nothing', async () => {
  const [file] = await apiCall(server.url, 'evidence.list', {});
  if (!file) throw new Error('demo has no evidence');
  const target = server.origin;
  const hostile = `<!doctype html><meta charset="utf-8"><script>
    window.results = (async () => {
      const out = {};
      const post = (path, mode) => fetch('${target}' + path, { method: 'POST', mode, credentials: 'include',
        headers: mode === 'cors' ? { 'X-Selfcheck': '1', 'Content-Type': 'application/json' } : {}, body: '{}' })
        .then((r) => r.type + ':' + r.status, () => 'blocked');
      out.api = await post('/api/app.info', 'cors');
      out.session = await post('/session', 'cors');
      out.evidence = await fetch('${target}/evidence/${file.sha256}/original', { credentials: 'include' }).then((r) => String(r.status), () => 'blocked');
      out.img = await new Promise((done) => { const i = new Image(); i.onload = () => done('loaded'); i.onerror = () => done('error'); i.src = '${target}/evidence/${file.sha256}/thumb'; });
      out.storage = String(sessionStorage.getItem('selfcheck.webSession')); // this tab, but another origin's storage
      return out;
    })();
  </script>`;
  const evil: HttpServer = createServer((_req, res) => res.setHeader('Content-Type', 'text/html').end(hostile));
  try {
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    // The same tab and profile that holds our session visits the other page.
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const results = await page.evaluate(() => (window as unknown as { results: Promise<Record<string, string>> }).results);
    expect(results).toEqual({ api: 'blocked', session: 'blocked', evidence: 'blocked', img: 'error', storage: 'null' });
    // The browser logs each refused request on the hostile page; nothing else may appear.
    const logged = suite.errors.splice(0);
    expect(logged.filter((e) => !/CORS|ERR_FAILED|Failed to load resource|401|403/.test(e))).toEqual([]);
  } finally {
    evil.closeAllConnections();
    evil.close();
  }
  // Back on our address, the tab's session is still there.
  await page.goto(`${server.origin}/`);
  await dashboardShown(page);
});

test('without the token the address says how to open the app, in the browser’s language', async () => {
  for (const [locale, title] of [
    ['zh-CN', '请用启动时给出的地址打开学校自评'],
    ['en-US', 'Open SelfCheck with the address it printed when it started'],
  ] as const) {
    const context = await suite.browser.newContext({ locale });
    try {
      const fresh = await context.newPage();
      await fresh.goto(`${server.origin}/`);
      await fresh.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await fresh.locator('body').innerText()).toContain('npm start');
      await fresh.waitForTimeout(300); // the app script has run and left the notice alone
      expect(await fresh.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }
});

test('a malformed #/ route shows the app’s error page, with a way back', async () => {
  await page.goto(`${server.origin}/#/item/%E0%A4%A`);
  await page.getByRole('heading', { level: 1, name: '无法打开这个地址' }).waitFor();
  await page.getByRole('link', { name: '返回概览' }).click();
  await dashboardShown(page);
});
