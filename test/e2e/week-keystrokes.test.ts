// Never lose or overwrite a keystroke (issue 8 §2), in Chromium against the web mode:
// two pages on one item (the later save over a stale revision shows both and lets the
// person choose), and typing then reloading at once keeps the text.
import type { Page } from 'playwright-core';
import { openApp } from './browser';
import { tempDataDir, type Server } from './server';
import { browserSuite } from './suite';
import { apiCall } from './api';
import { until } from './poll';

jest.setTimeout(180_000);

let assessmentId = '';
const suite = browserSuite({
  dataDir: () => tempDataDir('selfcheck-week-keys-'),
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
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
  },
});
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

const openItem = async (p: Page, code: string) => {
  await p.evaluate((c) => (window.location.hash = `#/item/${c}`), code);
  await p.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
};
const saved = async (code: string) => (await apiCall(server.url, 'answers.list', { assessmentId })).find((a) => a.itemCode === code);

test('the minimum length is shown before typing', async () => {
  await openItem(page, 'GOV-12');
  await page.getByTestId('length-hint').getByText('至少 50 字').waitFor();
  await page.getByLabel('答案').fill('本学年主要成效');
  await page.getByTestId('length-hint').getByText('已写 7 字，至少 50 字').waitFor();
});

test('two pages on one item: the second save over a stale revision shows both values and lets the user choose', async () => {
  const errors: string[] = [];
  const other = await openApp(suite.browser, server.url, errors);
  try {
    await other.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await openItem(page, 'SAF-01');
    await openItem(other, 'SAF-01');
    // Page one writes a note and it is saved.
    await page.getByLabel('备注').fill('一号窗口：预案已修订');
    await until('page one saved', async () => ((await saved('SAF-01'))?.note === '一号窗口：预案已修订' ? true : undefined));
    // Page two, which never saw that, writes its own note: refused, both shown, nothing overwritten.
    await other.getByLabel('备注').fill('二号窗口：预案待更新');
    const dialog = other.getByRole('alertdialog', { name: '这一项已在别处被修改' });
    await dialog.waitFor();
    await dialog.getByTestId('conflict-theirs').getByText('一号窗口：预案已修订').waitFor();
    await dialog.getByTestId('conflict-mine').getByText('二号窗口：预案待更新').waitFor();
    expect((await saved('SAF-01'))?.note).toBe('一号窗口：预案已修订');
    // The person keeps theirs: saved over the first one, both in the history.
    await dialog.getByRole('button', { name: '保留我的内容' }).click();
    await until('page two kept its note', async () => ((await saved('SAF-01'))?.note === '二号窗口：预案待更新' ? true : undefined));
    expect((await saved('SAF-01'))?.revision).toBe(2);
    const history = await apiCall(server.url, 'answers.history', { assessmentId, itemCode: 'SAF-01' });
    expect(history.map((h) => h.note)).toEqual(['二号窗口：预案待更新', '一号窗口：预案已修订']);
    expect(await dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await other.close();
  }
});

test('typing then reloading at once keeps the text', async () => {
  await page.reload();
  await openItem(page, 'SAF-05');
  const text = '重新加载前刚写的备注';
  await page.getByLabel('备注').fill(text);
  await page.reload(); // well within the 400 ms typing delay
  await page.getByRole('heading', { level: 1, name: /SAF-05/ }).waitFor();
  await until('the note reached the back end', async () => ((await saved('SAF-05'))?.note === text ? true : undefined));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /SAF-05/ }).waitFor();
  expect(await page.getByLabel('备注').inputValue()).toBe(text);
});
