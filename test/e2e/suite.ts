// The hooks every browser suite needs: the real server on a data folder, Debian's
// Chromium, the app open in one page, and a check after each test that the page
// logged no error (a page or console error fails the test that caused it).
import type { Browser, Page, ViewportSize } from 'playwright-core';
import { launchBrowser, openApp } from './browser';
import { startServer, type Server } from './server';

export interface BrowserSuite {
  server: Server;
  browser: Browser;
  page: Page;
  /** Page and console errors of the current test (checked after it; a test that expects some takes them out). */
  errors: string[];
}

export interface SuiteOptions {
  /** The data folder the server opens (made in beforeAll, so it can be slow). */
  dataDir: () => string | Promise<string>;
  viewport?: ViewportSize;
  /** What to wait for once the app is open. */
  ready?: (page: Page) => Promise<unknown>;
  /** Extra clean-up after the browser and server are gone. */
  cleanup?: () => void;
}

/** Registers the hooks; the returned object is filled in by beforeAll. */
export function browserSuite(options: SuiteOptions): BrowserSuite {
  const errors: string[] = [];
  const suite = { errors } as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startServer(await options.dataDir());
    suite.browser = await launchBrowser();
    suite.page = await openApp(suite.browser, suite.server.url, errors, options.viewport);
    await options.ready?.(suite.page);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    options.cleanup?.();
  });
  afterEach(() => expect(errors.splice(0)).toEqual([]));
  return suite;
}

/** Ready when the dashboard's heading is shown (the app has loaded its data). */
export const dashboardShown = (page: Page) => page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
