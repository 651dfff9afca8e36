// One process at a time writes a data folder. The lock file names its owner's pid and
// when it took the lock; a lock whose process is gone (crash, kill) is taken over.
// A pid alone is not enough: after a crash and a reboot the number may belong to another
// program, which would block the app for good. So the owner must also be a process that
// was already running when the lock was written (ownerStillRuns in processStart.ts).
// (An OS lock on a held file handle would need a native addon Node lacks; the start time
// needs none and works on Linux, macOS and Windows.)
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ownerStillRuns } from './processStart';

export const LOCK_FILE = 'selfcheck.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string = join(dataDir, LOCK_FILE),
  ) {
    super(
      `the data folder ${dataDir} is in use by another SelfCheck process (pid ${pid}); close it first. ` +
        `If no SelfCheck is running, the lock file ${lockFile} is left over: delete it.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number' ? { pid: v.pid, host: String(v.host ?? ''), startedAt: String(v.startedAt ?? '') } : null;
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** The lock's owner is running: its pid is alive and is the process that wrote the lock. */
function ownerRuns(owner: LockInfo): boolean {
  if (owner.pid === process.pid) return true;
  return alive(owner.pid) && ownerStillRuns(owner.pid, owner.startedAt);
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    writeSync(fd, JSON.stringify(info));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the lock of `dataDir` (which must exist); returns the function that releases it. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file)) return releaser(file);
    const owner = readLock(file);
    // Another machine's lock (shared folder) cannot be checked: respect it.
    if (owner && (owner.host !== hostname() || ownerRuns(owner))) throw new DataDirLockedError(dataDir, owner.pid, file);
    try {
      unlinkSync(file); // stale: its process is gone (or its pid now names another program)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const owner = readLock(file);
  throw new DataDirLockedError(dataDir, owner?.pid ?? -1, file);
}

function releaser(file: string): () => void {
  let done = false;
  const release = (): void => {
    if (done) return;
    done = true;
    process.removeListener('exit', release);
    if (readLock(file)?.pid === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', release);
  return release;
}
