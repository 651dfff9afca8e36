// The preload's object on `window` (its type lives in shared/api/electronApi.ts).
import type { ElectronApi } from '../../shared/api/electronApi';

export type { ElectronApi };

declare global {
  interface Window {
    selfcheck?: ElectronApi;
  }
}
