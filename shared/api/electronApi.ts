// The object the Electron preload exposes as `window.selfcheck` (contextBridge).
// Only named functions cross; the preload never hands the page ipcRenderer.
// Declared in shared/ because both sides use it: the preload implements it, the
// renderer's Electron bridge calls it.
import type { Result } from './define';

export interface ElectronApi {
  invoke(method: string, args: unknown): Promise<Result<unknown>>;
  evidenceUrl(sha256: string, variant: 'original' | 'thumb'): string;
  /**
   * webUtils.getPathForFile: the path of a File the user picked or dropped ('' when it has none).
   * Typed `unknown` here because shared/ knows no DOM; the renderer passes a File.
   */
  pathForFile(file: unknown): string;
}
