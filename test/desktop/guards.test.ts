// The desktop shell's safety nets, against a recording stand-in for `electron` (Electron
// cannot run here): crash reports go to a rotating log and a dialog that copies the error;
// quitting during an export waits for it or cancels it; native dialogs never show raw i18n
// keys; Chromium's profile lives outside the data folder; PowerShell's GBK output decodes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

type Listener = (...args: unknown[]) => unknown;
const rec = {
  appListeners: new Map<string, Listener>(),
  dialogs: [] as Record<string, unknown>[],
  nextChoice: 0,
  copied: [] as string[],
  quits: 0,
  reloads: 0,
};

jest.mock(
  'electron',
  () => ({
    app: { on: (e: string, fn: Listener) => rec.appListeners.set(e, fn), quit: () => rec.quits++ },
    dialog: { showMessageBoxSync: (o: Record<string, unknown>) => (rec.dialogs.push(o), rec.nextChoice) },
    clipboard: { writeText: (t: string) => rec.copied.push(t) },
  }),
  { virtual: true },
);

import { installCrashGuard } from '../../electron/desktop/crashGuard';
import { errorMessage, shellText } from '../../electron/desktop/messages';
import { chromiumProfileDir } from '../../electron/desktop/profileDir';
import { guardQuit } from '../../electron/desktop/quitGuard';
import { RotatingLog } from '../../electron/desktop/rotatingLog';
import { decodeConsoleOutput } from '../../electron/package/consoleText';
import { JobRegistry } from '../../electron/package/jobs';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'selfcheck-shell-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('crash guard', () => {
  const before = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
  afterAll(() => {
    for (const l of process.listeners('uncaughtException')) if (!before.uncaught.includes(l)) process.off('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!before.rejection.includes(l)) process.off('unhandledRejection', l);
  });

  test('logs, shows a translated dialog whose first button copies the error, and reloads a crashed page', () => {
    const dir = temp();
    const log = new RotatingLog(join(dir, 'logs'));
    const guard = installCrashGuard({ log, locale: () => 'zh-CN' });
    expect(process.listeners('uncaughtException').length).toBe(before.uncaught.length + 1);
    expect(process.listeners('unhandledRejection').length).toBe(before.rejection.length + 1);
    rec.nextChoice = 0;
    guard.report('unhandledRejection', new Error('disk went away'));
    const shown = rec.dialogs.at(-1)!;
    expect(shown.message).toBe('SelfCheck 遇到意外错误。');
    expect(shown.buttons).toEqual(['复制错误信息', '关闭']);
    expect(String(shown.detail)).toContain(log.file);
    expect(rec.copied.at(-1)).toMatch(/^unhandledRejection: Error: disk went away/);
    expect(readFileSync(log.file, 'utf8')).toMatch(/ERROR unhandledRejection: Error: disk went away/);

    const contents = { isDestroyed: () => false, reload: () => rec.reloads++ };
    rec.nextChoice = 1;
    rec.appListeners.get('render-process-gone')!({}, contents, { reason: 'oom', exitCode: 9 });
    expect(rec.reloads).toBe(1);
    expect(readFileSync(log.file, 'utf8')).toContain('render-process-gone: oom (exit code 9)');
  });

  test('the log rotates by size and keeps a bounded number of files', () => {
    const dir = temp();
    const log = new RotatingLog(dir, 200, 2);
    for (let i = 0; i < 40; i++) log.write('info', `line ${i} ${'x'.repeat(40)}`);
    expect(existsSync(`${log.file}.1`)).toBe(true);
    expect(existsSync(`${log.file}.2`)).toBe(true);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    expect(readFileSync(log.file, 'utf8')).toContain('line 39');
  });
});

describe('quitting during an export', () => {
  test('"cancel and quit" cancels the job and quits only after it ended; with no job, quit is not held', async () => {
    const jobs = new JobRegistry();
    guardQuit(jobs, () => 'en');
    const beforeQuit = rec.appListeners.get('before-quit')!;
    let prevented = 0;
    beforeQuit({ preventDefault: () => prevented++ });
    expect(prevented).toBe(0);

    let cleanedUp = false;
    const id = jobs.start('export', (signal) => new Promise((_ok, fail) => signal.addEventListener('abort', () => setTimeout(() => ((cleanedUp = true), fail(new Error('aborted'))), 50))));
    await new Promise((r) => setImmediate(r));
    rec.nextChoice = 1; // Cancel export and quit
    beforeQuit({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    expect(rec.dialogs.at(-1)!.buttons).toEqual(['Finish, then quit', 'Cancel export and quit', 'Keep working']);
    expect(rec.quits).toBe(0);
    await jobs.wait(id);
    await new Promise((r) => setTimeout(r, 250));
    expect(cleanedUp).toBe(true);
    expect(jobs.get(id).state).toBe('cancelled');
    expect(rec.quits).toBe(1);
  });
});

describe('shell texts', () => {
  test('error keys show as text in both languages, and an unknown key never as itself', () => {
    expect(errorMessage('zh-CN', 'evidence.notFound')).toBe('找不到该文件。');
    expect(errorMessage('en', 'evidence.unknownType', { name: 'a.txt' })).toContain('a.txt');
    expect(errorMessage('en', 'no.such.key')).not.toContain('no.such.key');
    expect(shellText('en', 'shell.none')).not.toContain('shell.none');
  });

  test("Chromium's profile is outside the data folder and differs per data folder", () => {
    const appData = '/home/u/.config';
    const data = '/home/u/.config/SelfCheck';
    const p = chromiumProfileDir(appData, data);
    expect(relative(data, p).startsWith('..')).toBe(true);
    expect(chromiumProfileDir(appData, '/mnt/usb/other')).not.toBe(p);
    expect(chromiumProfileDir(appData, `${data}/`)).toBe(p);
  });

  test('PowerShell output in CP936 (GBK) or UTF-8 decodes to the same Chinese drive label', () => {
    expect(decodeConsoleOutput(Buffer.from('d1a7d0a355c5cc', 'hex'))).toBe('学校U盘');
    expect(decodeConsoleOutput(Buffer.from('\uFEFF学校U盘', 'utf8'))).toBe('学校U盘');
    const json = Buffer.concat([Buffer.from('{"DriveLetter":"E","FileSystemLabel":"'), Buffer.from('d1a7d0a355c5cc', 'hex'), Buffer.from('"}')]);
    expect(JSON.parse(decodeConsoleOutput(json)).FileSystemLabel).toBe('学校U盘');
  });
});
