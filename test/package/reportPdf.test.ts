// data/report.pdf: the desktop app prints report.html with Electron's printToPDF.
// Electron cannot run here, so the same renderPdf seam is driven by Debian's
// Chromium (the engine inside Electron) through playwright-core. The PDF must
// land in the bag, in the manifest, verify like every other payload file, and
// be a real, readable PDF of the report.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runExport } from '../../electron/package/export';
import { REPORT_PDF } from '../../bag/reportPackage';
import { tempDir } from '../fixtures/core';
import { makeExportFixture, type ExportFixture } from './helpers/exportFixture';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let fx: ExportFixture;
let out: string;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  fx?.tc.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** What electron/desktop/printPdf.ts does, with Chromium instead of Electron: no script, A4, backgrounds. */
async function renderPdf(html: string): Promise<Uint8Array> {
  const page = await browser.newPage({ javaScriptEnabled: false });
  try {
    await page.setContent(html);
    return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await page.close();
  }
}

test('a package exported with a PDF renderer carries data/report.pdf, hashed and signed like the rest', async () => {
  fx = await makeExportFixture();
  out = tempDir('export-pdf-');
  const target = join(out, 'report.zip');
  const r = await runExport({ core: fx.core, vault: fx.vault, renderPdf }, { outPath: target });
  expect(r.verify.ok).toBe(true);

  const dest = join(out, 'unpacked');
  execFileSync('unzip', ['-q', target, '-d', dest]);
  const bag = join(dest, readdirSync(dest)[0] as string);
  const manifest = execFileSync('sha512sum', ['-c', 'manifest-sha512.txt'], { cwd: bag, encoding: 'utf8' });
  expect(manifest).toContain(`${REPORT_PDF}: OK`);

  const info = execFileSync('pdfinfo', [join(bag, REPORT_PDF)], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
  const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? []).slice(1).map(Number);
  // A4 is 595.3 x 841.9 pt; Chromium rounds the page to whole device pixels.
  expect(Math.abs((width ?? 0) - 595.3)).toBeLessThan(2);
  expect(Math.abs((height ?? 0) - 841.9)).toBeLessThan(2);
  // The PDF is the report: the school's name and code are in its text.
  const text = execFileSync('pdftotext', [join(bag, REPORT_PDF), '-'], { encoding: 'utf8' });
  const profile = fx.core.profile.get();
  expect(text).toContain(profile?.code);
  expect(text.replace(/\s+/g, '')).toContain(profile?.name.replace(/\s+/g, ''));
});
