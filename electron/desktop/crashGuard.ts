// Last-resort handlers for the desktop app: an uncaught exception, an unhandled promise
// rejection, or the page's renderer process dying. Each is written to the support log and
// shown in a native dialog whose first button copies the error text (what a support person
// asks for); a renderer that is gone is reloaded so the user is not left with a blank window.
import { app, clipboard, dialog, type WebContents } from 'electron';
import { shellText, type ShellLocale } from './messages';
import type { RotatingLog } from './rotatingLog';

export interface CrashGuardOptions {
  log: RotatingLog;
  locale: () => ShellLocale;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return typeof e === 'string' ? e : JSON.stringify(e);
  } catch {
    return String(e);
  }
}

export function installCrashGuard(o: CrashGuardOptions): { report(kind: string, e: unknown): void } {
  let showing = false;
  const report = (kind: string, e: unknown): void => {
    const text = `${kind}: ${describe(e)}`;
    o.log.write('error', text);
    if (showing) return; // one dialog at a time; the rest is in the log
    showing = true;
    try {
      const l = o.locale();
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'SelfCheck',
        message: shellText(l, 'shell.crash.message'),
        detail: `${shellText(l, 'shell.crash.detail', { log: o.log.file })}\n\n${text.slice(0, 2000)}`,
        buttons: [shellText(l, 'shell.crash.copy'), shellText(l, 'shell.crash.close')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (choice === 0) clipboard.writeText(text);
    } finally {
      showing = false;
    }
  };
  process.on('uncaughtException', (e) => report('uncaughtException', e));
  process.on('unhandledRejection', (reason) => report('unhandledRejection', reason));
  app.on('render-process-gone', (_event: unknown, contents: WebContents, details: { reason: string; exitCode: number }) => {
    report('render-process-gone', `${details.reason} (exit code ${details.exitCode})`);
    // A crash or an out-of-memory kill leaves a blank window; a clean exit does not need this.
    if (details.reason !== 'clean-exit' && !contents.isDestroyed()) contents.reload();
  });
  return { report };
}
