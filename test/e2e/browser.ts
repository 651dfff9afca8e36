// Debian's Chromium driven by playwright-core, as the architecture guide prescribes.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './server';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Chromium formats date inputs in its own interface language, which on Linux it takes from
 * LANGUAGE (the page's `locale` only sets navigator.language and Accept-Language). Started in
 * Chinese, the pictures show 2025/09/01 as a Chinese user's browser does, not 09/01/2025.
 * (Needs Debian's chromium-l10n; without it Chromium falls back to English, and tests still pass.)
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--lang=zh-CN'], env: { ...process.env, LANGUAGE: 'zh_CN' } });
}

export const WINDOW = { width: 1366, height: 800 };
/** The smallest window the desktop app allows. */
export const MIN_WINDOW = { width: 1024, height: 640 };

/** A page at 1366×800 (zh-CN, like the people it is for) that fails the test on any page error or console error. */
export async function openApp(browser: Browser, url: string, errors: string[], viewport = WINDOW): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return page;
}

export const SCREENSHOTS = join(REPO, 'test-output/screenshots');

export async function screenshot(page: Page, name: string, dir = SCREENSHOTS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
