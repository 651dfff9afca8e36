// How long the checklist page takes to show every row, measured in Debian's Chromium
// against a running web-mode server (the caller fills it with a ~300-item assessment).
// `url` is the printed "http://127.0.0.1:PORT/?token=..." address.
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where the time to a full checklist goes, from navigation start (ms). */
export interface RenderBreakdown {
  ms: number;
  rows: number;
  /** The last script of the page has arrived. */
  bundleLoaded: number;
  /** The page's first API call started (the bundle has been parsed and run by then). */
  firstApiStart: number;
  /** The last API response before the rows were all drawn. */
  lastApiEnd: number;
  apiCalls: number;
}

export async function measureRenderTime(url: string, opts: { executablePath?: string; timeoutMs?: number } = {}): Promise<RenderBreakdown> {
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
        if (!(expected > 0 && rows === expected)) return null;
        const ms = performance.now();
        const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const js = res.filter((r) => r.name.endsWith('.js'));
        const apis = res.filter((r) => r.name.includes('/api/') && r.responseEnd <= ms);
        return {
          ms,
          rows,
          bundleLoaded: Math.max(0, ...js.map((r) => r.responseEnd)),
          firstApiStart: apis.length ? Math.min(...apis.map((r) => r.startTime)) : 0,
          lastApiEnd: Math.max(0, ...apis.map((r) => r.responseEnd)),
          apiCalls: apis.length,
        };
      },
      undefined,
      { timeout: opts.timeoutMs ?? 60_000, polling: 'raf' },
    );
    const r = (await handle.jsonValue()) as RenderBreakdown;
    const round = Math.round;
    return { ms: round(r.ms), rows: r.rows, bundleLoaded: round(r.bundleLoaded), firstApiStart: round(r.firstApiStart), lastApiEnd: round(r.lastApiEnd), apiCalls: r.apiCalls };
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
