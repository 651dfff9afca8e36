// A drill video of 300 MiB added in web mode, as a principal picks it: the browser streams
// the file (no base64, no whole-file read in the page), the bar moves by bytes while it is
// stored, the page answers a click meanwhile, and the stored file is byte for byte the
// source as `sha256sum` sees it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeVideo } from '../fixtures/bigFiles';
import { apiCall } from './api';
import { demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';

jest.setTimeout(300_000);

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-big-'), ready: dashboardShown });
let server: Server;
let page: Page;
const src = mkdtempSync(join(tmpdir(), 'selfcheck-bigsrc-'));
beforeAll(() => {
  ({ server, page } = suite);
});
afterAll(() => rmSync(src, { recursive: true, force: true }));

const sha256sum = (file: string): string => execFileSync('sha256sum', ['-b', file]).toString().split(' ')[0]!;

test('a 300 MiB video imports with progress that moves, and the page answers a click meanwhile', async () => {
  const video = join(src, '消防演练录像.mp4');
  writeVideo(video, 300);
  await page.evaluate(() => (window.location.hash = '#/evidence'));
  await page.getByRole('heading', { level: 1, name: '佐证材料' }).waitFor();
  const shown = page.getByText(/^\d+ 个文件$/);
  const before = await shown.textContent();

  await page.getByLabel('添加文件').setInputFiles(video);
  const bar = page.getByRole('progressbar', { name: /正在添加第 1\/1 个文件/ });
  await bar.waitFor();

  const values: number[] = [];
  let answeredWhileImporting = false;
  // Bounded: at most 1200 samples of ~100 ms (the import takes seconds, not minutes).
  for (let i = 0; i < 1200; i++) {
    const now = await bar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
    if (now === null) break; // the bar is gone: the import finished
    const v = Number(now);
    if (values.at(-1) !== v) values.push(v);
    if (!answeredWhileImporting && v > 0) {
      // A click on the filter is answered: the list changes while the bar is still there.
      await page.getByLabel('显示').selectOption({ label: '未关联' });
      await page.waitForFunction((b) => [...document.querySelectorAll('.filters .muted')].some((e) => e.textContent !== b), before, { timeout: 5000 });
      answeredWhileImporting = (await bar.count()) > 0;
      await page.getByLabel('显示').selectOption({ label: '全部' });
    }
    await page.waitForTimeout(100);
  }
  await page.getByRole('button', { name: /消防演练录像\.mp4/ }).waitFor({ timeout: 60_000 });

  expect(answeredWhileImporting).toBe(true);
  // The bar moved by bytes: several distinct values, never backwards, some between the ends.
  expect(values.length).toBeGreaterThanOrEqual(3);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(values.some((v) => v > 0 && v < 100)).toBe(true);

  const files = await apiCall(server.url, 'evidence.list', {});
  const added = files.find((f) => f.originalName === '消防演练录像.mp4');
  expect(added).toMatchObject({ mime: 'video/mp4', size: statSync(video).size });
  const stored = join(server.dataDir, 'evidence', added!.sha256.slice(0, 2), added!.sha256.slice(2, 4), added!.sha256);
  expect(sha256sum(stored)).toBe(sha256sum(video));
});
