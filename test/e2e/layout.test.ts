// Every page of the sample school at the smallest window the desktop app allows (1024×640), in
// both languages: nothing spills sideways, the top bar keeps its controls whole, no i18n key or
// stray "undefined" shows, and no English word from the back end leaks into the Chinese pages.
// With REVIEW_SCREENSHOTS=1 it also photographs every page at 1366×800 and 1024×640 in both
// languages into test-output/review/ (for a person to look at).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Item } from '../../shared/template/schema';
import { MIN_WINDOW, screenshot, WINDOW } from './browser';
import { demoDataDir, REPO, type Server } from './server';
import { browserSuite } from './suite';
import { apiCall } from './api';
import { until } from './poll';

jest.setTimeout(240_000);

const REVIEW = process.env.REVIEW_SCREENSHOTS === '1';
const REVIEW_DIR = join(REPO, 'test-output/review');

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-layout-'), viewport: MIN_WINDOW, ready: (p) => p.locator('.topbar').waitFor() });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

interface Visit {
  name: string;
  hash: string;
}

async function pages(): Promise<Visit[]> {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  if (!assessment) throw new Error('demo has no assessment');
  const summary = await apiCall(server.url, 'assessments.summary', { id: assessment.id });
  const template = await apiCall(server.url, 'templates.get', { id: assessment.templateId, version: assessment.templateVersion });
  const files = await apiCall(server.url, 'evidence.list', {});
  const status = (code: string) => summary.items.find((s) => s.itemCode === code);
  const types: Item['type'][] = ['yes_no', 'number', 'percentage', 'single_choice', 'multi_choice', 'checklist', 'text', 'event_log'];
  const items = template.areas.flatMap((a) => a.items);
  const itemVisits = types.map((type) => {
    const ofType = items.filter((i) => i.type === type && status(i.code)?.status !== 'not_applicable');
    const item = ofType.find((i) => (status(i.code)?.evidenceCount ?? 0) > 0) ?? ofType[0];
    return { name: `item-${type}`, hash: `#/item/${item?.code ?? ''}` };
  });
  return [
    { name: 'dashboard', hash: '#/dashboard' },
    { name: 'checklist', hash: '#/checklist' },
    ...itemVisits,
    { name: 'evidence', hash: '#/evidence' },
    { name: 'evidence-detail', hash: `#/evidence/${files.find((f) => f.hasThumbnail)?.id ?? files[0]?.id ?? ''}` },
    { name: 'events', hash: '#/events' },
    { name: 'profile', hash: '#/profile' },
    { name: 'settings', hash: '#/settings' },
    { name: 'package', hash: '#/package' },
    { name: 'new-assessment', hash: '#/new-assessment' },
  ];
}

/** What is wrong with the page as drawn now, in words (empty when nothing is). */
function layoutProblems(p: Page, locale: string): Promise<string[]> {
  return p.evaluate((loc) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`the window scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) out.push(`the page spills sideways (${main.scrollWidth} > ${main.clientWidth})`);
    const bar = document.querySelector<HTMLElement>('.topbar');
    if (bar) {
      if (bar.scrollWidth > bar.clientWidth + 1) out.push(`the top bar overflows (${bar.scrollWidth} > ${bar.clientWidth})`);
      const right = bar.getBoundingClientRect().right;
      for (const el of Array.from(bar.querySelectorAll<HTMLElement>('select, button')))
        if (el.getBoundingClientRect().right > right + 1) out.push(`"${el.textContent?.trim()}" is cut off at the right of the top bar`);
      for (const b of Array.from(bar.querySelectorAll<HTMLElement>('.segment')))
        if (b.getBoundingClientRect().height > 40) out.push(`the language button "${b.textContent}" wraps`);
    }
    const text = document.body.innerText;
    const keys = /\b(?:common|nav|topbar|save|status|item|evidence|events|dashboard|checklist|settings|pkg|assessment|profile|history|error|keyLabel|folderName|answer|value|expect)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)*\b/.exec(text);
    if (keys) out.push(`an i18n key shows: ${keys[0]}`);
    const junk = /\b(?:undefined|NaN|null)\b|\[object /.exec(text);
    if (junk) out.push(`"${junk[0]}" shows`);
    if (loc === 'zh-CN') {
      const leak = /\b(?:this school|Documents|Desktop|retired)\b/.exec(text);
      if (leak) out.push(`English from the back end shows: ${leak[0]}`);
    }
    if (!document.querySelector('main h1')) out.push('no page heading');
    return out;
  }, locale);
}

test.each(['zh-CN', 'en'] as const)('every page fits the smallest window in %s', async (locale) => {
  await apiCall(server.url, 'settings.save', { locale });
  await page.reload();
  await until(`the page in ${locale}`, async () => ((await page.locator('html').getAttribute('lang')) === locale ? true : undefined));
  const problems: string[] = [];
  for (const v of await pages()) {
    await page.evaluate((h) => (window.location.hash = h), v.hash);
    await page.locator('main h1').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    for (const p of await layoutProblems(page, locale)) problems.push(`${v.name}: ${p}`);
    if (REVIEW) {
      for (const size of [WINDOW, MIN_WINDOW]) {
        await page.setViewportSize(size);
        await screenshot(page, `${v.name}-${locale}-${size.width}`, REVIEW_DIR);
      }
      await page.setViewportSize(MIN_WINDOW);
    }
  }
  expect(problems).toEqual([]);
});

