// The outbox's own copies of packages, under <dataDir>/outbox/: made when a
// package enters the outbox (so the USB stick it was exported to may go), kept
// until the bureau's receipt arrives, moved to outbox/quarantine/ when the
// bureau rejects the package (kept for the user to inspect, never sent again).
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SyncStore } from './syncStore';

export const OUTBOX_DIR = 'outbox';
const QUARANTINE_DIR = join(OUTBOX_DIR, 'quarantine');

export function sha512File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha512');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export interface Enqueued {
  sha512: string;
  bagId: string;
  /** false: the same bytes were already in the outbox. */
  added: boolean;
}

/** Copies a finished package into the outbox and records it as queued. */
export async function enqueuePackage(
  dataDir: string,
  store: SyncStore,
  pkg: { path: string; bagId: string; assessmentId?: string; assessmentVersion?: number },
): Promise<Enqueued> {
  const sha512 = await sha512File(pkg.path);
  if (store.item(sha512)) return { sha512, bagId: pkg.bagId, added: false };
  const plain = join(OUTBOX_DIR, `${pkg.bagId}.zip`);
  const rel = existsSync(join(dataDir, plain)) ? join(OUTBOX_DIR, `${pkg.bagId}-${sha512.slice(0, 12)}.zip`) : plain;
  const dest = join(dataDir, rel);
  mkdirSync(join(dataDir, OUTBOX_DIR), { recursive: true });
  const tmp = `${dest}.partial`;
  copyFileSync(pkg.path, tmp);
  syncFile(tmp);
  if ((await sha512File(tmp)) !== sha512) {
    rmSync(tmp, { force: true });
    throw new Error(`${pkg.path} changed while it was copied into the outbox`);
  }
  renameSync(tmp, dest);
  const added = store.enqueue({ sha512, bagId: pkg.bagId, file: rel, size: statSync(dest).size, assessmentId: pkg.assessmentId, assessmentVersion: pkg.assessmentVersion });
  return { sha512, bagId: pkg.bagId, added };
}

/** After a receipt: the local copy goes. After a rejection: it moves to quarantine. */
export function settleFiles(dataDir: string, store: SyncStore, sha512: string): void {
  const item = store.item(sha512);
  if (!item) return;
  const path = join(dataDir, item.file);
  if (item.state === 'received') rmSync(path, { force: true });
  else if (item.state === 'rejected' && !item.file.startsWith(QUARANTINE_DIR) && existsSync(path)) {
    mkdirSync(join(dataDir, QUARANTINE_DIR), { recursive: true });
    const rel = join(QUARANTINE_DIR, basename(item.file));
    renameSync(path, join(dataDir, rel));
    store.setFile(sha512, rel);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
