// The preload runs sandboxed with context isolation. It hands the page two named
// functions and nothing else: never ipcRenderer, never a raw event.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ElectronApi } from '../shared/api/electronApi';
import { IPC_CHANNEL_PREFIX } from './desktop/channels';

const api: ElectronApi = {
  invoke: (method, args) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, args),
  evidenceUrl: (sha256, variant) => `app://evidence/${encodeURIComponent(sha256)}/${variant}`,
  // A dropped or picked file's path on disk, so the main process reads it itself (streaming)
  // instead of the page reading it whole and sending the bytes over IPC. Empty for files
  // that have no path (made in the page).
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('selfcheck', api);
