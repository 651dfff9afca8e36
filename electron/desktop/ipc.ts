// Registers one ipcMain handler per contract method. Each handler checks that the
// call comes from the app's own page, then hands the raw argument to the same
// dispatch the web mode uses (which parses it with the contract's schema).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { contract, type MethodName } from '../../shared/api/contract';
import type { Result } from '../../shared/api/define';
import { IPC_CHANNEL_PREFIX } from './channels';
import { isInternalUrl } from './window';

export type Dispatch = (name: MethodName, rawArgs: unknown) => Promise<Result<unknown>>;

function fromOwnPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isInternalUrl(url);
}

export function registerIpc(dispatch: Dispatch): void {
  for (const name of Object.keys(contract) as MethodName[]) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + name, async (event, rawArgs: unknown): Promise<Result<unknown>> => {
      if (!fromOwnPage(event)) return { ok: false, error: { code: 'forbidden', message: 'forbidden' } };
      return dispatch(name, rawArgs);
    });
  }
}
