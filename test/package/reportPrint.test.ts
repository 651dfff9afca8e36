// The package a principal prints and the bureau checks (issue 8 §3): the commands in
// data/VERIFY.txt, run as written with the stock tools, succeed; report.html carries
// the signature and stamp block and local time with its zone; printed by Chromium to
// PDF, its first page is rendered to docs/screenshots/report-print.png.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/browser';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from './helpers/exportFixture';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'electron', 'cli.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

let dataDir = '';
let out = '';
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

test('VERIFY.txt is in the bag and its commands work as written; report.html is ready for paper', async () => {
  const fx = await makeExportFixture();
  fx.tc.core.close();
  dataDir = fx.tc.dir;
  out = tempDir('report-print-');
  const pkg = join(out, 'school.zip');
  const r = spawnSync(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--out', pkg, '--lang', 'zh-CN'], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
  expect(r.status).toBe(0);
  const unpacked = join(out, 'x');
  execFileSync('unzip', ['-q', pkg, '-d', unpacked]);
  const [bag] = readdirSync(unpacked);
  const bagDir = join(unpacked, bag as string);

  const verify = readFileSync(join(bagDir, 'data', 'VERIFY.txt'), 'utf8');
  expect(verify).toContain('核验说明');
  expect(verify).toContain('How to verify this package');
  // Run the indented commands of the Chinese half as they are written (after the unzip/cd line).
  const commands = verify.split('----')[0]?.split('\n').filter((l) => /^ {2}(sha512sum|minisign) /.test(l)).map((l) => l.trim().replace(/\s+#.*$/, '')) ?? [];
  expect(commands).toHaveLength(3);
  for (const c of commands) {
    const [cmd, ...args] = c.split(/\s+/);
    const run = spawnSync(cmd as string, args, { cwd: bagDir, encoding: 'utf8' });
    expect([c, run.status]).toEqual([c, 0]);
  }

  const html = readFileSync(join(bagDir, 'data', 'report.html'), 'utf8');
  for (const words of ['校长签字', '学校盖章', '日期', '@media print']) expect(html).toContain(words);
  expect(html).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+08:00\)/);

  // Printed as Chromium prints it; the first page becomes the screenshot in docs/.
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${join(bagDir, 'data', 'report.html')}`);
    const pdf = join(out, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(pages)?.[1])).toBeGreaterThanOrEqual(1);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(ROOT, 'docs', 'screenshots', 'report-print')]);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', '-f', String(Number(/Pages:\s+(\d+)/.exec(pages)?.[1])), pdf, join(ROOT, 'docs', 'screenshots', 'report-print-last')]);
  } finally {
    await browser.close();
  }
}, 120_000);
