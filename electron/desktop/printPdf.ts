// data/report.pdf in the desktop app: the same self-contained report.html,
// printed by Chromium in a hidden window that runs no script and loads nothing
// but the page itself.
import { BrowserWindow } from 'electron';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PDF_PARTITION = 'selfcheck-report-pdf';

export async function renderPdf(html: string): Promise<Uint8Array> {
  // A file rather than a data: URL, which Chromium caps at 2 MB (a large evidence index can pass that).
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-pdf-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, 'utf8');
  const pageUrl = pathToFileURL(file).toString();
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
      // Its own in-memory session per print: the request filter below must not touch the app
      // window's session, nor another print's (a session holds one onBeforeRequest listener, so
      // two exports printing at once on one shared session cancelled each other's page).
      partition: `${PDF_PARTITION}-${randomUUID()}`,
    },
  });
  try {
    // report.html is self-contained: refuse anything but the page (its evidence links are not followed in print).
    win.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== pageUrl }));
    await win.loadURL(pageUrl);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
