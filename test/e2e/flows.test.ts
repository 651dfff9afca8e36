// More of what a principal does with the sample school: drops a photo onto an item, deletes an
// event and takes it back with Undo, picks a file from a search in the library, and after an
// export (which freezes the assessment) finds the item read-only and starts a new version to go
// on editing, the exported one left as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';
import { until } from './poll';
import { makePng } from './files';

jest.setTimeout(180_000);

const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-flows-'), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

async function current() {
  const list = await apiCall(server.url, 'assessments.list', {});
  const assessment = [...list].sort((a, b) => b.version - a.version)[0];
  if (!assessment) throw new Error('demo has no assessment');
  const [summary, template] = await Promise.all([
    apiCall(server.url, 'assessments.summary', { id: assessment.id }),
    apiCall(server.url, 'templates.get', { id: assessment.templateId, version: assessment.templateVersion }),
  ]);
  return { assessment, summary, items: template.areas.flatMap((a) => a.items) };
}

const openItem = async (code: string) => {
  await page.evaluate((c) => (window.location.hash = `#/item/${c}`), code);
  await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
};

test('a photo dropped on the item page is added, linked and counted', async () => {
  const { summary, items } = await current();
  const item = items.find((i) => i.type === 'yes_no' && summary.items.find((s) => s.itemCode === i.code)?.status !== 'not_applicable');
  if (!item) throw new Error('no applicable yes/no item');
  const before = summary.items.find((s) => s.itemCode === item.code);
  await openItem(item.code);
  const count = page.getByTestId('item-evidence-count');
  await count.getByText(`佐证 ${before?.evidenceCount}/${before?.evidenceRequired}`).waitFor();

  // A real drag and drop as the browser delivers it: a DataTransfer holding a File.
  const png = [...makePng(200, 150, 7)];
  await page.locator('.evidence-actions .dropzone').evaluate((zone, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], '操场一角.png', { type: 'image/png' }));
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }, png);

  await page.getByRole('img', { name: '操场一角.png' }).waitFor();
  await count.getByText(`佐证 ${(before?.evidenceCount ?? 0) + 1}/${before?.evidenceRequired}`).waitFor();
  const files = await apiCall(server.url, 'evidence.list', {});
  expect(files.filter((f) => f.originalName === '操场一角.png' && f.links.some((l) => l.itemCode === item.code))).toHaveLength(1);
  await screenshot(page, 'flows-dropped');
});

test('a refused file among several is named in an error and does not stop the others', async () => {
  const { summary, items } = await current();
  const item = items.find((i) => i.type === 'yes_no' && summary.items.find((s) => s.itemCode === i.code)?.status !== 'not_applicable');
  if (!item) throw new Error('no applicable yes/no item');
  await openItem(item.code);
  const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 1)]); // a Windows executable's header
  await page.getByLabel('添加文件').setInputFiles([
    { name: '晨检记录.png', mimeType: 'image/png', buffer: makePng(120, 90, 11) },
    { name: '安装程序.jpg', mimeType: 'image/jpeg', buffer: program },
    { name: '午检记录.png', mimeType: 'image/png', buffer: makePng(120, 90, 12) },
  ]);
  await page.getByRole('img', { name: '午检记录.png' }).waitFor();
  await page.getByRole('img', { name: '晨检记录.png' }).waitFor();
  await page.getByText('“安装程序.jpg”是可执行程序，不能作为佐证材料，未添加。').waitFor();
  const files = await apiCall(server.url, 'evidence.list', {});
  const names = files.filter((f) => f.links.some((l) => l.itemCode === item.code)).map((f) => f.originalName);
  expect(names).toEqual(expect.arrayContaining(['晨检记录.png', '午检记录.png']));
  expect(files.some((f) => f.originalName === '安装程序.jpg')).toBe(false);
  await screenshot(page, 'flows-refused-file');
});

test('an event deleted in the log comes back with Undo', async () => {
  const events = await apiCall(server.url, 'events.list', {});
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '活动记录' }).click();
  await page.getByRole('heading', { level: 1, name: '活动记录' }).waitFor();
  await page.getByText(`${events.length} 条记录`).waitFor();
  // The log lists the newest first (by date, then by when it was written down).
  const victim = [...events].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))[0];
  if (!victim) throw new Error('the demo has no events');
  const first = page.locator('.event-row').first();
  await first.getByText(victim.title).waitFor();

  await first.getByRole('button', { name: `删除「${victim.title}」` }).click();
  await page.getByText(`${events.length - 1} 条记录`).waitFor();
  expect((await apiCall(server.url, 'events.list', {})).some((e) => e.id === victim.id)).toBe(false);
  const toast = page.getByRole('status').filter({ hasText: `已删除活动「${victim.title}」` });
  await screenshot(page, 'flows-event-deleted');
  await toast.getByRole('button', { name: '撤销' }).click();

  await page.getByText(`${events.length} 条记录`).waitFor();
  await until('event back', async () => ((await apiCall(server.url, 'events.list', {})).some((e) => e.id === victim.id) ? true : undefined));
  await page.getByRole('button', { name: `删除「${victim.title}」` }).first().waitFor();
});

test('choosing a file in the library keeps the search and the focus', async () => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '佐证材料' }).click();
  await page.getByRole('heading', { level: 1, name: '佐证材料' }).waitFor();
  const search = page.getByRole('searchbox', { name: '搜索文件名或说明…' });
  await search.fill('.pdf');
  const tiles = page.locator('button.tile');
  await until('several pdf files', async () => ((await tiles.count()) > 3 ? true : undefined));
  const tile = tiles.nth(3);
  await tile.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('complementary', { name: '文件详情' }).waitFor();
  expect(await tile.getAttribute('aria-pressed')).toBe('true');
  expect(await tile.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await search.inputValue()).toBe('.pdf');
  await page.getByRole('complementary', { name: '文件详情' }).getByRole('button', { name: '关闭' }).click();
  await page.getByRole('complementary', { name: '文件详情' }).waitFor({ state: 'hidden' });
  await search.fill('');
});

describe('after an export', () => {
  let out: string;
  afterAll(() => out && rmSync(out, { recursive: true, force: true }));

  test('the item is read-only, and a new version can be started and edited while the frozen one stays', async () => {
    const { assessment, summary, items } = await current();
    const met = (code: string) => summary.items.find((s) => s.itemCode === code && s.status === 'met' && s.evidenceCount > 0);
    const item = items.find((i) => i.type === 'yes_no' && met(i.code));
    if (!item) throw new Error('no met yes/no item with files');
    const answersBefore = await apiCall(server.url, 'answers.list', { assessmentId: assessment.id });
    const answerBefore = answersBefore.find((a) => a.itemCode === item.code);
    const linkedFiles = (await apiCall(server.url, 'evidence.list', {})).filter((f) => f.links.some((l) => l.assessmentId === assessment.id && l.itemCode === item.code));
    expect(answerBefore?.value).toEqual({ type: 'yes_no', value: true });

    // Export through the API, as the Keys & export page does; the package is signed with the school key.
    if (!(await apiCall(server.url, 'keys.info', {})).exists) await apiCall(server.url, 'keys.create', {});
    out = mkdtempSync(join(tmpdir(), 'selfcheck-flows-out-'));
    const { jobId } = await apiCall(server.url, 'export.start', { dir: out, fileName: 'report.zip', assessmentId: assessment.id });
    const job = await until('export done', async () => {
      const j = await apiCall(server.url, 'jobs.get', { id: jobId });
      return j.state === 'running' ? undefined : j;
    }, 60_000);
    expect(job.state).toBe('done');
    const frozen = await apiCall(server.url, 'assessments.get', { id: assessment.id });
    expect(frozen.frozenAt).not.toBeNull();

    // The page learns of the freeze when it loads the assessments again.
    await page.reload();
    await page.locator('.topbar').waitFor();
    await openItem(item.code);
    const banner = page.getByTestId('frozen-banner');
    await banner.getByText(/已于 .+ 导出上报并冻结，只能查看/).waitFor();
    expect(await page.getByRole('radio', { name: '是', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('备注').isDisabled()).toBe(true);
    expect(await page.getByLabel('添加文件').count()).toBe(0);
    expect(await page.getByRole('button', { name: '从材料库关联…' }).count()).toBe(0);
    await screenshot(page, 'flows-frozen-item');

    // Start version 2: it is selected, carries the answer, and takes a change.
    await banner.getByRole('button', { name: `新建第 ${frozen.version + 1} 版继续修改` }).click();
    await page.getByText(`已新建第 ${frozen.version + 1} 版，可以继续修改。`).waitFor();
    const list = await apiCall(server.url, 'assessments.list', {});
    const next = list.find((a) => a.replacesId === assessment.id);
    if (!next) throw new Error('no assessment replaces the frozen one');
    expect(next.version).toBe(frozen.version + 1);
    expect(next.frozenAt).toBeNull();
    await until('the new version selected', async () => ((await page.locator('.topbar select').inputValue()) === next.id ? true : undefined));
    await expect(page.locator('.topbar select option:checked').textContent()).resolves.toContain(`第 ${next.version} 版`);
    expect(await page.getByTestId('frozen-banner').count()).toBe(0);
    expect(linkedFiles.length).toBeGreaterThan(0);
    await until('the files linked in the new version too', async () => ((await page.locator('.evidence-card').count()) === linkedFiles.length ? true : undefined));
    const no = page.getByRole('radio', { name: '否', exact: true });
    expect(await page.getByRole('radio', { name: '是', exact: true }).isChecked()).toBe(true);
    await no.check();
    await until('the change saved in the new version', async () => {
      const answers = await apiCall(server.url, 'answers.list', { assessmentId: next.id });
      return JSON.stringify(answers.find((a) => a.itemCode === item.code)?.value) === JSON.stringify({ type: 'yes_no', value: false }) ? true : undefined;
    });
    await screenshot(page, 'flows-new-version');

    // The exported version is as it was.
    const answersAfter = await apiCall(server.url, 'answers.list', { assessmentId: assessment.id });
    expect(answersAfter).toEqual(answersBefore);
    expect((await apiCall(server.url, 'assessments.get', { id: assessment.id })).frozenAt).toBe(frozen.frozenAt);

    // Back on the frozen version, the banner leads to the newer one instead of making a third.
    await page.locator('.topbar select').selectOption(assessment.id);
    await page.getByTestId('frozen-banner').getByRole('button', { name: `打开第 ${next.version} 版` }).click();
    await until('the newer version selected', async () => ((await page.locator('.topbar select').inputValue()) === next.id ? true : undefined));
    expect(await page.getByTestId('frozen-banner').count()).toBe(0);
    expect((await apiCall(server.url, 'assessments.list', {})).length).toBe(list.length);
  });
});
