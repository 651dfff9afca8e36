// The one application window, with Electron's security guide applied
// (../shared/docs/security-checklist.md §1, §6, §8).
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './channels';
import { evidenceHashFromUrl } from './openEvidence';

/**
 * True for the app's own page. Compares the parsed scheme and host: Node's URL
 * gives custom schemes the origin "null", so comparing origins would match nothing.
 */
export function isInternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only parsed http(s) URLs may leave the app, and only to the system browser. */
function openExternally(raw: string): void {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') void shell.openExternal(url.toString());
  } catch {
    /* not a URL: ignore */
  }
}

export interface WindowHooks {
  /** A link to an evidence file's original (app://evidence/<sha>/original) was opened. */
  openEvidence(sha256: string): void;
}

function lockDown(contents: WebContents, hooks: WindowHooks): void {
  contents.on('will-navigate', (event, url) => {
    if (!isInternalUrl(url)) {
      event.preventDefault();
      openExternally(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isInternalUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const sha = evidenceHashFromUrl(url);
    if (sha) hooks.openEvidence(sha);
    else openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preloadDir: string, hooks: WindowHooks): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'SelfCheck',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: join(preloadDir, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win.webContents, hooks);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
