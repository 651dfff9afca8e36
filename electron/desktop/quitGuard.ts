// Quitting while an export runs: ask whether to let it finish or cancel it, and quit only
// once the job has ended either way, so a package is never left half-written under its
// final name and the database is closed after the job's last write.
import { app, dialog } from 'electron';
import type { JobRegistry } from '../package/jobs';
import { shellText, type ShellLocale } from './messages';

export function guardQuit(jobs: JobRegistry, locale: () => ShellLocale): void {
  let quitting = false;
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (quitting) return;
    const running = jobs.runningIds();
    if (running.length === 0) return;
    event.preventDefault();
    const l = locale();
    const choice = dialog.showMessageBoxSync({
      type: 'question',
      title: 'SelfCheck',
      message: shellText(l, 'shell.quit.message'),
      detail: shellText(l, 'shell.quit.detail'),
      buttons: [shellText(l, 'shell.quit.wait'), shellText(l, 'shell.quit.cancel'), shellText(l, 'shell.quit.stay')],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (choice === 2) return;
    if (choice === 1) for (const id of running) jobs.cancel(id);
    quitting = true;
    void Promise.all(running.map((id) => jobs.wait(id, 100))).then(() => app.quit());
  });
}
