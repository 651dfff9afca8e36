// Crash-safe file writes: temp file in the same folder, fsync, rename, fsync the folder.
// After `writeFileDurable` resolves, the file is on disk under its final name or not at all.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks temp files so the garbage collector can recognise leftovers of a crash. */
export const TEMP_MARK = '.tmp-';

export async function writeFileDurable(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdirDurable(dir);
  const tmp = join(dir, `${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
}

/** Creates a folder (and parents); new entries are fsynced into their parents. */
export async function mkdirDurable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return; // it already existed
  // Every folder from `first` down to `dir` is new: sync each one's parent.
  let d = dir;
  for (;;) {
    await fsyncDir(dirname(d));
    if (d === first) break;
    d = dirname(d);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
