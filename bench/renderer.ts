// How long the checklist page takes to show every row, measured in Debian's Chromium
// against a running web-mode server (the caller fills it with a ~300-item assessment).
// `url` is the printed "http://127.0.0.1:PORT/?token=..." address.
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function measureRenderTime(url: string, opts: { executablePath?: string; timeoutMs?: number } = {}): Promise<{ ms: number; rows: number }> {
  const browser = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(url); // sets the session cookie, then redirects to "/"
    await page.waitForSelector('main');
    // A fresh navigation straight to the checklist: the time runs from its navigation start.
    await page.goto(`${new URL(url).origin}/#/checklist`, { waitUntil: 'commit' });
    await page.reload({ waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => {
        const list = document.querySelector('.checklist[data-rows-expected]');
        if (!list) return null;
        const expected = Number(list.getAttribute('data-rows-expected'));
        const rows = document.querySelectorAll('[data-checklist-row]').length;
        return expected > 0 && rows === expected ? { ms: performance.now(), rows } : null;
      },
      undefined,
      { timeout: opts.timeoutMs ?? 60_000, polling: 'raf' },
    );
    const result = (await handle.jsonValue()) as { ms: number; rows: number };
    return { ms: Math.round(result.ms), rows: result.rows };
  } finally {
    await browser.close();
  }
}

/**
 * The baseline for the figure above, in the same browser: a plain HTML table of
 * the same number of rows, no framework, no data fetching. The ratio says what
 * React, the bridge round trips and the summary cost on top of drawing rows.
 */
export async function measureStaticBaseline(rows: number, opts: { executablePath?: string } = {}): Promise<{ ms: number }> {
  const browser = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    const body = Array.from({ length: rows }, (_, i) => `<tr><td>ITEM-${i}</td><td>检查项目 ${i}</td><td>未填写</td></tr>`).join('');
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html><table>${body}</table>`)}`);
    const ms = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? nav.domContentLoadedEventEnd : performance.now();
    });
    return { ms: Math.round(ms) };
  } finally {
    await browser.close();
  }
}
