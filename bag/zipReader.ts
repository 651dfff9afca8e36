// Reading a zip from outside without trusting it. Opening reads the whole
// central directory first and refuses the archive before any content is read
// when a name, a size, a count or a ratio is wrong; entries are then read as
// streams, never unpacked to disk. Every refusal is a PackageError naming the entry.
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import * as yauzl from 'yauzl';
import { PackageError } from './errors';
import type { ZipLimits } from './limits';

export interface SafeEntry {
  /** The full name inside the zip ("<bag-id>/data/report.json"). */
  name: string;
  /** The name below the one top folder ("data/report.json"). */
  path: string;
  size: number;
  compressedSize: number;
  raw: yauzl.Entry;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Why a name is refused, or null when it is a plain relative path. Exported for the extract and writer sides. */
export function nameProblem(name: string, maxBytes: number): { code: PackageError['code']; detail: string } | null {
  if (Buffer.byteLength(name) > maxBytes) return { code: 'zipBadName', detail: 'name too long' };
  if (name.includes('\\')) return { code: 'zipBadName', detail: 'backslash in name' };
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return { code: 'zipAbsolutePath', detail: 'absolute path' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { code: 'zipBadName', detail: 'control character in name' };
  if (/[:*?"<>|]/.test(name)) return { code: 'zipBadName', detail: 'character not allowed in a file name' };
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return { code: 'zipParentPath', detail: '".." in path' };
  if (segments.some((s) => s === '' || s === '.')) return { code: 'zipBadName', detail: 'empty or "." path segment' };
  return null;
}

/** Two names that land on the same file on a case-insensitive or normalising file system. */
const collisionKey = (name: string): string => name.replace(/\/$/, '').normalize('NFC').toLowerCase();

export class SafeZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly topFolder: string,
    readonly files: SafeEntry[],
    private readonly limits: ZipLimits,
  ) {}

  static async open(zipPath: string, limits: ZipLimits): Promise<SafeZip> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (e) {
      throw new PackageError('zipUnreadable', undefined, (e as Error).message);
    }
    try {
      if (zip.entryCount > limits.maxEntries)
        throw new PackageError('zipTooManyEntries', undefined, `${zip.entryCount} entries, limit ${limits.maxEntries}`);
      const entries = await readCentralDirectory(zip);
      const { topFolder, files } = checkEntries(entries, limits);
      await checkLocalHeaders(zip, files);
      return new SafeZip(zip, topFolder, files, limits);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /** The entry's bytes as a stream; errors (short, long, corrupt data) arrive as PackageErrors. */
  async openStream(entry: SafeEntry): Promise<Readable> {
    let source: Readable;
    try {
      source = await this.zip.openReadStreamPromise(entry.raw);
    } catch (e) {
      throw new PackageError('zipUnreadable', entry.path, (e as Error).message);
    }
    let seen = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > entry.size) done(new PackageError('zipEntrySize', entry.path, `more than the declared ${entry.size} bytes`));
        else done(null, chunk);
      },
      flush(done) {
        done(seen === entry.size ? null : new PackageError('zipEntrySize', entry.path, `${seen} bytes, declared ${entry.size}`));
      },
    });
    source.on('error', (e: Error) => {
      const sizeError = /too many bytes|not enough bytes/.test(e.message);
      guard.destroy(new PackageError(sizeError ? 'zipEntrySize' : 'zipUnreadable', entry.path, e.message));
    });
    return source.pipe(guard);
  }

  /** Small entries (tag files, report.json) read whole, within the in-memory limit. */
  async readAll(entry: SafeEntry): Promise<Buffer> {
    if (entry.size > this.limits.maxInMemoryBytes) throw new PackageError('zipTooLarge', entry.path, `${entry.size} bytes`);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openStream(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}

async function readCentralDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (e) {
    const msg = (e as Error).message;
    throw new PackageError(/size mismatch/.test(msg) ? 'zipEntrySize' : 'zipUnreadable', undefined, msg);
  }
  return entries;
}

function checkEntries(entries: yauzl.Entry[], limits: ZipLimits): { topFolder: string; files: SafeEntry[] } {
  const seen = new Set<string>();
  const tops = new Set<string>();
  const files: SafeEntry[] = [];
  let total = 0;
  for (const raw of entries) {
    const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true);
    const problem = nameProblem(name, limits.maxNameBytes);
    if (problem) throw new PackageError(problem.code, name, problem.detail);
    const key = collisionKey(name);
    if (seen.has(key)) throw new PackageError('zipDuplicate', name, 'the name occurs more than once');
    seen.add(key);

    const mode = (raw.externalFileAttributes >>> 16) & 0xffff;
    const type = mode & S_IFMT;
    if (type === S_IFLNK) throw new PackageError('zipLink', name, 'symbolic link');
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new PackageError('zipLink', name, 'special file');
    if (raw.generalPurposeBitFlag & 0x1) throw new PackageError('zipEncrypted', name);
    const isDirectory = name.endsWith('/');
    if (isDirectory && raw.uncompressedSize > 0) throw new PackageError('zipBadName', name, 'folder entry with content');
    if (!isDirectory && type === S_IFDIR) throw new PackageError('zipBadName', name, 'folder attributes on a file entry');
    if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8)
      throw new PackageError('zipCompression', name, `compression method ${raw.compressionMethod}`);

    const slash = name.indexOf('/');
    if (slash < 0) throw new PackageError('zipNotOneFolder', name, 'a file at the top of the zip');
    tops.add(name.slice(0, slash));
    if (tops.size > 1) throw new PackageError('zipNotOneFolder', name, 'more than one top folder');
    if (isDirectory) continue;

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

/**
 * Each local header must carry the central directory's name, and no two
 * entries' data may overlap (overlapping entries are how the worst zip bombs
 * reuse one compressed stream many times).
 */
async function checkLocalHeaders(zip: yauzl.ZipFile, files: SafeEntry[]): Promise<void> {
  const ranges: { start: number; end: number; name: string }[] = [];
  for (const f of files) {
    let header: yauzl.LocalFileHeader;
    try {
      header = await zip.readLocalFileHeaderPromise(f.raw);
    } catch (e) {
      throw new PackageError('zipUnreadable', f.name, (e as Error).message);
    }
    if (!header.fileName.equals(f.raw.fileNameRaw)) throw new PackageError('zipHeaderMismatch', f.name, 'local header names another file');
    const end = header.fileDataStart + f.compressedSize;
    if (end > zip.fileSize) throw new PackageError('zipEntrySize', f.name, 'data runs past the end of the zip');
    ranges.push({ start: f.raw.relativeOffsetOfLocalHeader, end, name: f.name });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev && cur && cur.start < prev.end) throw new PackageError('zipOverlap', cur.name, `overlaps ${prev.name}`);
  }
}
