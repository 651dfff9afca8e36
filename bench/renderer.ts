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
