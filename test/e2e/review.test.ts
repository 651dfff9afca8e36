// The 整改 page in Debian's Chromium against the real web-mode back end: a
// review signed by the bureau key, imported from a stick with
// `selfcheck review import`, shows its opinion, deadline and per item the
// inspector's finding beside the school's answer; the principal fills a point
// (kept across a reload), makes the rectification version and exports it with
// the ordinary export; the package's report.json carries the rectification
// block, `selfcheck verify` accepts it, and it waits in the outbox.
// (The same loop over a bureau server process: test/server/reviews.test.ts.)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateSecretKey, publicKeyLine } from '../../bag/minisign';
import { documentHash, signDocument } from '../../bag/receipt';
import { ReportJson } from '../../shared/report/schema';
import type { ReviewBody } from '../../shared/sync/protocol';
import { makeExportFixture } from '../package/helpers/exportFixture';
import { axeViolations, describe as describeViolations } from './axe';
import { screenshot, WINDOW } from './browser';
import { CLI, tempDataDir } from './server';
import { browserSuite, dashboardShown } from './suite';

jest.setTimeout(240_000);

const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 120_000 });

let work = '';
let dataDir = '';
let reviewJson = '';
const out = () => join(work, 'out');
const suite = browserSuite({
  dataDir: async () => {
    const fx = await makeExportFixture();
    fx.tc.core.close();
    dataDir = fx.tc.dir;
    work = tempDataDir('selfcheck-e2e-review-');
    mkdirSync(out());
    const pkg = join(work, 'first.zip');
    const exp = run(['export', '--data-dir', dataDir, '--out', pkg]);
    if (exp.status !== 0) throw new Error(exp.stderr);
    const bagId = /bag=(\S+)/.exec(exp.stdout)?.[1] as string;
    const bureau = generateSecretKey();
    const body: ReviewBody = {
      format: 'selfcheck-review',
      version: 1,
      kind: 'review',
      server: '测试县教育局',
      seq: 2,
      prev: null,
      id: 'rv-e2e0001',
      campaign: '2024–2025 学年督导评估',
      school: '1430000001',
      bag: bagId,
      sha512: createHash('sha512').update(readFileSync(pkg)).digest('hex'),
      reviewer: '督学王',
      published: '2026-12-01T08:00:00.000Z',
      opinion: '总体良好；安全应急预案须在期限内完成演练检验。',
      deadline: '2026-12-31',
      total: null,
      level: null,
      points: [
        { code: 'SAF-01', score: null, status: 'partly_met', comment: '预案未经演练检验', rectify: true },
        { code: 'EDU-02', score: null, status: 'met', comment: '课程开齐开足', rectify: false },
      ],
    };
    const doc = signDocument(body, bureau);
    reviewJson = doc.json;
    const file = join(work, 'review-rv-e2e0001.json');
    writeFileSync(file, doc.json);
    writeFileSync(file + '.minisig', doc.minisig);
    const imp = run(['review', 'import', '--data-dir', dataDir, '--bureau-key', publicKeyLine(bureau), file]);
    if (imp.status !== 0) throw new Error(imp.stdout + imp.stderr);
    return dataDir;
  },
  ready: dashboardShown,
  cleanup: () => {
    if (work) rmSync(work, { recursive: true, force: true });
  },
});
let page: Page;
beforeAll(() => {
  ({ page } = suite);
});

const nav = (name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();

test('the 整改 page shows the review beside the school’s own answers', async () => {
  await nav('整改');
  await page.getByRole('heading', { level: 1, name: '督导意见与整改' }).waitFor();
  await page.getByTestId('review-opinion').getByText('安全应急预案须在期限内完成演练检验').waitFor();
  expect(await page.getByTestId('review-deadline').textContent()).toContain('2026');
  const row = page.getByTestId('review-point-SAF-01');
  expect(await row.textContent()).toContain('预案未经演练检验');
  expect(await row.textContent()).toContain('需整改');
  expect(await row.locator('[data-status="partly_met"]').count()).toBe(1); // the inspector's finding
  expect(await page.getByTestId('review-point-EDU-02').textContent()).toContain('课程开齐开足');
  expect(await page.getByTestId('rectify-EDU-02').count()).toBe(0); // not to be rectified: no form
  await screenshot(page, 'review-page');
});

test('a point is recorded and kept across a reload', async () => {
  const form = page.getByTestId('rectify-SAF-01');
  await form.getByRole('textbox', { name: '整改措施' }).fill('组织全体师生应急疏散演练，并据此修订预案');
  await form.getByRole('textbox', { name: '责任人' }).fill('王副校长');
  await form.getByLabel('完成期限').fill('2026-12-20');
  await form.getByRole('radio', { name: '已完成' }).check();
  await form.getByRole('checkbox', { name: /drill\.jpg/ }).check();
  await page.getByTestId('rectify-state-SAF-01').getByText('已保存').waitFor();
  await screenshot(page, 'review-rectification');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '督导意见与整改' }).waitFor();
  const again = page.getByTestId('rectify-SAF-01');
  await again.getByRole('textbox', { name: '整改措施' }).and(page.locator('textarea')).waitFor();
  expect(await again.getByRole('textbox', { name: '整改措施' }).inputValue()).toBe('组织全体师生应急疏散演练，并据此修订预案');
  expect(await again.getByRole('textbox', { name: '责任人' }).inputValue()).toBe('王副校长');
  expect(await again.getByRole('radio', { name: '已完成' }).isChecked()).toBe(true);
  expect(await again.getByRole('checkbox', { name: /drill\.jpg/ }).isChecked()).toBe(true);
});

test('the 整改 page has no serious or critical accessibility violation, in Chinese and in English', async () => {
  // axe is injected by the test, so it runs in a context that bypasses the page's CSP (as test/e2e/axe.test.ts does).
  const context = await suite.browser.newContext({ bypassCSP: true, viewport: WINDOW, locale: 'zh-CN' });
  const p = await context.newPage();
  await p.goto(suite.server.url);
  await p.evaluate(() => (window.location.hash = '#/review'));
  await p.getByRole('heading', { level: 1, name: '督导意见与整改' }).waitFor();
  await p.getByTestId('rectify-SAF-01').waitFor();
  const problems = describeViolations('zh-CN 整改', await axeViolations(p));
  await p.getByRole('button', { name: 'English' }).click();
  await p.getByRole('heading', { level: 1, name: 'Review and rectification' }).waitFor();
  problems.push(...describeViolations('en rectification', await axeViolations(p)));
  await p.getByRole('button', { name: '中文' }).click();
  await p.getByRole('heading', { level: 1, name: '督导意见与整改' }).waitFor();
  await context.close();
  expect(problems).toEqual([]);
});

test('the checklist item page shows the review beside the item', async () => {
  await page.goto(`${suite.server.origin}/#/item/SAF-01`);
  const beside = page.getByTestId('review-beside');
  await beside.getByText('预案未经演练检验').waitFor();
  await beside.getByRole('link', { name: '查看整改' }).click();
  await page.getByRole('heading', { level: 1, name: '督导意见与整改' }).waitFor();
});

test('the rectification package is exported through the ordinary export, verifies, and waits in the outbox', async () => {
  await page.getByRole('button', { name: '准备整改报告' }).click();
  await page.getByText('已准备第 2 版').waitFor();
  await page.getByRole('radio', { name: '其他文件夹（完整路径）' }).check();
  await page.getByRole('textbox', { name: '其他文件夹（完整路径）' }).fill(out());
  await page.getByRole('textbox', { name: '文件名' }).fill('整改报告.zip');
  await page.getByRole('button', { name: '开始导出' }).click();
  const check = page.getByRole('dialog', { name: '导出前检查' });
  if (await check.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
    await check.getByRole('checkbox', { name: '我已了解：导出后本版本将被冻结' }).check();
    await check.getByRole('button', { name: '冻结并导出' }).click();
  }
  await page.getByText('导出完成并已通过校验').waitFor({ timeout: 60_000 });
  expect(readdirSync(out())).toEqual(['整改报告.zip']);
  const zip = join(out(), '整改报告.zip');
  const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' });
  const reportPath = listing.split('\n').find((l) => l.endsWith('/data/report.json')) as string;
  const report = ReportJson.parse(JSON.parse(execFileSync('unzip', ['-p', zip, reportPath], { encoding: 'utf8' })));
  expect(report.assessment.version).toBe(2);
  expect(report.rectification).toMatchObject({ review: 'rv-e2e0001', reviewSha512: documentHash(reviewJson) });
  expect(report.rectification?.items).toEqual([
    expect.objectContaining({ code: 'SAF-01', measures: '组织全体师生应急疏散演练，并据此修订预案', responsible: '王副校长', deadline: '2026-12-20', status: 'done', evidence: [expect.objectContaining({ originalName: 'drill.jpg' })] }),
  ]);
  const verify = run(['verify', zip, '--data-dir', dataDir]);
  expect(verify.status).toBe(0);
  // The app holds its data folder while it runs: the outbox page shows the package waiting.
  await nav('发送与回执');
  await page.locator(`tr[data-bag="${report.bagId}"]`).getByText('等待发送').waitFor();
});
