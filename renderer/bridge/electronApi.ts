// The object the Electron preload exposes as `window.selfcheck` (contextBridge).
// Only named functions cross; the preload never hands the page ipcRenderer.
import type { Result } from '../../shared/api/define';

export interface ElectronApi {
  invoke(method: string, args: unknown): Promise<Result<unknown>>;
  evidenceUrl(sha256: string, variant: 'original' | 'thumb'): string;
}

declare global {
  interface Window {
    selfcheck?: ElectronApi;
  }
}
