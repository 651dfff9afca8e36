// Bridge over Electron IPC, through the functions the preload exposes.
import type { Bridge } from '../../shared/api/contract';
import type { ElectronApi } from './electronApi';
import { unwrap } from './errors';

export function electronBridge(api: ElectronApi): Bridge {
  return {
    async call(name, args) {
      return unwrap(await api.invoke(name, args));
    },
    evidenceUrl: (sha256, variant) => api.evidenceUrl(sha256, variant),
  };
}
