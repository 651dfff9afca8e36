// Content-addressed package store: <data>/blobs/<sha512[0..2]>/<sha512>.zip.
// A blob is written to a temp name in its folder, fsynced, renamed into place
// and the folder fsynced, so a crash leaves either nothing or the whole file;
// the same bytes always land on the same name, so storing twice is harmless.
// Package bytes never go into the database.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class BlobStore {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(sha512: string): string {
    if (!/^[0-9a-f]{128}$/.test(sha512)) throw new Error('not a SHA-512 hex digest');
    return join(this.root, sha512.slice(0, 2), `${sha512}.zip`);
  }

  has(sha512: string): boolean {
    return existsSync(this.pathOf(sha512));
  }

  /** Copies `source` (whose SHA-512 the caller has computed) into the store. */
  async put(source: string, sha512: string): Promise<string> {
    const final = this.pathOf(sha512);
    if (existsSync(final)) return final;
    const dir = join(this.root, sha512.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${sha512.slice(0, 16)}-${randomBytes(4).toString('hex')}.partial`);
    try {
      await copyFile(source, temp);
      const fh = await open(temp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, final);
      const dh = await open(dir, 'r');
      try {
        await dh.sync();
      } finally {
        await dh.close();
      }
    } finally {
      await rm(temp, { force: true });
    }
    return final;
  }
}

export async function sha512OfFile(path: string): Promise<string> {
  const h = createHash('sha512');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}
