// Electron entry point: the desktop shell around the same back end the CLI and
// the web mode use. Only electron/desktop/ and this file touch the electron module.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createAllHandlers, dispatch } from './api';
import { resolveDataDir } from './config/dataDir';
import { builtRendererDir, findAppRoot } from './config/repoRoot';
import { createSafeStorageSealer } from './desktop/safeStorageSealer';
import { choosePath } from './desktop/choosePath';
import { registerIpc } from './desktop/ipc';
import { openEvidenceExternally } from './desktop/openEvidence';
import { renderPdf } from './desktop/printPdf';
import { handleAppProtocol, registerAppScheme } from './desktop/protocol';
import { createMainWindow, denyPermissions } from './desktop/window';
import { createCore, type Core } from './services/core';
import { installCrashGuard } from './desktop/crashGuard';
import { errorMessage, type ShellLocale } from './desktop/messages';
import { chromiumProfileDir } from './desktop/profileDir';
import { guardQuit } from './desktop/quitGuard';
import { RotatingLog } from './desktop/rotatingLog';
import { JobRegistry } from './package/jobs';
import { useNativeBinding } from './store/db';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The better-sqlite3 addon built for Electron: shipped in resources/, or built by `npm start`. */
function electronSqliteBinding(): string | undefined {
  if (app.isPackaged) return join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return process.env.SELFCHECK_SQLITE_BINDING;
}

registerAppScheme();
app.enableSandbox();

// Decided before anything else so that Chromium's profile (set below) and the log follow it.
const dataDir = resolveDataDir(flag('--data-dir'));
const profile = chromiumProfileDir(app.getPath('appData'), dataDir);
app.setPath('userData', profile);
app.setPath('sessionData', profile);
const log = new RotatingLog(join(dataDir, 'logs'));
const jobs = new JobRegistry();
let core: Core | null = null;
const locale = (): ShellLocale => {
  try {
    return core?.settings.get().locale ?? 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};
installCrashGuard({ log, locale });
guardQuit(jobs, locale);

async function start(): Promise<void> {
  const binding = electronSqliteBinding();
  if (binding) useNativeBinding(binding);
  const rendererDir = builtRendererDir(findAppRoot(__dirname));
  if (!rendererDir) throw new Error('The UI is not built: run `npm run build`.');
  core = createCore({ dataDir, mode: 'electron' });
  log.write('info', `started ${core.appVersion}, data folder ${dataDir}`);
  const handlers = createAllHandlers(core, { sealer: createSafeStorageSealer(), renderPdf, choosePath, allowPathImport: true, jobs });
  handleAppProtocol(rendererDir, core);
  registerIpc((name, rawArgs) => dispatch(handlers, name, rawArgs));
  denyPermissions();
  const opened = core;
  createMainWindow(__dirname, {
    openEvidence: (sha) =>
      void openEvidenceExternally(opened, sha).then((problem) => {
        // A key from the back end is shown as its text, never as the raw key.
        if (problem) dialog.showErrorBox('SelfCheck', problem.key ? errorMessage(locale(), problem.key, problem.params) : problem.text);
      }),
  });
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => {
    // One window per data folder: bring the existing one forward.
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log.write('error', `start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      dialog.showErrorBox('SelfCheck', e instanceof Error ? e.message : String(e));
      app.quit();
    });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    log.write('info', 'quit');
    core?.close();
  });
}
