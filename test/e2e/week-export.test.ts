// The check before the freeze (issue 8 §3): a school at a few percent filled asks to
// export; the page lists what is open and the size, says what freezing means, and
// exports only after an explicit "I understand". Then the package is there, verified.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { tempDataDir, REPO, type Server } from './server';
import { browserSuite } from './suite';
import { apiCall } from './api';
import { until } from './poll';

jest.setTimeout(180_000);

const outDir = mkdtempSync(join(tmpdir(), 'selfcheck-week-export-out-'));
let assessmentId = '';
const suite = browserSuite({
  dataDir: () => tempDataDir('selfcheck-week-export-'),
  cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  ready: async (page: Page) => {
    const url = suite.server.url;
    await apiCall(url, 'profile.save', {
      name: '青山村小学', code: '1431234567', schoolType: 'primary', county: '平江县', students: 186, classes: 6, staff: 14,
      boarding: false, hasSchoolBus: false, hasCanteen: true, studentsWithDisabilities: 0,
    });
    const [template] = await apiCall(url, 'templates.list', {});
    if (!template) throw new Error('no built-in template');
    const a = await apiCall(url, 'assessments.create', {
      templateId: template.id, templateVersion: template.version, periodKind: 'school_year', label: '2026–2027 学年', startDate: '2026-09-01', endDate: '2027-06-30',
    });
    assessmentId = a.id;
    await apiCall(url, 'answers.save', { assessmentId, itemCode: 'CUR-06', value: { type: 'number', value: 22 }, note: '' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
  },
});
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

test('export at a few percent filled shows what is open, and freezes only after an explicit confirmation', async () => {
  const summary = await apiCall(server.url, 'assessments.summary', { id: assessmentId });
  const unanswered = summary.items.filter((i) => i.status === 'unanswered').length;
  await page.evaluate(() => (window.location.hash = '#/package'));
  await page.getByRole('heading', { name: '导出上报包' }).waitFor();
  await page.getByRole('radio', { name: /其他文件夹/ }).check();
  await page.getByRole('textbox', { name: /其他文件夹/ }).fill(outDir);
  await page.getByRole('button', { name: '开始导出' }).click();

  const check = page.getByRole('dialog', { name: '导出前检查' });
  await check.waitFor();
  await check.getByText(/导出会“冻结”本次评估/).waitFor();
  expect(await check.getByTestId('check-unanswered').locator('td.num').innerText()).toBe(String(unanswered));
  // Key items nobody answered are named as such (not as failed).
  const keyUnanswered = await check.getByTestId('check-key-unanswered').locator('td.num').innerText();
  expect(Number(keyUnanswered)).toBeGreaterThan(0);
  expect(await check.getByTestId('check-key-not-met').locator('td.num').innerText()).toBe('0');
  // CUR-06 is answered (22 ≥ 20) but has no record attached: short of evidence.
  await check.getByTestId('check-short-evidence').getByRole('link', { name: 'CUR-06' }).waitFor();
  await check.getByTestId('check-size').getByText(/KB|MB|B/).first().waitFor();
  const proceed = check.getByRole('button', { name: '冻结并导出' });
  expect(await proceed.isDisabled()).toBe(true);
  await check.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'pre-export-check', join(REPO, 'docs', 'screenshots'));
  // Nothing is frozen while the check is open.
  expect((await apiCall(server.url, 'assessments.get', { id: assessmentId })).frozenAt).toBeNull();

  await check.getByRole('checkbox', { name: '我已了解：导出后本版本将被冻结' }).check();
  await proceed.click();
  await page.getByText(/导出完成并已通过校验/).waitFor({ timeout: 60_000 });
  await until('frozen', async () => ((await apiCall(server.url, 'assessments.get', { id: assessmentId })).frozenAt ? true : undefined));
  const { readdirSync } = await import('node:fs');
  expect(readdirSync(outDir).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
  expect(existsSync(outDir)).toBe(true);
});

test('one click gives the Word-friendly summary: a plain table per area that pastes with its borders', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Word 可粘贴摘要' }).click()]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const html = readFileSync(path as string, 'utf8');
  expect(download.suggestedFilename()).toMatch(/青山村小学.*摘要\.html$/);
  expect(html).toContain('<table border="1"');
  expect(html).toContain('学校自评摘要');
  expect(html).not.toMatch(/<script/);
});
