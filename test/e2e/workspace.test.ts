// The bureau's workspace in Debian's Chromium against a real server process
// (`selfcheck server serve`) on SQLite: accounts made with `server user add`,
// a campaign and its roster made through the page, a school's package sent
// through the sync API the app uses, then every page visited as each role,
// checking what each role sees (and does not). Then a demo county
// (`selfcheck server demo`) for the pictures in docs/screenshots/: the
// completeness page, a school's review with rectifications, analytics.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoPng } from '../../server/demo/png';
import type { ReportJson } from '../../shared/report/schema';
import { SCHOOL_CODE } from '../package/helpers/samplePackage';
import { setupBureau, type Bureau } from '../server/helpers/bureau';
import { login as schoolLogin, submit, upload, uploadIdOf } from '../server/helpers/client';
import { startServer, type ServerProcess } from '../server/helpers/serverProcess';
import { axeViolations, describe as describeViolations } from './axe';
import { launchBrowser, screenshot } from './browser';
import { REPO } from './server';

const BIN = join(REPO, 'bin', 'selfcheck.js');
const PASSWORD = 'correct-horse-42';
const DOCS = join(REPO, 'docs', 'screenshots');

/** `selfcheck server user add`, the password on stdin as a script would give it. */
function addUser(b: Bureau, name: string, role: string, extra: string[] = []): void {
  const r = spawnSync(process.execPath, [BIN, 'server', 'user', 'add', '--data-dir', b.dataDir, '--name', name, '--role', role, ...extra], {
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
    env: { ...process.env, ...b.env },
  });
  if (r.status !== 0) throw new Error(`user add ${name}: ${r.stderr}`);
}

/** A v2 report with three aspects, scores, a key item not met, a photo and a confidential item. */
function richer(r: ReportJson): void {
  const fig = (met: number, partly: number, notMet: number) => ({ total: met + partly + notMet, answered: met + partly + notMet, met, partlyMet: partly, notMet, notApplicable: 0, progress: 1, compliance: (met + partly / 2) / (met + partly + notMet) });
  const base = r.items[0];
  if (!base) throw new Error('sample report without items');
  for (const f of base.evidence) if (f.originalName.endsWith('.png')) Object.assign(f, { mime: 'image/png', caption: '消防演练现场' });
  base.evidence = base.evidence.filter((f) => f.originalName.endsWith('.png') || f.originalName.endsWith('.txt'));
  base.evidenceCount = base.evidence.length;
  const item = (code: string, areaCode: string, title: string, status: ReportJson['items'][number]['status'], valueText: string, key = false): ReportJson['items'][number] => ({
    code,
    areaCode,
    title,
    type: 'yes_no',
    status,
    key,
    confidential: false,
    reasons: status === 'met' ? [] : [{ key: 'reason.x', params: {}, text: status === 'not_met' ? '未达到要求' : '部分达到要求' }],
    value: { type: 'yes_no', value: status === 'met' },
    valueText,
    note: status === 'not_met' ? '本学期计划整改' : '',
    evidenceCount: 0,
    evidenceRequired: 0,
    evidence: [],
  });
  r.formatVersion = 2;
  r.items.push(item('TEA-01', 'TEA', '开齐开足国家课程', 'met', '是'), item('TEA-02', 'TEA', '作业总量控制', 'partly_met', '部分'), item('HEA-01', 'HEA', '食堂食品安全管理', 'not_met', '否', true), item('HEA-02', 'HEA', '学生体质健康测试', 'met', '是'));
  r.areas = [
    { ...fig(1, 1, 0), areaCode: 'SAF', title: '安全' },
    { ...fig(1, 1, 0), areaCode: 'TEA', title: '教育教学' },
    { ...fig(1, 0, 1), areaCode: 'HEA', title: '卫生健康' },
  ];
  r.overall = fig(3, 2, 1);
  r.failedKeyItems = ['HEA-01'];
  const pts = [
    ['SAF-01', 15, 15],
    ['SAF-02', 15, 9],
    ['TEA-01', 20, 20],
    ['TEA-02', 20, 12],
    ['HEA-01', 15, 0],
    ['HEA-02', 15, 15],
  ] as const;
  r.score = {
    total: 71,
    max: 100,
    level: 'fail',
    scoreLevel: 'pass',
    vetoFailed: ['HEA-01'],
    unanswered: [],
    aspects: [
      { areaCode: 'SAF', title: '安全', max: 30, self: 24, lost: 6, review: null },
      { areaCode: 'TEA', title: '教育教学', max: 40, self: 32, lost: 8, review: null },
      { areaCode: 'HEA', title: '卫生健康', max: 30, self: 15, lost: 15, review: null },
    ],
    points: pts.map(([code, max, self]) => ({ code, max, computed: self, self, adjustment: null, review: null })),
    review: null,
  };
}

describe('the bureau workspace in the browser', () => {
  let b: Bureau;
  let server: ServerProcess;
  let origin: string;
  let browser: Browser;
  const errors: string[] = [];
  let campaignId = '';
  const pages: Page[] = [];

  beforeAll(async () => {
    b = await setupBureau('sqlite');
    addUser(b, 'admin1', 'admin');
    addUser(b, '督学王', 'reviewer');
    addUser(b, 'viewer1', 'viewer');
    server = await startServer(b.dataDir, [], b.env);
    origin = new URL(server.url).origin;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    b?.cleanup();
  }, 60_000);

  afterEach(async () => {
    // What the page showed when a step failed (the test's own pages close themselves on success).
    for (const p of pages.splice(0)) if (!p.isClosed()) console.log(`page left open at ${p.url()}:\n${await p.locator('body').innerText()}`);
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The page's own failed fetches (a 401 before login, a 404 for "no review yet") are answers, not faults.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    page.setDefaultTimeout(10_000);
    pages.push(page);
    await page.goto(origin + path);
    return page;
  }

  async function logIn(page: Page, name: string, password = PASSWORD): Promise<void> {
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  async function sendSchoolPackage(): Promise<void> {
    const token = await schoolLogin(server.url, SCHOOL_CODE, b.school);
    const pkg = await b.makePackage({ extraEvidence: [{ name: 'drill.png', bytes: demoPng(320, 240, [70, 130, 180]) }], mutateReport: richer });
    const up = await upload(server.url, token, pkg.zipPath, pkg.sha512);
    const r = await submit(server.url, token, uploadIdOf(up.url), pkg.sha512);
    expect(r.body.outcome).toBe('received');
  }

  test('the page is served with a strict CSP; unknown files are 404; page routes get index.html', async () => {
    const res = await fetch(`${origin}/bureau/campaigns/x/schools/y`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('/bureau/app.js');
    const js = await fetch(`${origin}/bureau/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const again = await fetch(`${origin}/bureau/app.js`, { headers: { 'if-none-match': js.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${origin}/bureau/nope.js`)).status).toBe(404);
    expect((await fetch(`${origin}/bureau/api/me`)).status).toBe(401);
  });

  test('log in: a wrong password shows the server’s message; an administrator creates a campaign and uploads its roster', async () => {
    const page = await open('/bureau/');
    await page.waitForURL(/\/bureau\/login\?next=/);
    await logIn(page, 'admin1', 'wrong-password-1');
    await expect(page.getByTestId('login-error').textContent()).resolves.toBeTruthy();
    await logIn(page, 'admin1');
    await page.getByRole('heading', { name: '督导任务', exact: true }).waitFor();
    expect(await page.getByTestId('who').textContent()).toBe('admin1（管理员）');
    await page.getByText('还没有督导任务——在下面新建一个。').waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['督导任务', '用户', '审计日志']);

    await page.getByLabel('任务名称').fill('2024—2025 学年学校自评');
    await page.getByLabel('检查清单（编号@版本）').fill('hunan-school-selfcheck@1.0.0');
    await page.getByLabel('截止日期').fill('2030-06-30');
    await page.getByRole('button', { name: '新建' }).click();
    await page.getByTestId('campaigns').getByRole('link', { name: '2024—2025 学年学校自评' }).waitFor();

    const roster = join(b.dir, 'roster.csv');
    writeFileSync(
      roster,
      ['学校标识码,学校名称,学校类型,所属县区', `${SCHOOL_CODE},测试小学,小学,吉首市`, '1430000011,乾州小学,小学,吉首市', '1430000012,矮寨中学,初级中学,吉首市', '1430000013,凤凰县第一中学,高级中学,凤凰县', '1430000014,沱江幼儿园,幼儿园,凤凰县', '1430000015,浦市小学,小学,泸溪县', ',没有代码的学校,小学,泸溪县'].join('\n') + '\n',
    );
    await page.getByLabel('名单文件（XLSX 或 CSV）').setInputFiles(roster);
    await page.getByRole('button', { name: '上传名单' }).click();
    const result = page.getByTestId('roster-result');
    await result.getByText('已导入 6 所学校。').waitFor();
    expect(await result.getByText(/第 8 行/).count()).toBe(1);
    const row = page.getByTestId('campaigns').getByRole('row', { name: /2024—2025/ });
    await row.getByRole('cell', { name: '6', exact: true }).first().waitFor();
    const href = await page.getByTestId('campaigns').getByRole('link', { name: '2024—2025 学年学校自评' }).getAttribute('href');
    campaignId = decodeURIComponent(href?.split('/').pop() ?? '');
    expect(campaignId).not.toBe('');
    await page.close();
  });

  test('completeness changes as the package arrives; filters and the county chart; the exports answer XLSX', async () => {
    const page = await open(`/bureau/campaigns/${encodeURIComponent(campaignId)}`);
    await logIn(page, 'admin1');
    await page.getByRole('heading', { level: 1, name: /完成情况/ }).waitFor();
    await page.getByText('还没有学校提交。').waitFor();
    await sendSchoolPackage();
    await page.reload();
    const overall = page.getByTestId('overall');
    await overall.waitFor();
    expect(await overall.locator('.ws-stat').allInnerTexts()).toEqual(['应交\n6', '已交\n1', '按时\n1', '逾期\n0', '被拒\n0', '未交\n5']);
    expect(await page.getByRole('img', { name: '各县（区）完成情况' }).locator('text.ws-chart-label').allTextContents()).toEqual(expect.arrayContaining(['吉首市', '凤凰县', '泸溪县']));
    const table = page.getByTestId('schools');
    expect(await table.locator('tbody tr').count()).toBe(6);
    await page.getByLabel('县（区）', { exact: true }).selectOption('凤凰县');
    expect(await table.locator('tbody tr').count()).toBe(2);
    await page.getByLabel('县（区）', { exact: true }).selectOption('');
    await page.getByLabel('提交状态', { exact: true }).selectOption('on_time');
    expect(await table.locator('tbody th').allTextContents()).toEqual(['测试小学']);
    await page.getByLabel('提交状态', { exact: true }).selectOption('');
    await page.getByLabel('搜索名称或标识码', { exact: true }).fill('矮寨');
    expect(await table.locator('tbody th').allTextContents()).toEqual(['矮寨中学']);
    await page.getByLabel('搜索名称或标识码', { exact: true }).fill('');
    await page.getByLabel('搜索名称或标识码', { exact: true }).blur();
    await screenshot(page, 'workspace-completeness');

    for (const link of ['导出未交名单（XLSX）', '导出全部（XLSX）']) {
      const url = await page.getByRole('link', { name: link }).getAttribute('href');
      const res = await page.request.get(origin + (url ?? ''));
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/spreadsheetml/);
    }
    await page.close();
  });

  test('a reviewer sees the report as the school made it, saves a draft, publishes after the confirmation; then closes a point', async () => {
    const page = await open(`/bureau/campaigns/${encodeURIComponent(campaignId)}/schools/${SCHOOL_CODE}`);
    await page.waitForURL(/\/bureau\/login/);
    await logIn(page, '督学王');
    await page.getByRole('heading', { name: '测试小学' }).waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['督导任务']);
    expect(await page.getByTestId('versions').locator('tbody tr').count()).toBe(1);
    await page.getByText('消防演练', { exact: true }).waitFor();
    expect(await page.locator('[data-code="SAF-02"]').innerText()).toContain('保密项：只显示状态');
    const img = page.getByRole('img', { name: '消防演练现场' });
    await img.waitFor();
    await img.scrollIntoViewIfNeeded();
    // The thumbnail is the evidence file itself, fetched from the package through the API (lazily).
    await page.waitForFunction((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(320);
    expect(await page.getByTestId('score').innerText()).toContain('71');

    await page.getByRole('link', { name: '复核', exact: true }).click();
    await page.getByRole('heading', { name: '复核', exact: true }).waitFor();
    await page.getByLabel('HEA-01 复核结论').selectOption('not_met');
    await page.getByLabel('HEA-01 复核分（满分 15）').fill('0');
    await page.getByLabel('HEA-01 意见').fill('食堂台账不全');
    await page.getByLabel('HEA-01 须整改').check();
    await page.getByLabel('TEA-02 复核结论').selectOption('partly_met');
    await page.getByLabel('TEA-02 复核分（满分 20）').fill('10');
    await page.getByLabel('督导意见').fill('总体较好；食堂管理须限期整改。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText(/草稿已保存|草稿，督学王/).first().waitFor();
    await page.reload();
    expect(await page.getByLabel('HEA-01 意见').inputValue()).toBe('食堂台账不全');
    expect(await page.getByLabel('HEA-01 须整改').isChecked()).toBe(true);
    await screenshot(page, 'workspace-review');

    await page.getByRole('button', { name: '发布' }).click();
    const dialog = page.getByRole('dialog', { name: '发布复核？' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('发布后不能再修改');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '发布' }).click();
    await dialog.getByRole('button', { name: '签名并发布' }).click();
    await page.getByTestId('published').waitFor();
    const point = page.locator('li[data-code="HEA-01"]');
    expect(await point.innerText()).toContain('待整改');
    await point.getByLabel('HEA-01 核查意见').fill('已现场核查');
    await point.getByRole('button', { name: '销号' }).click();
    await point.getByText('已销号').waitFor();
    await page.close();
  });

  test('a viewer reads everything in scope but edits nothing; the administrators’ pages are not for them', async () => {
    const page = await open('/bureau/');
    await logIn(page, 'viewer1');
    await page.getByRole('heading', { name: '督导任务', exact: true }).waitFor();
    expect(await page.getByTestId('who').textContent()).toBe('viewer1（只读）');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['督导任务']);
    expect(await page.getByRole('heading', { name: '新建督导任务' }).count()).toBe(0);
    await page.getByTestId('campaigns').getByRole('link').first().click();
    await page.getByTestId('schools').getByRole('link', { name: '测试小学' }).click();
    await page.getByRole('link', { name: '复核', exact: true }).click();
    await page.getByTestId('published').waitFor();
    expect(await page.getByRole('button', { name: '销号' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    await page.goto(`${origin}/bureau/users`);
    await page.getByText('你的角色不能查看此页面。').waitFor();
    await page.close();
  });

  test('analytics: shares per aspect and point, the histogram, levels, key items failed linking to the school', async () => {
    const page = await open(`/bureau/campaigns/${encodeURIComponent(campaignId)}/analytics`);
    await logIn(page, 'admin1');
    await page.getByRole('heading', { name: '统计', exact: true }).waitFor();
    await page.getByTestId('analytics-schools').waitFor();
    await page.getByRole('heading', { name: '各方面达标情况' }).waitFor();
    await page.getByRole('heading', { name: '自评总分分布' }).waitFor();
    await screenshot(page, 'workspace-analytics');
    await page.getByRole('region', { name: '一票否决项未达标' }).getByRole('link', { name: '测试小学' }).click();
    await page.getByRole('heading', { level: 1, name: '测试小学' }).waitFor();
    await page.goBack();
    await page.getByLabel('县（区）', { exact: true }).selectOption('凤凰县');
    await page.waitForURL(/county=/);
    await page.getByText('还没有学校提交，暂无统计。').waitFor();
    await page.close();
  });

  test('administrator: users (and adding one), the audit log; logging out and a lost session go to login and come back', async () => {
    const page = await open('/bureau/users');
    await logIn(page, 'admin1');
    await page.waitForURL(/\/bureau\/users$/);
    const users = page.getByTestId('users');
    await users.waitFor();
    expect(await users.locator('tbody th').allTextContents()).toEqual(expect.arrayContaining(['admin1', '督学王', 'viewer1']));
    await page.getByLabel('用户名').fill('督学李');
    await page.getByLabel('角色').selectOption('reviewer');
    await page.getByLabel('初始密码（至少 10 个字符）').fill('another-pass-99');
    await page.getByLabel('可查看的县（区）（逗号分隔，留空 = 全部）').fill('凤凰县');
    await page.getByRole('button', { name: '添加' }).click();
    await users.locator('tbody th', { hasText: '督学李' }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
    const audit = page.getByTestId('audit');
    await audit.waitFor();
    expect(await audit.locator('tbody tr').count()).toBeGreaterThan(3);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
    await page.goto(`${origin}/bureau/audit`);
    await page.waitForURL(/\/bureau\/login\?next=%2Fbureau%2Faudit/);
    await logIn(page, 'admin1');
    await page.waitForURL(/\/bureau\/audit$/);
    await page.getByTestId('audit').waitFor();

    // The session ends on the server (here: its cookie is dropped); the next call sends the page to login and back.
    await page.context().clearCookies();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户' }).click();
    await page.waitForURL(/\/bureau\/login\?next=%2Fbureau%2Fusers&expired=1/);
    await page.getByText('登录已过期，请重新登录。').waitFor();
    await logIn(page, 'admin1');
    await page.waitForURL(/\/bureau\/users$/);
    await page.close();
  });

  test('accessibility: axe finds no serious or critical violation on any page', async () => {
    // axe is injected as a script, which the page's CSP (rightly) refuses; this one context bypasses it.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${origin}/bureau/`);
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
    const found: string[] = describeViolations('login', await axeViolations(page));
    await logIn(page, 'admin1');
    await page.getByTestId('who').waitFor();
    const c = encodeURIComponent(campaignId);
    const visits: [string, string, () => Promise<unknown>][] = [
      ['campaigns', '/bureau/', () => page.getByTestId('campaigns').waitFor()],
      ['completeness', `/bureau/campaigns/${c}`, () => page.getByTestId('schools').waitFor()],
      ['school', `/bureau/campaigns/${c}/schools/${SCHOOL_CODE}`, () => page.getByTestId('score').waitFor()],
      ['review', `/bureau/campaigns/${c}/schools/${SCHOOL_CODE}?tab=review`, () => page.getByTestId('published').waitFor()],
      ['analytics', `/bureau/campaigns/${c}/analytics`, () => page.getByTestId('analytics-schools').waitFor()],
      ['users', '/bureau/users', () => page.getByTestId('users').waitFor()],
      ['audit', '/bureau/audit', () => page.getByTestId('audit').waitFor()],
    ];
    for (const [name, path, ready] of visits) {
      await page.goto(origin + path);
      await ready();
      found.push(...describeViolations(name, await axeViolations(page)));
    }
    await context.close();
    expect(found).toEqual([]);
  });

  test('English: the language switch changes the workspace’s texts', async () => {
    const page = await open('/bureau/');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('User name').fill('admin1');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    expect(await page.getByTestId('who').textContent()).toBe('admin1 (Administrator)');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.close();
  });
});

describe('the workspace on a demo county (pictures for the docs)', () => {
  let dir: string;
  let server: ServerProcess;
  let origin: string;
  let browser: Browser;
  const accounts = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'selfcheck-workspace-demo-'));
    const r = spawnSync(process.execPath, [BIN, 'server', 'demo', '--data-dir', join(dir, 'b'), '--schools', '60'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`server demo: ${r.stderr}`);
    for (const m of r.stdout.matchAll(/^\s+(admin|reviewer|viewer)\s+(\S+)\s+(\S+)$/gm)) accounts.set(m[2] ?? '', m[3] ?? '');
    server = await startServer(join(dir, 'b'));
    origin = new URL(server.url).origin;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('completeness, a reviewed school with its rectifications, analytics', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(10_000);
    await page.goto(`${origin}/bureau/`);
    await page.getByLabel('用户名').fill('duxue');
    await page.getByLabel('密码').fill(accounts.get('duxue') ?? '');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('campaigns').getByRole('link').first().click();
    const table = page.getByTestId('schools');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(60);
    await page.screenshot({ path: join(DOCS, 'workspace-completeness.png') });

    // A school whose published review the school has answered: points waiting for the check.
    await page.getByLabel('复核状态', { exact: true }).selectOption('published');
    const answered = table.locator('tbody tr', { hasText: /待核 [1-9]/ }).first();
    await answered.getByRole('link').click();
    await page.getByRole('link', { name: '复核', exact: true }).click();
    await page.getByTestId('published').waitFor();
    await page.getByText('学校已整改，待核查').first().waitFor();
    await page.getByRole('heading', { name: '整改情况' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.screenshot({ path: join(DOCS, 'workspace-review.png') });

    await page.goBack();
    await page.goBack();
    await page.getByRole('link', { name: '统计', exact: true }).click();
    await page.getByTestId('analytics-schools').waitFor();
    await page.screenshot({ path: join(DOCS, 'workspace-analytics.png') });
    await page.close();
  });
});
