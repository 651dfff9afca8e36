// The content-addressed evidence folder: <root>/ab/cd/<sha256>, thumbnails under
// <root>/thumbs/ab/<sha256>.jpg. Files are written durably before any row points at them
// and removed only by `sweep`, which keeps everything the caller says is referenced.
import { createHash } from 'node:crypto';
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TEMP_MARK, writeFileDurable } from './durable';

const SHA = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface SweepResult {
  filesRemoved: number;
  bytesFreed: number;
  tempsRemoved: number;
}

export class EvidenceFileStore {
  /** Hashes being imported right now: written to disk but not yet in a committed row. */
  private readonly inFlight = new Map<string, number>();

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
   */
  async put(bytes: Uint8Array, knownSha?: string): Promise<{ sha256: string; size: number }> {
    const sha = knownSha ?? sha256Hex(bytes);
    const path = this.objectPath(sha);
    if ((await sizeOf(path)) !== bytes.byteLength) await writeFileDurable(path, bytes);
    return { sha256: sha, size: bytes.byteLength };
  }

  async putThumb(sha: string, bytes: Uint8Array): Promise<void> {
    await writeFileDurable(this.thumbPath(sha), bytes);
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
   */
  async sweep(isReferenced: (sha: string) => boolean, tempMaxAgeMs: number, now = Date.now()): Promise<SweepResult> {
    const result: SweepResult = { filesRemoved: 0, bytesFreed: 0, tempsRemoved: 0 };
    // Order matters: an import holds its hash until after its row commits, so checking the
    // hold first and the database second never misses a file that is being added.
    const keep = (sha: string): boolean => this.inFlight.has(sha) || isReferenced(sha);
    for (const file of await walk(this.root)) {
      const name = basename(file);
      const info = await lstat(file).catch(() => null);
      if (!info || !info.isFile()) continue;
      if (name.includes(TEMP_MARK)) {
        if (now - info.mtimeMs >= tempMaxAgeMs) {
          await rm(file, { force: true });
          result.tempsRemoved++;
        }
        continue;
      }
      const sha = name.endsWith('.jpg') ? name.slice(0, -4) : name;
      if (!SHA.test(sha) || keep(sha)) continue; // never touch what we did not name
      await rm(file, { force: true });
      result.filesRemoved++;
      result.bytesFreed += info.size;
    }
    return result;
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
