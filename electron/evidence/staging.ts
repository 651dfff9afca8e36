// Bringing a file into the evidence folder without ever holding it whole in memory:
// the source (a path on disk, an HTTP request body, or bytes already in hand) is read
// in chunks, hashed and written to a temp file beside the store in one pass, then
// fsynced. Every step is an async stream operation (reads and writes on libuv's thread
// pool, SHA-256 on one chunk at a time), so the event loop keeps answering clicks while
// a video of hundreds of MB comes in. The temp file carries TEMP_MARK, so a crash leaves
// only something the sweep removes; it is made durable only if it is kept (adopt).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/define';
import { TEMP_MARK, mkdirDurable } from './durable';

/** Bytes kept from the start of the file for type sniffing. */
export const HEAD_BYTES = 64 * 1024;
const CHUNK = 1024 * 1024;

export interface Staged {
  /** The temp file holding the bytes (not yet fsynced: adopt does that). */
  path: string;
  sha256: string;
  size: number;
  /** The first HEAD_BYTES (or fewer) bytes. */
  head: Uint8Array;
}

/** Called with the running count of bytes hashed and written. */
export type OnBytes = (bytesDone: number) => void;

/** Thrown when the source ends before it is whole (an upload cut off, a file shrinking under us). */
export class SourceAborted extends Error {}

/**
 * Copies `source` into a temp file under `dir`, hashing on the way.
 * `maxBytes` stops an oversized upload early (the partial file is removed).
 */
export async function stageChunks(
  dir: string,
  source: AsyncIterable<Uint8Array>,
  options: { onBytes?: OnBytes; maxBytes?: number; tooLarge?: () => Error } = {},
): Promise<Staged> {
  await mkdirDurable(dir);
  const path = join(dir, `incoming${TEMP_MARK}${randomBytes(8).toString('hex')}`);
  const fh = await open(path, 'wx', 0o644);
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headLen = 0;
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (options.maxBytes !== undefined && size > options.maxBytes) throw options.tooLarge?.() ?? new Error('too large');
      if (headLen < HEAD_BYTES) {
        const take = chunk.subarray(0, HEAD_BYTES - headLen);
        head.push(Uint8Array.from(take));
        headLen += take.byteLength;
      }
      hash.update(chunk);
      // The read stream keeps reading ahead while this write is under way.
      await fh.write(chunk);
      options.onBytes?.(size);
    }
    // Not fsynced here: a photo that is downscaled (original not kept) is deleted unread;
    // the store fsyncs the file when it adopts it (EvidenceFileStore.adopt).
    await fh.close();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(path, { force: true });
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, head: concat(head, headLen) };
}

/**
 * Stages a file from disk. A file that is gone (moved or deleted after it was chosen)
 * is refused by name rather than surfacing as an internal error.
 */
export async function stageFile(dir: string, file: string, name: string, onBytes?: OnBytes): Promise<Staged> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('invalid_args', 'evidence.vanished', { name });
    if (code === 'EISDIR') throw new ApiError('invalid_args', 'evidence.unknownType', { name });
    throw e;
  }
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new ApiError('invalid_args', 'evidence.unknownType', { name });
    const stream = createReadStream('', { fd: fh, highWaterMark: CHUNK, autoClose: false });
    const staged = await stageChunks(dir, stream, { onBytes });
    // A file cut short while we read it (a copy still in progress, a card pulled out).
    if (staged.size !== info.size) {
      await rm(staged.path, { force: true });
      throw new ApiError('invalid_args', 'evidence.changedWhileReading', { name });
    }
    return staged;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Bytes already in memory (the demo, tests, small API uploads) take the same path. */
export function stageBytes(dir: string, bytes: Uint8Array): Promise<Staged> {
  async function* one(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < bytes.byteLength; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
  }
  return stageChunks(dir, one());
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
