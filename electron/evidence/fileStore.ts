// The content-addressed evidence folder: <root>/ab/cd/<sha256>, thumbnails under
// <root>/thumbs/ab/<sha256>.jpg. Files are written durably before any row points at them
// and removed only by `sweep`, which keeps everything the caller says is referenced.
//
// Why the mutex: a sweep decides "unreferenced" and then unlinks, with an await in between;
// an import of the same bytes must not slip its write (or its "already there" check) into
// that gap. Writes and each sweep decision+unlink therefore run one at a time, and an import
// holds its hashes (see `hold`) from before its write until after its row commits.
import { createHash } from 'node:crypto';
import { lstat, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TEMP_MARK, fsyncDir, mkdirDurable, writeFileDurable } from './durable';

const SHA = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface SweepResult {
  filesRemoved: number;
  bytesFreed: number;
  tempsRemoved: number;
}

export class EvidenceFileStore {
  /** Hashes being imported right now: on disk (or about to be) but not yet in a committed row. */
  private readonly inFlight = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly root: string) {}

  objectPath(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return join(this.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  thumbPath(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return join(this.root, 'thumbs', sha.slice(0, 2), `${sha}.jpg`);
  }

  /**
   * Stores bytes under their hash (no-op when an intact copy is already there).
   * `knownSha` saves hashing twice when the caller has just hashed the same bytes.
   * Callers hold the hash (see `hold`) until the row naming it has committed.
   */
  put(bytes: Uint8Array, knownSha?: string): Promise<{ sha256: string; size: number }> {
    const sha = knownSha ?? sha256Hex(bytes);
    const path = this.objectPath(sha);
    return this.exclusive(async () => {
      if ((await sizeOf(path)) !== bytes.byteLength) await writeFileDurable(path, bytes);
      return { sha256: sha, size: bytes.byteLength };
    });
  }

  /**
   * Moves a staged temp file (see staging.ts) in under its hash, fsynced first; when an intact
   * copy is already there the temp file is simply removed. No bytes are copied twice.
   */
  adopt(tempPath: string, sha: string, size: number): Promise<void> {
    const path = this.objectPath(sha);
    return this.exclusive(async () => {
      if ((await sizeOf(path)) === size) {
        await rm(tempPath, { force: true });
        return;
      }
      const fh = await open(tempPath, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await mkdirDurable(dirname(path));
      await rename(tempPath, path);
      await fsyncDir(dirname(path));
    });
  }

  /** Where files being brought in are staged (inside the store, so a rename moves them in). */
  get incomingDir(): string {
    return join(this.root, 'incoming');
  }

  putThumb(sha: string, bytes: Uint8Array): Promise<void> {
    const path = this.thumbPath(sha);
    return this.exclusive(() => writeFileDurable(path, bytes));
  }

  async has(sha: string): Promise<boolean> {
    return (await sizeOf(this.objectPath(sha))) !== null;
  }

  /** Protects hashes from `sweep` while an import writes them before its row commits. */
  hold(shas: string[]): () => void {
    for (const s of shas) this.inFlight.set(s, (this.inFlight.get(s) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of shas) {
        const n = (this.inFlight.get(s) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(s);
        else this.inFlight.set(s, n);
      }
    };
  }

  /**
   * Removes stored files whose hash `isReferenced` rejects (and that no import holds),
   * their thumbnails likewise, and temp files older than `tempMaxAgeMs`.
   * Files whose names are not ours (not a hash, not a temp file) are never touched.
   */
  async sweep(isReferenced: (sha: string) => boolean, tempMaxAgeMs: number, now = Date.now()): Promise<SweepResult> {
    const result: SweepResult = { filesRemoved: 0, bytesFreed: 0, tempsRemoved: 0 };
    // Hold first, database second: an import holds its hash until after its row commits,
    // so this order never misses a file that is being added.
    const keep = (sha: string): boolean => this.inFlight.has(sha) || isReferenced(sha);
    for (const file of await walk(this.root)) {
      const name = basename(file);
      if (name.includes(TEMP_MARK)) {
        const info = await lstat(file).catch(() => null);
        if (info?.isFile() && now - info.mtimeMs >= tempMaxAgeMs) {
          await rm(file, { force: true });
          result.tempsRemoved++;
        }
        continue;
      }
      const sha = name.endsWith('.jpg') ? name.slice(0, -4) : name;
      if (!SHA.test(sha)) continue;
      await this.exclusive(async () => {
        if (keep(sha)) return;
        const info = await lstat(file).catch(() => null);
        if (!info?.isFile()) return;
        await rm(file, { force: true });
        result.filesRemoved++;
        result.bytesFreed += info.size;
      });
    }
    return result;
  }

  /** Runs `fn` after every earlier exclusive task has settled. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
