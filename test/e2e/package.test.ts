// Keys and export in Debian's Chromium against the real web-mode back end:
// make the school key in Settings, export to a folder with the progress bar,
// then check the package (and a broken one) on the same page.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { tempDataDir } from './server';
import { browserSuite } from './suite';
import { makeExportFixture } from '../package/helpers/exportFixture';

jest.setTimeout(180_000);

let out: string;
const suite = browserSuite({
  dataDir: async () => {
    const fx = await makeExportFixture();
    fx.tc.core.close(); // the server takes the data folder's lock
    out = tempDataDir('selfcheck-e2e-out-');
    return fx.tc.dir;
  },
  cleanup: () => {
    if (out) rmSync(out, { recursive: true, force: true });
  },
});
let page: Page;
beforeAll(() => {
  ({ page } = suite);
});

const nav = (name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();

test('make the school key in Settings and open the enrolment sheet', async () => {
  await nav('设置');
  await page.getByRole('button', { name: '生成密钥' }).click();
  const keyId = page.getByTestId('key-id');
  await keyId.waitFor();
  expect(await keyId.textContent()).toMatch(/^[0-9A-F]{16}$/);
  await page.getByRole('button', { name: '打印登记表' }).click();
  await page.getByRole('dialog').getByRole('link', { name: '下载登记表（HTML）' }).waitFor();
  await screenshot(page, 'package-keys-sheet');
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
});

test('export to a folder: progress, done, the file is there and checks out', async () => {
  await nav('导出与核验');
  await page.getByText('预计大小').waitFor();
  await page.getByRole('radio', { name: '其他文件夹（完整路径）' }).check();
  await page.getByRole('textbox', { name: '其他文件夹（完整路径）' }).fill(out);
  await page.getByRole('textbox', { name: '文件名' }).fill('学校上报.zip');
  await page.getByRole('button', { name: '开始导出' }).click();
  // A version not yet frozen: the pre-export check asks for an explicit confirmation first.
  const check = page.getByRole('dialog', { name: '导出前检查' });
  if (await check.waitFor({ timeout: 3000 }).then(() => true, () => false)) {
    await check.getByRole('checkbox', { name: '我已了解：导出后本版本将被冻结' }).check();
    await check.getByRole('button', { name: '冻结并导出' }).click();
  }
  await page.getByText('导出完成并已通过校验').waitFor({ timeout: 60_000 });
  await screenshot(page, 'package-export-done');
  expect(readdirSync(out)).toEqual(['学校上报.zip']);

  await page.getByRole('textbox', { name: '上报包文件的完整路径' }).fill(join(out, '学校上报.zip'));
  await page.getByRole('button', { name: '核验', exact: true }).click();
  const result = page.getByTestId('verify-result');
  await result.getByText('核验通过').waitFor();
  expect(await result.textContent()).toContain('已登记的可信密钥');
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, 'package-verify-ok');

  // The same name again: the page asks before replacing.
  await page.getByRole('button', { name: '开始导出' }).click();
  await page.getByRole('button', { name: '替换它' }).waitFor();
});

test('a broken package is refused with the reason in words', async () => {
  const broken = join(out, 'broken.zip');
  writeFileSync(broken, 'definitely not a zip');
  await page.getByRole('textbox', { name: '上报包文件的完整路径' }).fill(broken);
  await page.getByRole('button', { name: '核验', exact: true }).click();
  const result = page.getByTestId('verify-result');
  await result.getByText('核验未通过').waitFor();
  expect(await result.textContent()).toContain('无法读取压缩包');
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, 'package-verify-fail');
  expect(existsSync(broken)).toBe(true);
});
