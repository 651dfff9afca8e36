// A SyncClient over an open Core: the one place the app's services and the sync
// side meet (CLI commands, UI handlers, the export hook).
import type { Core } from '../services/core';
import { createKeyVault, type KeyVault } from '../keys/keyVault';
import { SyncClient } from './client';

export function syncClientFor(core: Core, vault: KeyVault = createKeyVault(core.paths.dataDir)): SyncClient {
  return new SyncClient({ db: core.db, dataDir: core.paths.dataDir, vault, schoolCode: () => core.profile.get()?.code ?? null });
}

/**
 * The export hook: a package that was just written enters the outbox. Never
 * throws: the package on the stick is good whatever happens here, and the
 * outbox can be fed again later (same bytes, same entry).
 */
export async function enqueueExported(core: Core, pkg: { path: string; bagId: string; assessmentId: string; assessmentVersion: number }): Promise<boolean> {
  try {
    await syncClientFor(core).enqueue(pkg);
    return true;
  } catch (e) {
    console.warn(`selfcheck: the package was exported but could not be added to the outbox: ${(e as Error).message}`);
    return false;
  }
}
