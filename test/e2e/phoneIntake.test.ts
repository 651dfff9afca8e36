// Photos from a phone: the principal opens the QR dialog on an item, a second browser
// context plays the phone (the intake bound to 127.0.0.1 by its setting: tests never send
// traffic to a LAN address), uploads a photo and a PDF; the photo lands on the item, the
// PDF is refused by name, the link cannot be opened a second time, and after "stop" the
// phone's upload is refused.
import type { Page } from 'playwright-core';
import { apiCall } from './api';
import { makePdf, makePng } from './files';
import { demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';

jest.setTimeout(180_000);

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-intake-'), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

test('a phone uploads a photo into the item through the one-time QR link', async () => {
  await apiCall(server.url, 'settings.save', { intakeAddress: '127.0.0.1' });
  const [assessment] = [...(await apiCall(server.url, 'assessments.list', {}))].sort((a, b) => b.version - a.version);
  const summary = await apiCall(server.url, 'assessments.summary', { id: assessment!.id });
  const item = summary.items.find((s) => s.status !== 'not_applicable')!;
  await page.evaluate((c) => (window.location.hash = `#/item/${c}`), item.itemCode);
  await page.getByRole('heading', { level: 1, name: new RegExp(item.itemCode) }).waitFor();

  await page.getByRole('button', { name: '从手机添加照片' }).click();
  const dialog = page.getByRole('dialog', { name: '用手机扫码上传照片' });
  const urlText = (await dialog.getByTestId('intake-url').textContent()) ?? '';
  const url = /http:\/\/127\.0\.0\.1:\d+\/u\/[\w-]+/.exec(urlText)?.[0];
  expect(url).toBeDefined();
  // The QR code is drawn: an SVG of dark modules, and it is not blank.
  expect(await dialog.getByRole('img').evaluate((svg) => (svg.querySelector('path')?.getAttribute('d') ?? '').length)).toBeGreaterThan(1000);

  const phone = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  try {
    const p = await phone.newPage();
    await p.goto(url!);
    await p.getByRole('heading', { level: 1, name: new RegExp(item.itemCode) }).waitFor();
    await p.locator('#files').setInputFiles([
      { name: '晨检照片.png', mimeType: 'image/png', buffer: makePng(400, 300, 21) },
      { name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: makePdf('Minutes') },
    ]);
    await p.getByRole('button', { name: /上传/ }).click();
    await p.getByText('✓ 已上传 · Uploaded: 晨检照片.png').waitFor();
    await p.getByText(/✗ “会议纪要\.pdf”不是照片或视频/).waitFor();

    // The computer sees it arrive, linked to the item.
    await dialog.getByRole('status').getByText('已收到 1 个文件。').waitFor({ timeout: 15_000 });
    const files = await apiCall(server.url, 'evidence.list', {});
    expect(files.filter((f) => f.originalName === '晨检照片.png' && f.links.some((l) => l.itemCode === item.itemCode))).toHaveLength(1);
    expect(files.some((f) => f.originalName === '会议纪要.pdf')).toBe(false);

    // The link is single-use: a second phone opening it is refused.
    const other = await phone.newPage();
    await other.goto(url!);
    await other.getByText(/此上传链接无效或已用过/).waitFor();

    // Stopped on the computer: the first phone's next upload is refused (or cannot connect).
    await dialog.getByRole('button', { name: '停止接收' }).click();
    await p.locator('#files').setInputFiles([{ name: '午检照片.png', mimeType: 'image/png', buffer: makePng(400, 300, 22) }]);
    await p.getByRole('button', { name: /上传/ }).click();
    await p.locator('li.err').filter({ hasText: '午检照片.png' }).or(p.locator('li.err').filter({ hasText: '已关闭' })).first().waitFor();
    expect((await apiCall(server.url, 'evidence.list', {})).some((f) => f.originalName === '午检照片.png')).toBe(false);
  } finally {
    await phone.close();
  }
  await page.getByRole('img', { name: '晨检照片.png' }).waitFor();
});
