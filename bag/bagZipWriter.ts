// Writes a complete signed bag as one zip, in a single streaming pass:
// every payload file is read once, hashed (SHA-512, and SHA-256 when the
// caller knows what it should be) on its way into the zip, and the tag files
// (manifest, bag-info, tag manifest, signature) are added last, when the
// hashes are known. yazl asks for each lazily added entry only after the one
// before it is written, so no more than one source file is open at a time.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import './fastCrc32';
import { BAGIT_TXT, PAYLOAD_DIR, TAG, formatBagInfo, formatManifest, payloadOxum, type ManifestLine } from './bagit';
import { PackageError } from './errors';

export type PayloadSource =
  | { path: string; bytes: Uint8Array }
  | { path: string; file: string; size: number; /** when given, a mismatch aborts the export */ sha256?: string }
  /** Made after every other payload file is in, from their SHA-512s (report.json lists them). */
  | { path: string; build(sha512ByPath: ReadonlyMap<string, string>): Promise<Uint8Array> | Uint8Array; sizeHint: number };

export interface BagProgress {
  /** Payload bytes read so far, and in all. */
  bytesIn: number;
  totalIn: number;
}

export interface BagWriteInput {
  bagId: string;
  payload: PayloadSource[];
  /** Fields for bag-info.txt; Payload-Oxum is added here. */
  bagInfo: [string, string][];
  /** Further tag files at the bag root (key rotation statements), covered by the tag manifest. */
  extraTagFiles?: { path: string; bytes: Uint8Array }[];
  /** Returns the `.minisig` text for the tag manifest. */
  sign(tagManifest: Buffer): string;
  mtime?: Date;
  signal?: AbortSignal;
  onProgress?(p: BagProgress): void;
}

export interface BagWriteResult {
  manifest: ManifestLine[];
  payloadBytes: number;
  payloadFiles: number;
}

/** Media that is already compressed is stored as is; deflating it again only costs time. */
const STORED_EXTENSIONS = new Set([
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'pdf',
  'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'zip', '7z', 'rar', 'gz', 'bz2', 'xz',
  'mp4', 'm4v', 'mov', 'avi', 'mkv', 'webm', '3gp', 'mp3', 'm4a', 'aac', 'ogg', 'opus', 'amr', 'wma', 'wmv', 'flv',
]);
export const isStored = (path: string): boolean => STORED_EXTENSIONS.has(path.slice(path.lastIndexOf('.') + 1).toLowerCase());

/** Entries this big get ZIP64 headers from the start (a deflated entry can grow past its input). */
const ZIP64_FROM = 0xffffffff - 64 * 1024 * 1024;

export function payloadSize(p: PayloadSource): number {
  return 'bytes' in p ? p.bytes.length : 'file' in p ? p.size : p.sizeHint;
}

export function writeBagZip(out: Writable, input: BagWriteInput): Promise<BagWriteResult> {
  for (const p of input.payload)
    if (!p.path.startsWith(PAYLOAD_DIR)) throw new Error(`payload path outside data/: ${p.path}`);
  const zip = new ZipFile();
  const mtime = zipClock(input.mtime ?? new Date());
  const prefix = `${input.bagId}/`;
  let totalIn = input.payload.reduce((n, p) => n + payloadSize(p), 0);
  const manifest: ManifestLine[] = [];
  let bytesIn = 0;
  // Built entries go after every file they describe.
  const ordered = [...input.payload.filter((p) => !('build' in p)), ...input.payload.filter((p) => 'build' in p)];
  let current: Readable | null = null;

  return new Promise<BagWriteResult>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      input.signal?.removeEventListener('abort', onAbort);
      current?.destroy();
      zip.outputStream.unpipe(out);
      reject(e);
    };
    const onAbort = (): void => fail(new PackageError('exportCancelled'));
    if (input.signal?.aborted) return onAbort();
    input.signal?.addEventListener('abort', onAbort);

    zip.on('error', (e: Error) =>
      fail(e instanceof PackageError ? e : /unexpected number of bytes/.test(e.message) ? new PackageError('exportSourceChanged', undefined, e.message) : e),
    );
    out.on('error', fail);
    out.on('finish', () => {
      if (settled) return;
      settled = true;
      input.signal?.removeEventListener('abort', onAbort);
      resolve({ manifest, payloadBytes: bytesIn, payloadFiles: input.payload.length });
    });

    const openSource = async (p: PayloadSource): Promise<Readable> => {
      if ('bytes' in p) return readableOf(p.bytes);
      if ('file' in p) return createReadStream(p.file);
      const bytes = await p.build(new Map(manifest.map((l) => [l.path, l.sha512])));
      totalIn += bytes.length - p.sizeHint;
      return readableOf(bytes);
    };

    for (const p of ordered) {
      const size = payloadSize(p);
      const options = 'build' in p ? { mtime, forceDosTimestamp: true, compress: !isStored(p.path) } : { size, mtime, forceDosTimestamp: true, compress: !isStored(p.path), forceZip64Format: size >= ZIP64_FROM };
      zip.addReadStreamLazy(prefix + p.path, options, (cb) => {
        void openSource(p).then((source) => {
          source.on('error', (e: NodeJS.ErrnoException) =>
            fail(new PackageError('exportSourceChanged', 'file' in p ? p.file : p.path, e.code ?? e.message)),
          );
          const hashed = hashing(p, (sha512) => manifest.push({ path: p.path, sha512 }), (n) => {
            bytesIn += n;
            input.onProgress?.({ bytesIn, totalIn: Math.max(totalIn, bytesIn) });
          });
          hashed.on('error', fail);
          current = source;
          cb(null, source.pipe(hashed));
        }, fail);
      });
    }

    // The tag files are built when yazl reaches them, i.e. after every payload entry is through.
    const bagInfoText = (): Buffer =>
      Buffer.from(formatBagInfo([...input.bagInfo, ['Payload-Oxum', payloadOxum(bytesIn, input.payload.length)]]));
    const tagFiles: { path: string; content: () => Buffer }[] = [
      { path: TAG.bagit, content: () => Buffer.from(BAGIT_TXT) },
      { path: TAG.bagInfo, content: bagInfoText },
      { path: TAG.manifest, content: () => Buffer.from(formatManifest(manifest)) },
      ...(input.extraTagFiles ?? []).map((f) => ({ path: f.path, content: () => Buffer.from(f.bytes) })),
    ];
    const tagLines: ManifestLine[] = [];
    let tagManifest: Buffer | null = null;
    const lazyBuffer = (path: string, content: () => Buffer): void =>
      zip.addReadStreamLazy(prefix + path, { mtime, forceDosTimestamp: true, compress: true }, (cb) => {
        try {
          cb(null, readableOf(content()));
        } catch (e) {
          fail(e);
        }
      });
    for (const t of tagFiles)
      lazyBuffer(t.path, () => {
        const bytes = t.content();
        tagLines.push({ path: t.path, sha512: createHash('sha512').update(bytes).digest('hex') });
        return bytes;
      });
    lazyBuffer(TAG.tagManifest, () => (tagManifest = Buffer.from(formatManifest(tagLines))));
    lazyBuffer(TAG.signature, () => {
      if (!tagManifest) throw new Error('tag manifest not written yet');
      return Buffer.from(input.sign(tagManifest));
    });
    zip.end();
    zip.outputStream.pipe(out);
  });
}

/**
 * Entry times hold the UTC wall clock of `t` in the DOS fields, with no extended
 * timestamp: yazl fills the DOS fields from the local clock, and a package must not
 * change with the time zone of the machine writing it (re-exports are byte-identical).
 */
function zipClock(t: Date): Date {
  return new Date(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

function readableOf(bytes: Uint8Array): Readable {
  const t = new PassThrough();
  t.end(Buffer.from(bytes));
  return t;
}

/** Passes bytes through while hashing them; checks the SHA-256 the store promised, if any. */
function hashing(p: PayloadSource, done: (sha512: string) => void, onBytes: (n: number) => void): Transform {
  const h512 = createHash('sha512');
  const h256 = 'sha256' in p && p.sha256 ? createHash('sha256') : null;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h512.update(chunk);
      h256?.update(chunk);
      onBytes(chunk.length);
      cb(null, chunk);
    },
    flush(cb) {
      if (h256 && 'sha256' in p && h256.digest('hex') !== p.sha256) {
        cb(new PackageError('exportSourceChanged', p.file, 'the stored file no longer matches its hash'));
        return;
      }
      done(h512.digest('hex'));
      cb();
    },
  });
}
