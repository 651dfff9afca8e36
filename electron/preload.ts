// The preload runs sandboxed with context isolation. It hands the page two named
// functions and nothing else: never ipcRenderer, never a raw event.
import { contextBridge, ipcRenderer } from 'electron';
import type { ElectronApi } from '../shared/api/electronApi';
import { IPC_CHANNEL_PREFIX } from './desktop/channels';

const api: ElectronApi = {
  invoke: (method, args) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, args),
  evidenceUrl: (sha256, variant) => `app://evidence/${encodeURIComponent(sha256)}/${variant}`,
};

contextBridge.exposeInMainWorld('selfcheck', api);
