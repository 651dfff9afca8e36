// The sample school (`selfcheck demo`) in the browser: every page renders its full data without
// errors, and the README screenshots are taken from it (written to docs/screenshots/ when
// UPDATE_DOCS_SCREENSHOTS=1, else to test-output/screenshots/).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot, SCREENSHOTS } from './browser';
import { demoDataDir, REPO, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';
import { until } from './poll';

jest.setTimeout(240_000);

const DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : SCREENSHOTS;

const suite = browserSuite({ dataDir: () => demoDataDir(), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

test('the dashboard shows the demo school’s figures', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  if (!assessment) throw new Error('demo has no assessment');
  const s = await apiCall(server.url, 'assessments.summary', { id: assessment.id });
  await page.getByText(`已填写 ${s.overall.answered} / ${s.overall.total} 项`).waitFor();
  await page.locator('svg.chart-bar [data-kind="met"]').first().waitFor();
  // Let thumbnails and fonts settle before the picture is taken.
  await page.evaluate(() => document.fonts.ready);
  await screenshot(page, 'dashboard', DOCS);
});

test('the checklist renders every item with its status', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const s = await apiCall(server.url, 'assessments.summary', { id: assessment?.id ?? '' });
  await page.getByRole('link', { name: '检查清单' }).click();
  await until('all rows', async () => ((await page.locator('[data-checklist-row]').count()) === s.items.length ? true : undefined));
  for (const kind of ['met', 'partly_met', 'not_met'] as const) {
    const n = s.items.filter((i) => i.status === kind).length;
    await expect(page.locator(`[data-checklist-row] [data-status="${kind}"]`).count()).resolves.toBe(n);
  }
  await page.getByLabel('仅一票否决项').check();
  await until('key rows only', async () => ((await page.locator('[data-checklist-row]').count()) < s.items.length ? true : undefined));
  await screenshot(page, 'demo-checklist-key');
  await page.getByLabel('仅一票否决项').uncheck();
});

test('an answered item with photos, for the README', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const s = await apiCall(server.url, 'assessments.summary', { id: assessment?.id ?? '' });
  const files = await apiCall(server.url, 'evidence.list', {});
  const photosPer = (code: string) => files.filter((f) => f.hasThumbnail && f.links.some((l) => l.itemCode === code)).length;
  // A yes/no item keeps the answer short, so its photos show above the fold.
  const template = await apiCall(server.url, 'templates.get', { id: assessment?.templateId ?? '', version: assessment?.templateVersion ?? '' });
  const yesNo = new Set(template.areas.flatMap((a) => a.items).filter((i) => i.type === 'yes_no').map((i) => i.code));
  const met = s.items.filter((i) => i.status === 'met' && i.eventRequired === undefined).sort((a, b) => b.evidenceCount - a.evidenceCount);
  const best = met.find((i) => yesNo.has(i.itemCode) && photosPer(i.itemCode) >= 1) ?? met[0];
  if (!best) throw new Error('no met item in the demo');
  await page.goto(`${server.origin}/#/item/${best.itemCode}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(best.itemCode) }).waitFor();
  await until('thumbnails loaded', async () =>
    (await page.locator('img.thumb').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))) ? true : undefined,
  );
  await page.evaluate(() => document.fonts.ready);
  await screenshot(page, 'item', DOCS);
  await page.getByRole('link', { name: '佐证材料' }).click();
  await page.locator('.tile').first().waitFor();
  await screenshot(page, 'demo-evidence');
  await page.getByRole('link', { name: '活动记录' }).click();
  await page.locator('.event-row').first().waitFor();
  await screenshot(page, 'demo-events');
});
