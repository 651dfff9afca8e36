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

let core: Core | null = null;

async function start(): Promise<void> {
  const binding = electronSqliteBinding();
  if (binding) useNativeBinding(binding);
  const rendererDir = builtRendererDir(findAppRoot(__dirname));
  if (!rendererDir) throw new Error('The UI is not built: run `npm run build`.');
  core = createCore({ dataDir: resolveDataDir(flag('--data-dir')), mode: 'electron' });
  const handlers = createAllHandlers(core, { sealer: createSafeStorageSealer(), renderPdf, choosePath, allowPathImport: true });
  handleAppProtocol(rendererDir, core);
  registerIpc((name, rawArgs) => dispatch(handlers, name, rawArgs));
  denyPermissions();
  const opened = core;
  createMainWindow(__dirname, {
    openEvidence: (sha) =>
      void openEvidenceExternally(opened, sha).then((problem) => {
        if (problem) dialog.showErrorBox('SelfCheck', problem);
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
      dialog.showErrorBox('SelfCheck', e instanceof Error ? e.message : String(e));
      app.quit();
    });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
