// axe-core over the whole app in Chromium, in both languages: every page of the sample school
// (dashboard, checklist, an item of each answer type, the evidence library and a file's detail,
// the event log with its form, profile, settings, keys & export), the first-run wizard on a
// fresh data folder, and report.html from a package the `selfcheck` CLI exported and stock
// `unzip` unpacked. Serious or critical violations fail the test.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Item } from '../../shared/template/schema';
import type { Browser } from 'playwright-core';
import { WINDOW } from './browser';
import { CLI, demoDataDir, startServer, tempDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';
import { axeViolations, describe as describeViolations } from './axe';

jest.setTimeout(600_000);

const outDirs: string[] = [];
const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-axe-'), ready: dashboardShown, cleanup: () => outDirs.forEach((d) => rmSync(d, { recursive: true, force: true })) });
let server: Server;
let page: Page;
const pageErrors: string[] = [];

/**
 * The app's CSP rightly refuses inline scripts; axe is brought in by the test, so its pages
 * are opened in a context that bypasses the CSP (the only difference from the user's page).
 */
async function openForAxe(browser: Browser, url: string, errors: string[], viewport = WINDOW): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport, locale: 'zh-CN' });
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await p.goto(url);
  return p;
}

beforeAll(async () => {
  server = suite.server;
  page = await openForAxe(suite.browser, server.url, pageErrors);
  await dashboardShown(page);
});
afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

type Lang = 'zh-CN' | 'en';
const H1: Record<string, Record<Lang, string>> = {
  dashboard: { 'zh-CN': '概览', en: 'Dashboard' },
  checklist: { 'zh-CN': '检查清单', en: 'Checklist' },
  evidence: { 'zh-CN': '佐证材料', en: 'Evidence library' },
  events: { 'zh-CN': '活动记录', en: 'Event log' },
  profile: { 'zh-CN': '学校信息', en: 'School profile' },
  settings: { 'zh-CN': '设置', en: 'Settings' },
  package: { 'zh-CN': '导出与核验', en: 'Export & verify' },
  sync: { 'zh-CN': '发送到教育局', en: 'Send to the bureau' },
};

async function switchLanguage(p: Page, lang: Lang) {
  await p.getByRole('button', { name: lang === 'en' ? 'English' : '中文', exact: true }).click();
  await p.waitForFunction((l) => document.documentElement.lang === l, lang);
}

test('the check finds what it must: a planted image without alt and an unlabelled field are reported', async () => {
  await page.evaluate(() => document.querySelector('main')?.insertAdjacentHTML('beforeend', '<div id="planted"><img src="icon.svg"><input type="text"></div>'));
  const found = (await axeViolations(page)).map((v) => v.id);
  await page.evaluate(() => document.getElementById('planted')?.remove());
  expect(found).toEqual(expect.arrayContaining(['image-alt', 'label']));
});

test('every page of the app, in Chinese and in English, has no serious or critical violation', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  if (!assessment) throw new Error('the demo has no assessment');
  const [summary, template, files] = await Promise.all([
    apiCall(server.url, 'assessments.summary', { id: assessment.id }),
    apiCall(server.url, 'templates.get', { id: assessment.templateId, version: assessment.templateVersion }),
    apiCall(server.url, 'evidence.list', {}),
  ]);
  const items = template.areas.flatMap((a) => a.items);
  const status = (code: string) => summary.items.find((s) => s.itemCode === code);
  const types: Item['type'][] = ['yes_no', 'number', 'percentage', 'single_choice', 'multi_choice', 'checklist', 'text', 'event_log'];
  const itemCodes = types.map((type) => {
    const ofType = items.filter((i) => i.type === type && status(i.code)?.status !== 'not_applicable');
    const item = ofType.find((i) => (status(i.code)?.evidenceCount ?? 0) > 0) ?? ofType[0];
    if (!item) throw new Error(`the demo has no ${type} item`);
    return item.code;
  });
  const file = files.find((f) => f.links.length > 0) ?? files[0];
  if (!file) throw new Error('the demo has no evidence file');

  const problems: string[] = [];
  let checked = 0;
  const check = async (where: string) => {
    problems.push(...describeViolations(where, await axeViolations(page)));
    checked++;
  };
  const visit = async (hash: string, heading: string | RegExp) => {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  for (const lang of ['zh-CN', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    await visit('#/dashboard', H1.dashboard?.[lang] ?? '');
    await check(`${lang} dashboard`);
    await visit('#/checklist', H1.checklist?.[lang] ?? '');
    await check(`${lang} checklist`);
    for (const code of itemCodes) {
      await visit(`#/item/${code}`, new RegExp(code));
      await check(`${lang} item ${code}`);
    }
    await visit('#/evidence', H1.evidence?.[lang] ?? '');
    await check(`${lang} evidence library`);
    await visit(`#/evidence/${file.id}`, H1.evidence?.[lang] ?? '');
    await page.getByRole('complementary').first().waitFor();
    await check(`${lang} evidence detail`);
    await visit('#/events', H1.events?.[lang] ?? '');
    await check(`${lang} event log`);
    await page.locator('#add-event').click();
    await page.locator('#event-form form').waitFor();
    await check(`${lang} event log with its form`);
    await visit('#/profile', H1.profile?.[lang] ?? '');
    await check(`${lang} profile`);
    await visit('#/settings', H1.settings?.[lang] ?? '');
    await check(`${lang} settings`);
    await visit('#/package', H1.package?.[lang] ?? '');
    await check(`${lang} keys and export`);
    await visit('#/sync', H1.sync?.[lang] ?? '');
    await check(`${lang} send and receipts`);
  }
  await switchLanguage(page, 'zh-CN');
  expect(problems).toEqual([]);
  expect(checked).toBe(2 * (10 + itemCodes.length)); // ten pages besides the items, in two languages
});

test('the first-run wizard on a fresh data folder, both steps, in both languages', async () => {
  const fresh = await startServer(tempDataDir('selfcheck-axe-fresh-'));
  const errors: string[] = [];
  const wizard = await openForAxe(suite.browser, fresh.url, errors);
  try {
    const problems: string[] = [];
    await wizard.getByRole('heading', { level: 1, name: '欢迎使用学校自评' }).waitFor();
    problems.push(...describeViolations('zh-CN wizard step 1', await axeViolations(wizard)));
    await switchLanguage(wizard, 'en');
    await wizard.getByRole('heading', { level: 1, name: 'Welcome to School Self-Check' }).waitFor();
    problems.push(...describeViolations('en wizard step 1', await axeViolations(wizard)));
    // A refused step shows its messages: those must pass too.
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.locator('[aria-invalid="true"]').first().waitFor();
    problems.push(...describeViolations('en wizard step 1 with errors', await axeViolations(wizard)));
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await wizard.context().close();
    await fresh.stop();
  }
});

/** `selfcheck keys` and `selfcheck export` on a copy of the sample school, unpacked with stock unzip. */
function exportedReport(lang: Lang): string {
  const data = demoDataDir('selfcheck-axe-report-');
  const out = tempDataDir('selfcheck-axe-out-');
  outDirs.push(data, out);
  const bin = CLI;
  execFileSync(process.execPath, [bin, 'keys', '--data-dir', data], { stdio: 'pipe', timeout: 60_000 });
  execFileSync(process.execPath, [bin, 'export', '--data-dir', data, '--out', join(out, 'pkg.zip'), '--lang', lang], { stdio: 'pipe', timeout: 240_000 });
  execFileSync('unzip', ['-q', join(out, 'pkg.zip'), '-d', join(out, 'x')], { stdio: 'pipe' });
  const [bag] = readdirSync(join(out, 'x'));
  return join(out, 'x', bag ?? '', 'data/report.html');
}

test.each(['zh-CN', 'en'] as const)('report.html (%s): landmarks, named sections, a labelled chart, no serious or critical violation', async (lang) => {
  const html = exportedReport(lang);
  // The report forbids scripts by its CSP; axe is brought in by the test, so this page alone bypasses it.
  const context = await suite.browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 1400 } });
  const report = await context.newPage();
  try {
    await report.goto(`file://${html}`);
    expect(await report.locator('main').count()).toBe(1);
    const sections = await report.locator('main section').evaluateAll((ss) => ss.map((s) => (s.getAttribute('aria-labelledby') ? document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent ?? '' : '')));
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.filter((name) => name.trim() === '')).toEqual([]);
    expect(await report.locator('th:empty').count()).toBe(0);
    expect(await report.getByRole('list', { name: lang === 'en' ? 'Legend' : '图例' }).count()).toBe(1);
    const bars = await report.locator('svg.chart-bar[role="img"]').evaluateAll((s) => s.map((x) => x.getAttribute('aria-label') ?? ''));
    expect(bars.length).toBeGreaterThan(5);
    for (const name of bars) expect(name).toMatch(lang === 'en' ? /: Met \d+, Partly met \d+, Not met \d+, Unanswered \d+/ : /：达标 \d+，部分达标 \d+，未达标 \d+，未填写 \d+/);
    expect(describeViolations(`report.html ${lang}`, await axeViolations(report))).toEqual([]);
  } finally {
    await context.close();
  }
});
