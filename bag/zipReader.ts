// Reading a zip from outside without trusting it. Opening checks the whole
// layout (zipStructure.ts: every byte in exactly one record, the central
// directory and the local headers telling one story) and every name, size,
// count and ratio, before any content is read; entries are then read as
// streams whose length and CRC-32 are checked, never unpacked to disk. Every
// refusal is a PackageError naming the entry.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { PackageError } from './errors';
import type { ZipLimits } from './limits';
import { NameRegistry, nameProblem } from './zipNames';
import { readCentralDirectory, readEndRecord, walkLocalHeaders, type ZipEntry } from './zipStructure';

export { nameProblem } from './zipNames';

export interface SafeEntry {
  /** The full name inside the zip ("<bag-id>/data/report.json"). */
  name: string;
  /** The name below the one top folder ("data/report.json"). */
  path: string;
  size: number;
  compressedSize: number;
  raw: ZipEntry;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const HOST_UNIX = 3;
const STREAM_CHUNK = 256 * 1024;

export class SafeZip {
  private constructor(
    private readonly fh: FileHandle,
    readonly topFolder: string,
    readonly files: SafeEntry[],
  ) {}

  static async open(zipPath: string, limits: ZipLimits): Promise<SafeZip> {
    let fh: FileHandle;
    let size: number;
    try {
      fh = await open(zipPath, 'r');
      size = (await fh.stat()).size;
    } catch (e) {
      throw new PackageError('zipUnreadable', undefined, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    try {
      const end = await readEndRecord(fh, size);
      const entries = await readCentralDirectory(fh, end, limits);
      const { topFolder, files } = checkEntries(entries, limits);
      await walkLocalHeaders(fh, entries, end.cdOffset);
      return new SafeZip(fh, topFolder, files);
    } catch (e) {
      await fh.close();
      if (e instanceof PackageError) throw e;
      throw new PackageError('zipUnreadable', undefined, (e as Error).message);
    }
  }

  /** The entry's bytes as a stream; short, long, corrupt or CRC-failing data arrives as a PackageError. */
  openStream(entry: SafeEntry): Readable {
    const e = entry.raw;
    const source = rangeStream(this.fh, e.dataStart, e.compressedSize);
    const inflate = e.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : null;
    let seen = 0;
    let crc = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > entry.size) return done(new PackageError('zipEntrySize', entry.path, `more than the declared ${entry.size} bytes`));
        crc = crc32(chunk, crc);
        done(null, chunk);
      },
      flush(done) {
        if (seen !== entry.size) return done(new PackageError('zipEntrySize', entry.path, `${seen} bytes, declared ${entry.size}`));
        // Deflate data that ends before its region does leaves bytes nobody reads.
        if (inflate && inflate.bytesWritten !== e.compressedSize)
          return done(new PackageError('zipGap', entry.path, `the compressed data ends ${e.compressedSize - inflate.bytesWritten} bytes before its entry does`));
        if (crc >>> 0 !== e.crc32) return done(new PackageError('zipCrc', entry.path, `CRC-32 ${(crc >>> 0).toString(16)}, declared ${e.crc32.toString(16)}`));
        done();
      },
    });
    const broken = (err: Error): void => {
      guard.destroy(err instanceof PackageError ? err : new PackageError(inflate ? 'zipCrc' : 'zipUnreadable', entry.path, err.message));
    };
    source.on('error', broken);
    inflate?.on('error', broken);
    guard.on('close', () => {
      source.destroy();
      inflate?.destroy();
    });
    (inflate ? source.pipe(inflate) : source).pipe(guard);
    return guard;
  }

  /** Small entries (tag files, report.json) read whole, refused above `cap` bytes. */
  async readAll(entry: SafeEntry, cap: number, code: PackageError['code'] = 'zipTooLarge'): Promise<Buffer> {
    if (entry.size > cap) throw new PackageError(code, entry.path, `${entry.size} bytes, limit ${cap}`);
    const chunks: Buffer[] = [];
    for await (const chunk of this.openStream(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/**
 * Bytes [start, start + length) of the file, read positionally through the
 * one handle the layout was checked through (fs streams close their
 * descriptor when destroyed; this one leaves it to SafeZip.close).
 */
function rangeStream(fh: FileHandle, start: number, length: number): Readable {
  let pos = start;
  const end = start + length;
  return new Readable({
    highWaterMark: STREAM_CHUNK,
    read() {
      const n = Math.min(STREAM_CHUNK, end - pos);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const buf = Buffer.allocUnsafe(n);
      fh.read(buf, 0, n, pos).then(
        ({ bytesRead }) => {
          if (bytesRead === 0) return this.destroy(new Error('the file ends inside an entry'));
          pos += bytesRead;
          this.push(buf.subarray(0, bytesRead));
        },
        (err: Error) => this.destroy(err),
      );
    },
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(e: ZipEntry): string {
  if (e.flags & 0x0800) {
    try {
      return utf8.decode(e.nameRaw);
    } catch {
      throw new PackageError('zipBadName', e.nameRaw.toString('latin1'), 'the name is not valid UTF-8');
    }
  }
  // Without the UTF-8 flag, tools read the name as code page 437 (unzip, Python) or guess: only ASCII means one thing.
  if (e.nameRaw.some((b) => b >= 0x80)) throw new PackageError('zipBadName', e.nameRaw.toString('latin1'), 'a non-ASCII name without the UTF-8 flag');
  return e.nameRaw.toString('ascii');
}

function checkEntries(entries: ZipEntry[], limits: ZipLimits): { topFolder: string; files: SafeEntry[] } {
  const names = new NameRegistry();
  const tops = new Set<string>();
  const files: SafeEntry[] = [];
  let total = 0;
  for (const raw of entries) {
    const name = decodeName(raw);
    const problem = nameProblem(name, limits.maxNameBytes) ?? names.add(name);
    if (problem) throw new PackageError(problem.code, name, problem.detail);

    const mode = raw.host === HOST_UNIX ? (raw.externalAttributes >>> 16) & 0xffff : 0;
    const type = mode & S_IFMT;
    if (type === S_IFLNK) throw new PackageError('zipLink', name, 'symbolic link');
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new PackageError('zipLink', name, 'special file');
    const isDirectory = name.endsWith('/');
    if (isDirectory && (raw.uncompressedSize > 0 || raw.compressedSize > 0)) throw new PackageError('zipBadName', name, 'folder entry with content');
    if (!isDirectory && type === S_IFDIR) throw new PackageError('zipBadName', name, 'folder attributes on a file entry');

    const slash = name.indexOf('/');
    if (slash < 0) throw new PackageError('zipNotOneFolder', name, 'a file at the top of the zip');
    tops.add(name.slice(0, slash));
    if (tops.size > 1) throw new PackageError('zipNotOneFolder', name, 'more than one top folder');
    if (isDirectory) continue;

    if (raw.method === 0 && raw.compressedSize !== raw.uncompressedSize)
      throw new PackageError('zipEntrySize', name, `stored entry of ${raw.compressedSize} bytes declaring ${raw.uncompressedSize}`);
    if (raw.uncompressedSize > limits.maxEntryBytes)
      throw new PackageError('zipTooLarge', name, `${raw.uncompressedSize} bytes, limit ${limits.maxEntryBytes}`);
    total += raw.uncompressedSize;
    if (total > limits.maxTotalBytes) throw new PackageError('zipTooLarge', name, `more than ${limits.maxTotalBytes} bytes in all`);
    if (raw.uncompressedSize > limits.ratioFloorBytes && raw.uncompressedSize > raw.compressedSize * limits.maxRatio)
      throw new PackageError('zipRatio', name, `compressed ${raw.compressedSize} -> ${raw.uncompressedSize} bytes`);
    files.push({ name, path: name.slice(slash + 1), size: raw.uncompressedSize, compressedSize: raw.compressedSize, raw });
  }
  const [topFolder] = [...tops];
  if (topFolder === undefined) throw new PackageError('zipNotOneFolder', undefined, 'the zip is empty');
  return { topFolder, files };
}
