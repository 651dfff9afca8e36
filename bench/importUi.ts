// UI responsiveness while a big file is imported in web mode, in Debian's Chromium:
// the page picks a large video, and while the bar moves we time (a) a click on the
// library's filter until the list has changed in the page, and (b) an API call's round
// trip to the back end (the process that hashes and writes the file). Figures only.
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ClickFigures {
  /** Click → the next frame painted after the page handled it, ms, per sample. */
  clicks: number[];
  /** API round trip during the import, ms, per sample. */
  api: number[];
  importMs: number;
  samplesWhileImporting: number;
}

export async function measureClicksDuringImport(url: string, file: string, samples = 10): Promise<ClickFigures> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url);
    await page.evaluate(() => (window.location.hash = '#/evidence'));
    await page.waitForSelector('.filters select');
    // Timestamps taken in the page: from the click's change event until the frame after
    // React has handled it is painted (what the user sees as "answered").
    await page.evaluate(() => {
      const w = window as unknown as { __clickMs: number[] };
      w.__clickMs = [];
      document.addEventListener(
        'change',
        () => {
          const t0 = performance.now();
          requestAnimationFrame(() => setTimeout(() => w.__clickMs.push(performance.now() - t0), 0));
        },
        true,
      );
    });
    const t0 = Date.now();
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.waitForSelector('[role=progressbar]');
    const api: number[] = [];
    let taken = 0;
    for (let i = 0; i < samples; i++) {
      if ((await page.locator('[role=progressbar]').count()) === 0) break;
      await page.locator('.filters select').selectOption(i % 2 === 0 ? 'unlinked' : 'all');
      api.push(
        await page.evaluate(async () => {
          const s = performance.now();
          const r = await fetch('/api/evidence.stats', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Selfcheck': '1' }, body: '{}' });
          await r.text();
          return performance.now() - s;
        }),
      );
      taken++;
      await page.waitForTimeout(150);
    }
    await page.waitForSelector('[role=progressbar]', { state: 'detached', timeout: 600_000 });
    const importMs = Date.now() - t0;
    const clicks = await page.evaluate(() => (window as unknown as { __clickMs: number[] }).__clickMs);
    return { clicks, api, importMs, samplesWhileImporting: taken };
  } finally {
    await browser.close();
  }
}
