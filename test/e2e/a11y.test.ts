// The sample school as a keyboard-only and a screen-reader user meet it: the skip link, the
// navigation, an item answered with Space and the arrow keys, a dialog closed with Escape, the
// next item; every focused element shows a ring. Then every page and dialog is walked and each
// control, link and image must have a name Chromium can read out.
import type { Page } from 'playwright-core';
import type { Item } from '../../shared/template/schema';
import { screenshot } from './browser';
import { demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';
import { until } from './poll';
import { focused, namelessElements, tabTo } from './a11y';

jest.setTimeout(180_000);

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-a11y-'), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

async function demo() {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  if (!assessment) throw new Error('demo has no assessment');
  const [summary, template] = await Promise.all([
    apiCall(server.url, 'assessments.summary', { id: assessment.id }),
    apiCall(server.url, 'templates.get', { id: assessment.templateId, version: assessment.templateVersion }),
  ]);
  const items = template.areas.flatMap((a) => a.items);
  const status = (code: string) => summary.items.find((s) => s.itemCode === code);
  return { assessment, items, status };
}

const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

test('keyboard only: skip link, navigation, answer an item, a dialog, the next item', async () => {
  const { assessment, items, status } = await demo();
  // An unanswered yes/no item with no files yet: few stops between its answer and the next item.
  const at = items.findIndex((i) => i.type === 'yes_no' && status(i.code)?.status === 'unanswered' && status(i.code)?.evidenceCount === 0);
  const item = items[at];
  const next = items[at + 1];
  if (!item || !next) throw new Error('the demo has no unanswered yes/no item without files');
  const saved = async () => (await apiCall(server.url, 'answers.list', { assessmentId: assessment.id })).find((a) => a.itemCode === item.code)?.value;

  // The skip link is the first stop, visible once focused, and lands in the main area.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await tabTo(page, 'the skip link', (f) => f.tag === 'a' && f.text === '跳到主要内容', 1);
  await screenshot(page, 'a11y-skip-link');
  await page.keyboard.press('Enter');
  expect(await activeId()).toBe('main');
  const inMain = await tabTo(page, 'the main area', () => true, 1);
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  expect(inMain.tag).not.toBe('body');

  // From the top: past the skip link into the navigation, Enter opens the checklist.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
  await tabTo(page, 'the checklist link', (f) => f.tag === 'a' && f.text.endsWith('检查清单'), 4);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '检查清单' }).waitFor();
  expect(await activeId()).toBe('main'); // the new page's top, for a screen reader to read on from

  // Search by typing, then Tab to the row and open it.
  await tabTo(page, 'the search box', (f) => f.tag === 'input[search]', 2);
  await page.keyboard.type(item.code);
  await tabTo(page, `the row of ${item.code}`, (f) => f.tag === 'a' && f.text.startsWith(item.code), 20);
  await screenshot(page, 'a11y-checklist-row-focus');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: new RegExp(item.code) }).waitFor();
  expect(await activeId()).toBe('main');

  // Space answers, an arrow key changes the answer; both are saved.
  await tabTo(page, 'the answer', (f) => f.tag === 'input[radio]', 6);
  await page.keyboard.press('Space');
  await until('"yes" saved', async () => (JSON.stringify(await saved()) === JSON.stringify({ type: 'yes_no', value: true }) ? true : undefined));
  await page.keyboard.press('ArrowRight');
  await until('"no" saved', async () => (JSON.stringify(await saved()) === JSON.stringify({ type: 'yes_no', value: false }) ? true : undefined));
  expect(await page.getByRole('radio', { name: '否', exact: true }).isChecked()).toBe(true);
  expect((await focused(page)).ringVisible).toBe(true);
  await screenshot(page, 'a11y-answer-focus');

  // A dialog: Enter opens it with focus inside, Escape closes it and gives focus back.
  await tabTo(page, 'the library button', (f) => f.tag.startsWith('button') && f.text === '从材料库关联…', 10);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '从材料库关联…' });
  await dialog.waitFor();
  expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  expect((await focused(page)).ringVisible).toBe(true);
  await screenshot(page, 'a11y-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const back = await focused(page);
  expect(back.text).toBe('从材料库关联…');
  expect(back.ringVisible).toBe(true);

  // On to the next item.
  await tabTo(page, 'the next-item link', (f) => f.tag === 'a' && f.text.startsWith(next.code), 15);
  const scrolled = () => page.locator('main').evaluate((m) => m.scrollTop);
  expect(await scrolled()).toBeGreaterThan(0); // the link is at the foot of the page
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: new RegExp(next.code) }).waitFor();
  expect(await activeId()).toBe('main'); // not lost to the start of the document with the old link
  expect(await scrolled()).toBe(0); // the next item is read from its top
});

test('every control, link and image on every page has a name a screen reader can say', async () => {
  const { items, status } = await demo();
  const files = await apiCall(server.url, 'evidence.list', {});
  const types: Item['type'][] = ['yes_no', 'number', 'percentage', 'single_choice', 'multi_choice', 'checklist', 'text', 'event_log'];
  // For each type an item with files where there is one (their captions and dates are fields too).
  const itemPages = types.map((type) => {
    const ofType = items.filter((i) => i.type === type && status(i.code)?.status !== 'not_applicable');
    const item = ofType.find((i) => (status(i.code)?.evidenceCount ?? 0) > 0) ?? ofType[0];
    if (!item) throw new Error(`the demo has no ${type} item`);
    return item.code;
  });
  const problems: string[] = [];
  const check = async (where: string) => {
    for (const p of await namelessElements(page)) problems.push(`${where}: ${p}`);
  };
  const visit = async (hash: string, heading: string | RegExp) => {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  await visit('#/dashboard', '概览');
  // The check itself sees what it must: planted nameless controls and an image without alt are reported.
  await page.evaluate(() => document.querySelector('main')?.insertAdjacentHTML('beforeend', '<div id="planted"><button></button><input type="text"><img src="icon.svg"></div>'));
  const planted = await namelessElements(page);
  expect(planted.filter((p) => p.includes('button: <button></button>') || p.includes('textbox: <input type="text">') || p.includes('img without alt'))).toHaveLength(3);
  await page.evaluate(() => document.getElementById('planted')?.remove());
  await page.getByRole('button', { name: /显示全部/ }).click();
  await check('dashboard');
  await visit('#/checklist', '检查清单');
  await check('checklist');
  for (const code of itemPages) {
    await visit(`#/item/${code}`, new RegExp(code));
    await page.getByRole('button', { name: '修改历史' }).click();
    await page.locator('#history-list').waitFor();
    await check(`item ${code}`);
  }
  await page.getByRole('button', { name: '从材料库关联…' }).click();
  await page.getByRole('dialog').waitFor();
  await check('link-from-library dialog');
  await page.keyboard.press('Escape');

  await visit('#/evidence', '佐证材料');
  await check('evidence library');
  const file = files.find((f) => f.links.length > 0 && f.eventIds.length > 0) ?? files[0];
  await visit(`#/evidence/${file?.id ?? ''}`, '佐证材料');
  await page.getByRole('complementary', { name: '文件详情' }).waitFor();
  await check('evidence detail');

  await visit('#/events', '活动记录');
  await page.getByRole('button', { name: '＋ 记录活动' }).click();
  await page.getByRole('form', { name: '记录活动' }).waitFor();
  await check('event log with the add form');

  await visit('#/profile', '学校信息');
  await check('profile');
  await visit('#/settings', '设置');
  await page.getByRole('button', { name: '生成密钥' }).click();
  await page.getByTestId('key-id').waitFor();
  await check('settings');
  await page.getByRole('button', { name: '打印登记表' }).click();
  await page.getByRole('dialog').waitFor();
  await check('enrolment sheet dialog');
  await page.keyboard.press('Escape');
  await visit('#/package', '导出与核验');
  await page.getByText('预计大小').waitFor();
  await check('keys and export');
  await visit('#/new-assessment', '新建评估');
  await check('new assessment');

  expect(problems).toEqual([]);
});
