// The outbox page in Debian's Chromium against the real web-mode back end and a
// real bureau server process: a package exported before connecting waits in the
// outbox; a wrong bureau key is refused with a clear message and stores nothing;
// connecting shows the fingerprint; "send now" brings the receipt.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { CLI, tempDataDir } from './server';
import { browserSuite } from './suite';
import { makeExportFixture } from '../package/helpers/exportFixture';
import { ServerProcess, BIN } from '../sync/serverProcess';

jest.setTimeout(240_000);

const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const run = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 120_000 });

let bureauDir = '';
let work = '';
let bureau: ServerProcess;
let bureauKey = '';
let bagId = '';
const suite = browserSuite({
  dataDir: async () => {
    const fx = await makeExportFixture();
    fx.tc.core.close();
    work = tempDataDir('selfcheck-e2e-outbox-');
    bureauDir = join(work, 'bureau');
    const schoolKey = /public key:\s+(RW\S+)/.exec(run([CLI, 'keys', '--data-dir', fx.tc.dir]).stdout)?.[1] as string;
    const exp = run([CLI, 'export', '--data-dir', fx.tc.dir, '--out', join(work, 'p.zip')]);
    bagId = /bag=(\S+)/.exec(exp.stdout)?.[1] as string;
    bureauKey = /bureau public key:\s+(RW\S+)/.exec(run([BIN, 'server', 'init', '--data-dir', bureauDir, '--name', 'Test County']).stdout)?.[1] as string;
    run([BIN, 'server', 'enrol', '--data-dir', bureauDir, '--school', '1430000001', '--key', schoolKey]);
    bureau = new ServerProcess(bureauDir);
    await bureau.start();
    return fx.tc.dir;
  },
  cleanup: () => {
    void bureau?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  },
});
let page: Page;
beforeAll(() => {
  ({ page } = suite);
});

test('the exported package waits in the outbox; a wrong bureau key is refused', async () => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '发送与回执' }).click();
  await page.getByRole('heading', { level: 1, name: '发送到教育局' }).waitFor();
  const row = page.locator(`tr[data-bag="${bagId}"]`);
  await row.getByText('等待发送').waitFor();
  expect(await page.getByRole('button', { name: '立即发送' }).isDisabled()).toBe(true);

  const otherKey = `RW${'A'.repeat(54)}`;
  await page.getByRole('textbox', { name: '服务器地址' }).fill(`http://127.0.0.1:${bureau.port}`);
  await page.getByRole('textbox', { name: '教育局公钥（RW 开头）' }).fill(otherKey);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await page.getByRole('alert').getByText('服务器的公钥与教育局给的不一致').waitFor();
  expect(await page.getByTestId('sync-connected').count()).toBe(0);
});

test('connect shows the fingerprint; send now brings the receipt', async () => {
  await page.getByRole('textbox', { name: '教育局公钥（RW 开头）' }).fill(bureauKey);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  const connected = page.getByTestId('sync-connected');
  await connected.getByText('已连接到“Test County”').waitFor();
  expect(await connected.textContent()).toMatch(/教育局公钥指纹：([0-9A-F]{4} ){15}[0-9A-F]{4}/);
  await page.getByRole('button', { name: '立即发送' }).click();
  const row = page.locator(`tr[data-bag="${bagId}"][data-state="received"]`);
  await row.waitFor({ timeout: 120_000 });
  expect(await row.textContent()).toContain('教育局已收到（回执第 1 号');
  await row.getByRole('button', { name: '下载回执' }).waitFor();
  await screenshot(page, 'outbox-received');
});
