// The Electron glue cannot run here (no Electron binary can be downloaded), so
// these tests load it against a recording stand-in for the `electron` module and
// check what it asks Electron to do: the window's security settings, navigation
// and window-open refusals, and the IPC sender check.
import type { Result } from '../../shared/api/define';

type Listener = (...args: unknown[]) => unknown;

const recorded = {
  windowOptions: [] as Record<string, unknown>[],
  contentsListeners: new Map<string, Listener>(),
  windowOpenHandler: null as null | ((d: { url: string }) => { action: string }),
  ipcHandlers: new Map<string, Listener>(),
  openedExternally: [] as string[],
  loadedUrls: [] as string[],
};

jest.mock(
  'electron',
  () => {
    class BrowserWindow {
      webContents = {
        on: (event: string, fn: Listener) => recorded.contentsListeners.set(event, fn),
        setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (recorded.windowOpenHandler = fn),
      };
      constructor(options: Record<string, unknown>) {
        recorded.windowOptions.push(options);
      }
      once(): void {}
      loadURL(url: string): Promise<void> {
        recorded.loadedUrls.push(url);
        return Promise.resolve();
      }
    }
    return {
      BrowserWindow,
      shell: { openPath: () => Promise.resolve(''), openExternal: (url: string) => (recorded.openedExternally.push(url), Promise.resolve()) },
      session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
      ipcMain: { handle: (channel: string, fn: Listener) => recorded.ipcHandlers.set(channel, fn) },
    };
  },
  { virtual: true },
);

// Imported after the mock is in place.
import { createMainWindow, isInternalUrl } from '../../electron/desktop/window';
import { registerIpc } from '../../electron/desktop/ipc';
import { APP_ORIGIN, IPC_CHANNEL_PREFIX } from '../../electron/desktop/channels';
import { contract } from '../../shared/api/contract';

describe('the desktop window', () => {
  const openedEvidence: string[] = [];
  beforeAll(() => createMainWindow('/app/dist/electron', { openEvidence: (sha) => openedEvidence.push(sha) }));

  test('states the security settings explicitly and loads the app:// page', () => {
    const prefs = recorded.windowOptions[0]?.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/dist/electron/preload.js',
    });
    expect(recorded.loadedUrls).toEqual([`${APP_ORIGIN}/index.html`]);
  });

  test('internal URLs are recognised by parsed origin, not by substring', () => {
    expect(isInternalUrl('app://bundle/index.html#/checklist')).toBe(true);
    expect(isInternalUrl('app://bundle.evil.example/x')).toBe(false);
    expect(isInternalUrl('https://example.org/?app://bundle')).toBe(false);
    expect(isInternalUrl('app://evidence/abc/original')).toBe(false);
    expect(isInternalUrl('not a url')).toBe(false);
  });

  test('navigation away is prevented, and only http(s) links go to the system browser', () => {
    const willNavigate = recorded.contentsListeners.get('will-navigate')!;
    const prevented: string[] = [];
    const event = (url: string) => ({ preventDefault: () => prevented.push(url) });
    willNavigate(event('app://bundle/index.html'), 'app://bundle/index.html');
    willNavigate(event('https://example.org/'), 'https://example.org/');
    willNavigate(event('file:///etc/passwd'), 'file:///etc/passwd');
    expect(prevented).toEqual(['https://example.org/', 'file:///etc/passwd']);
    expect(recorded.openedExternally).toEqual(['https://example.org/']);

    const webview = recorded.contentsListeners.get('will-attach-webview')!;
    const blocked: boolean[] = [];
    webview({ preventDefault: () => blocked.push(true) });
    expect(blocked).toEqual([true]);
    expect(recorded.windowOpenHandler!({ url: 'https://example.org/new' })).toEqual({ action: 'deny' });
    // A link to an evidence original opens the system viewer through the hook, never a window.
    const sha = 'ab'.repeat(32);
    expect(recorded.windowOpenHandler!({ url: `app://evidence/${sha}/original` })).toEqual({ action: 'deny' });
    expect(recorded.windowOpenHandler!({ url: `app://evidence/${sha}/../../etc/original` })).toEqual({ action: 'deny' });
    expect(openedEvidence).toEqual([sha]);
  });
});

describe('IPC registration', () => {
  const calls: [string, unknown][] = [];
  beforeAll(() =>
    registerIpc(async (name, rawArgs): Promise<Result<unknown>> => {
      calls.push([name, rawArgs]);
      return { ok: true, value: 'handled' };
    }),
  );

  test('one channel per contract method', () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(Object.keys(contract).map((m) => IPC_CHANNEL_PREFIX + m).sort());
  });

  test('calls from the app page reach dispatch; calls from any other frame are refused', async () => {
    const handler = recorded.ipcHandlers.get(`${IPC_CHANNEL_PREFIX}profile.get`)!;
    await expect(handler({ senderFrame: { url: 'app://bundle/index.html' } }, {})).resolves.toEqual({ ok: true, value: 'handled' });
    await expect(handler({ senderFrame: { url: 'https://evil.example/' } }, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(handler({ senderFrame: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([['profile.get', {}]]);
  });
});
