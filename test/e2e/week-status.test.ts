// Day one of a new school, three months into the school year (issue 8 §1): nothing
// is counted as filled or failed that nobody touched, months before the school
// started are not failed, a future-dated drill is planned, not done, and the
// dashboard's "本月待办" lists what falls due this month.
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { tempDataDir, REPO, type Server } from './server';
import { browserSuite } from './suite';
import { apiCall } from './api';
import { join } from 'node:path';

jest.setTimeout(180_000);

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const today = new Date();
const schoolYear = today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
const lastOfMonth = iso(new Date(today.getFullYear(), today.getMonth() + 1, 0));
// A drill held in the first month of the year (before the school started using the app), one planned for later this month.
const earlyDrill = `${schoolYear}-09-15`;
const canPlan = lastOfMonth > iso(today);

const suite = browserSuite({
  dataDir: () => tempDataDir('selfcheck-week-status-'),
  ready: async (page: Page) => {
    const url = suite.server.url;
    await apiCall(url, 'profile.save', {
      name: '青山村小学', code: '1431234567', schoolType: 'primary', county: '平江县', students: 186, classes: 6, staff: 14,
      boarding: false, hasSchoolBus: false, hasCanteen: true, studentsWithDisabilities: 0,
    });
    const [template] = await apiCall(url, 'templates.list', {});
    if (!template) throw new Error('no built-in template');
    await apiCall(url, 'assessments.create', {
      templateId: template.id, templateVersion: template.version, periodKind: 'school_year',
      label: `${schoolYear}–${schoolYear + 1} 学年`, startDate: `${schoolYear}-09-01`, endDate: `${schoolYear + 1}-06-30`,
    });
    await apiCall(url, 'events.save', { kind: 'evacuation_drill', date: earlyDrill, title: '开学疏散演练', participants: 180, note: '' });
    if (canPlan) await apiCall(url, 'events.save', { kind: 'evacuation_drill', date: lastOfMonth, title: '月底疏散演练（计划）', participants: 180, note: '' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
  },
});
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

test('a new school is not told it failed: only what was touched is filled, nothing unanswered is failed', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const summary = await apiCall(server.url, 'assessments.summary', { id: assessment?.id as string });
  // Only the drill item has anything recorded; every other event item is unanswered, not failed.
  expect(summary.overall.answered).toBe(1);
  expect(summary.overall.notMet).toBe(0);
  expect(summary.failedKeyItems).toEqual([]);
  const drill = summary.items.find((i) => i.itemCode === 'SAF-02');
  // Its one month due is covered; it waits for its photo (evidence), and says what is still to come.
  expect(drill?.status).toBe('partly_met');
  expect(drill?.reasons.map((r) => r.key)).toEqual(['reason.evidence.short', 'reason.met.events', 'reason.events.upcoming', 'reason.events.beforeStart']);

  await page.getByText(`已填写 1 / ${summary.overall.total} 项`).waitFor();
  expect(await page.getByRole('heading', { name: '一票否决项目未达标' }).count()).toBe(0);
});

test('the dashboard lists this month’s to-do: due items, the planned drill, nothing overdue before the start', async () => {
  const todo = page.getByTestId('monthly-todo');
  await todo.getByRole('heading', { name: /本月待办/ }).waitFor();
  // Monthly rules of this school: safety inspection, safety education, food-safety self-check, moral education.
  for (const code of ['SAF-13', 'SAF-06', 'FOOD-05', 'MOR-04']) await todo.getByRole('link', { name: new RegExp(code) }).waitFor();
  const drillRow = todo.getByRole('link', { name: /SAF-02/ });
  if (canPlan) {
    await drillRow.getByText('已计划', { exact: true }).waitFor();
    await drillRow.getByText(/已计划 1 次（日期未到，尚不计入）/).waitFor();
  } else await drillRow.getByText('本月待办', { exact: true }).waitFor();
  // Months before the school started with the app are not overdue.
  expect(await todo.getByText('已逾期').count()).toBe(0);
  await todo.scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-todo', join(REPO, 'docs', 'screenshots'));
});
