// The layout of a zip from outside, checked so that every byte belongs to
// exactly one record. Readers disagree on a zip whose central directory and
// local headers tell different stories (yauzl trusts the directory and the
// end record's count; `unzip` and Python's zipfile scan differently), and a
// forged file slipped into the difference is extracted by one and never
// seen by another. So the archive is read both ways and must agree:
//
//   [local header, data, descriptor?] x N | central directory (N) | [zip64 end, locator] | end record
//
// from offset 0 to the last byte, with no gaps, no overlaps, no comment and
// nothing after the end record. Nothing here reads entry contents; the CRC
// of each entry is checked while it is streamed (zipReader.ts).
import type { FileHandle } from 'node:fs/promises';
import { PackageError } from './errors';
import type { ZipLimits } from './limits';

export interface ZipEntry {
  index: number;
  nameRaw: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's (compressed) data starts, after its local header. */
  dataStart: number;
  externalAttributes: number;
  /** The high byte of "version made by": 3 = Unix (mode in the attributes), 0 = MS-DOS. */
  host: number;
  /** The central directory carries a ZIP64 extra field (and the descriptor has 8-byte sizes). */
  zip64: boolean;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50, descriptor: 0x08074b50 };
const END_SIZE = 22;
const LOCATOR64_SIZE = 20;
const END64_SIZE = 56;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const U16 = 0xffff;
const U32 = 0xffffffff;
/** Flags a package may use: sizes in a trailing descriptor (3), UTF-8 names (11), deflate level (1-2). */
const KNOWN_FLAGS = 0x0808 | 0x0006;
const ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;
/** Extra fields we accept, with their largest size: ZIP64, Info-ZIP's timestamp ("UT") and Unix owner ("ux"). */
const EXTRA_MAX: ReadonlyMap<number, number> = new Map([
  [0x0001, 28],
  [0x5455, 13],
  [0x7875, 19],
]);

const fail = (code: PackageError['code'], detail: string, file?: string): never => {
  throw new PackageError(code, file, detail);
};

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) fail('zipUnreadable', `the file ends inside a record at ${position}`);
  return buf;
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('zipUnreadable', 'a 64-bit size beyond any real file');
  return Number(v);
}

interface EndRecord {
  entries: number;
  cdOffset: number;
  cdSize: number;
  /** Where the central directory must end: the ZIP64 end record, or the end record. */
  cdEnd: number;
}

/** The end record must be the last 22 bytes (no comment, nothing after it); a ZIP64 record and locator sit just before it. */
export async function readEndRecord(fh: FileHandle, fileSize: number): Promise<EndRecord> {
  if (fileSize < END_SIZE) fail('zipUnreadable', 'too short to be a zip');
  const end = await readAt(fh, fileSize - END_SIZE, END_SIZE);
  if (end.readUInt32LE(0) !== SIG.end) await explainMissingEnd(fh, fileSize);
  if (end.readUInt16LE(20) !== 0) fail('zipComment', 'the end record declares a comment');
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0 || end.readUInt16LE(8) !== end.readUInt16LE(10))
    fail('zipFeature', 'a multi-disk (spanned) archive');
  const entries16 = end.readUInt16LE(10);
  const cdSize32 = end.readUInt32LE(12);
  const cdOffset32 = end.readUInt32LE(16);
  const locatorAt = fileSize - END_SIZE - LOCATOR64_SIZE;
  const locator = locatorAt >= 0 ? await readAt(fh, locatorAt, LOCATOR64_SIZE) : null;
  if (!locator || locator.readUInt32LE(0) !== SIG.locator64) {
    if (entries16 === U16 || cdSize32 === U32 || cdOffset32 === U32) fail('zipEntryCount', 'the end record points to a ZIP64 record that is not there');
    return { entries: entries16, cdOffset: cdOffset32, cdSize: cdSize32, cdEnd: fileSize - END_SIZE };
  }
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) !== 1) fail('zipFeature', 'a multi-disk (spanned) ZIP64 archive');
  const end64At = u64(locator, 8);
  if (end64At + END64_SIZE !== locatorAt) fail('zipGap', 'the ZIP64 end record is not just before its locator (extra data, or a longer record)');
  const end64 = await readAt(fh, end64At, END64_SIZE);
  if (end64.readUInt32LE(0) !== SIG.end64) fail('zipUnreadable', 'no ZIP64 end record where the locator points');
  if (u64(end64, 4) !== END64_SIZE - 12) fail('zipGap', 'the ZIP64 end record carries extensible data');
  if (end64.readUInt32LE(16) !== 0 || end64.readUInt32LE(20) !== 0 || u64(end64, 24) !== u64(end64, 32)) fail('zipFeature', 'a multi-disk (spanned) ZIP64 archive');
  const rec = { entries: u64(end64, 32), cdSize: u64(end64, 40), cdOffset: u64(end64, 48), cdEnd: end64At };
  // The 32/16-bit copies must say "see ZIP64" or the same number: a reader that never looks at ZIP64 must not see another archive.
  if (entries16 !== U16 && entries16 !== rec.entries) fail('zipEntryCount', `the end record counts ${entries16} entries, the ZIP64 record ${rec.entries}`);
  if ((cdSize32 !== U32 && cdSize32 !== rec.cdSize) || (cdOffset32 !== U32 && cdOffset32 !== rec.cdOffset))
    fail('zipHeaderMismatch', 'the end record and the ZIP64 end record place the central directory differently');
  return rec;
}

/** Names the reason there is no end record in the last 22 bytes: a comment, data after it, or no zip at all. */
async function explainMissingEnd(fh: FileHandle, fileSize: number): Promise<never> {
  const span = Math.min(fileSize, END_SIZE + U16 + 1024 * 1024);
  const tail = await readAt(fh, fileSize - span, span);
  const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0 || at + END_SIZE > tail.length) return fail('zipUnreadable', 'no end record: not a zip file, or a truncated one');
  const commentLength = tail.readUInt16LE(at + 20);
  if (commentLength > 0 && at + END_SIZE + commentLength === tail.length) return fail('zipComment', `a zip comment of ${commentLength} bytes`);
  return fail('zipGap', `${tail.length - at - END_SIZE} bytes after the end record`);
}

/** Reads every central directory record in [cdOffset, cdEnd); the count must be the declared one. */
export async function readCentralDirectory(fh: FileHandle, end: EndRecord, limits: ZipLimits): Promise<ZipEntry[]> {
  if (end.cdOffset + end.cdSize !== end.cdEnd)
    fail(end.cdOffset + end.cdSize > end.cdEnd ? 'zipOverlap' : 'zipGap', 'the central directory does not end where the end record begins');
  if (end.cdSize > limits.maxCentralDirectoryBytes) fail('zipTooManyEntries', `a central directory of ${end.cdSize} bytes`);
  const cd = await readAt(fh, end.cdOffset, end.cdSize);
  const entries: ZipEntry[] = [];
  let count = 0;
  for (let at = 0; at < cd.length; count++) {
    if (at + CENTRAL_SIZE > cd.length || cd.readUInt32LE(at) !== SIG.central) fail('zipUnreadable', `central directory record ${count + 1} is damaged`);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > cd.length) fail('zipUnreadable', `central directory record ${count + 1} runs past the directory`);
    // Past the limit the records are only counted (the count decides which error is named), not kept.
    if (count < limits.maxEntries) entries.push(centralEntry(cd, at, count));
    at = next;
  }
  if (count !== end.entries) {
    const wrapped = end.entries < count && (count - end.entries) % 65536 === 0 ? ' (a 16-bit count that wrapped)' : '';
    fail('zipEntryCount', `the end record declares ${end.entries} entries, the central directory holds ${count}${wrapped}`);
  }
  if (count > limits.maxEntries) fail('zipTooManyEntries', `${count} entries, limit ${limits.maxEntries}`);
  return entries;
}

function centralEntry(cd: Buffer, at: number, index: number): ZipEntry {
  const nameLength = cd.readUInt16LE(at + 28);
  const extraLength = cd.readUInt16LE(at + 30);
  const nameRaw = Buffer.from(cd.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
  const label = nameRaw.toString('utf8');
  const flags = cd.readUInt16LE(at + 8);
  checkFlags(flags, cd.readUInt16LE(at + 10), label);
  if (cd.readUInt16LE(at + 32) !== 0) fail('zipComment', 'a file comment in the central directory', label);
  const extra = parseExtra(cd.subarray(at + CENTRAL_SIZE + nameLength, at + CENTRAL_SIZE + nameLength + extraLength), label);
  let uncompressedSize = cd.readUInt32LE(at + 24);
  let compressedSize = cd.readUInt32LE(at + 20);
  let localHeaderOffset = cd.readUInt32LE(at + 42);
  let disk = cd.readUInt16LE(at + 34);
  const z = extra.get(0x0001);
  if (z) {
    // ZIP64 holds exactly the fields whose short form is all ones, in this order (APPNOTE 4.5.3).
    let p = 0;
    const take = (): number => {
      if (p + 8 > z.length) fail('zipExtraField', 'ZIP64 extra field shorter than the fields it replaces', label);
      const v = u64(z, p);
      p += 8;
      return v;
    };
    if (uncompressedSize === U32) uncompressedSize = take();
    if (compressedSize === U32) compressedSize = take();
    if (localHeaderOffset === U32) localHeaderOffset = take();
    if (disk === U16) disk = p + 4 <= z.length ? z.readUInt32LE((p += 4) - 4) : -1;
    if (p !== z.length) fail('zipExtraField', 'ZIP64 extra field with fields nothing refers to', label);
  } else if (uncompressedSize === U32 || compressedSize === U32 || localHeaderOffset === U32 || disk === U16) {
    fail('zipExtraField', 'a ZIP64 size or offset without its extra field', label);
  }
  if (disk !== 0) fail('zipFeature', 'an entry on another disk', label);
  return {
    index,
    nameRaw,
    flags,
    method: cd.readUInt16LE(at + 10),
    crc32: cd.readUInt32LE(at + 16),
    compressedSize,
    uncompressedSize,
    localHeaderOffset,
    dataStart: -1,
    externalAttributes: cd.readUInt32LE(at + 38),
    host: cd.readUInt8(at + 5),
    zip64: z !== undefined,
  };
}

function checkFlags(flags: number, method: number, label: string): void {
  if (flags & ENCRYPTION_FLAGS) fail('zipEncrypted', 'encrypted entry', label);
  if (flags & ~KNOWN_FLAGS) fail('zipFeature', `general purpose flags 0x${flags.toString(16)}`, label);
  if (method !== 0 && method !== 8) fail('zipCompression', `compression method ${method}`, label);
  if (method === 0 && flags & 0x0006) fail('zipFeature', 'deflate options on a stored entry', label);
}

/** Extra fields as id -> data; unknown ids, repeats, oversized or truncated fields are refused. */
function parseExtra(block: Buffer, label: string): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (let p = 0; p < block.length; ) {
    if (p + 4 > block.length) fail('zipExtraField', 'a truncated extra field', label);
    const id = block.readUInt16LE(p);
    const size = block.readUInt16LE(p + 2);
    const max = EXTRA_MAX.get(id);
    if (max === undefined) fail('zipExtraField', `unknown extra field 0x${id.toString(16).padStart(4, '0')}`, label);
    if (size > (max ?? 0)) fail('zipExtraField', `extra field 0x${id.toString(16).padStart(4, '0')} of ${size} bytes`, label);
    if (p + 4 + size > block.length) fail('zipExtraField', 'an extra field runs past its block', label);
    if (out.has(id)) fail('zipExtraField', `extra field 0x${id.toString(16).padStart(4, '0')} twice`, label);
    out.set(id, block.subarray(p + 4, p + 4 + size));
    p += 4 + size;
  }
  return out;
}

/**
 * Walks the local headers from offset 0 in directory order: each entry must
 * start where the previous one ended (the first at 0), its local header must
 * say what the directory says, and its data descriptor (if any) too. The last
 * entry must end where the central directory begins. Sets each entry's dataStart.
 */
export async function walkLocalHeaders(fh: FileHandle, entries: ZipEntry[], cdOffset: number): Promise<void> {
  let pos = 0;
  for (const e of entries) {
    const label = e.nameRaw.toString('utf8');
    if (e.localHeaderOffset < pos) fail('zipOverlap', 'its local header lies inside the entry before it (or the directory is out of order)', label);
    if (e.localHeaderOffset > pos) await explainGap(fh, pos, e.localHeaderOffset, label);
    const head = await readAt(fh, pos, LOCAL_SIZE);
    if (head.readUInt32LE(0) !== SIG.local) fail('zipHeaderMismatch', 'no local header where the directory points', label);
    const nameLength = head.readUInt16LE(26);
    const extraLength = head.readUInt16LE(28);
    const rest = await readAt(fh, pos + LOCAL_SIZE, nameLength + extraLength);
    if (!rest.subarray(0, nameLength).equals(e.nameRaw)) fail('zipHeaderMismatch', 'the local header names another file', label);
    const flags = head.readUInt16LE(6);
    const method = head.readUInt16LE(8);
    if (flags !== e.flags) fail('zipHeaderMismatch', `flags 0x${flags.toString(16)} here, 0x${e.flags.toString(16)} in the directory`, label);
    if (method !== e.method) fail('zipHeaderMismatch', `compression method ${method} here, ${e.method} in the directory`, label);
    const extra = parseExtra(rest.subarray(nameLength), label);
    checkLocalSizes(e, head, extra.get(0x0001), label);
    e.dataStart = pos + LOCAL_SIZE + nameLength + extraLength;
    pos = e.dataStart + e.compressedSize;
    if (pos > cdOffset) fail('zipEntrySize', 'its data runs into the central directory', label);
    if (e.flags & 0x0008) pos = await checkDescriptor(fh, e, pos, cdOffset, label);
  }
  if (pos < cdOffset) await explainGap(fh, pos, cdOffset, 'the central directory');
}

/** With a descriptor (flag 3) the local header may leave CRC and sizes zero; otherwise, and when it fills them in, they must agree. */
function checkLocalSizes(e: ZipEntry, head: Buffer, zip64: Buffer | undefined, label: string): void {
  const deferred = (e.flags & 0x0008) !== 0;
  const crc = head.readUInt32LE(14);
  let compressed = head.readUInt32LE(18);
  let uncompressed = head.readUInt32LE(22);
  if (zip64) {
    // In a local header the ZIP64 field holds both sizes (APPNOTE 4.5.3).
    if (zip64.length !== 16 || compressed !== U32 || uncompressed !== U32) fail('zipExtraField', 'a ZIP64 field in the local header that is not the two sizes', label);
    uncompressed = u64(zip64, 0);
    compressed = u64(zip64, 8);
  } else if (compressed === U32 || uncompressed === U32) {
    fail('zipExtraField', 'a ZIP64 size in the local header without its extra field', label);
  }
  const agrees = (local: number, central: number): boolean => local === central || (deferred && local === 0);
  if (!agrees(crc, e.crc32)) fail('zipHeaderMismatch', 'the local header has another CRC-32 than the directory', label);
  if (!agrees(compressed, e.compressedSize) || !agrees(uncompressed, e.uncompressedSize))
    fail('zipHeaderMismatch', 'the local header has other sizes than the directory', label);
}

async function checkDescriptor(fh: FileHandle, e: ZipEntry, at: number, cdOffset: number, label: string): Promise<number> {
  const size = e.zip64 ? 24 : 16;
  if (at + size > cdOffset) fail('zipHeaderMismatch', 'its data descriptor is missing', label);
  const d = await readAt(fh, at, size);
  if (d.readUInt32LE(0) !== SIG.descriptor) fail('zipHeaderMismatch', 'its data descriptor is missing or has no signature', label);
  const crc = d.readUInt32LE(4);
  const compressed = e.zip64 ? u64(d, 8) : d.readUInt32LE(8);
  const uncompressed = e.zip64 ? u64(d, 16) : d.readUInt32LE(12);
  if (crc !== e.crc32 || compressed !== e.compressedSize || uncompressed !== e.uncompressedSize)
    fail('zipHeaderMismatch', 'its data descriptor disagrees with the directory', label);
  return at + size;
}

/** Bytes between records belong to no entry: a hidden local entry, a prepended program, or smuggled data. */
async function explainGap(fh: FileHandle, from: number, to: number, before: string): Promise<never> {
  const sig = to - from >= 4 ? (await readAt(fh, from, 4)).readUInt32LE(0) : 0;
  if (sig === SIG.local) {
    const head = to - from >= LOCAL_SIZE ? await readAt(fh, from, LOCAL_SIZE) : null;
    const n = head ? head.readUInt16LE(26) : 0;
    const name = head && from + LOCAL_SIZE + n <= to ? (await readAt(fh, from + LOCAL_SIZE, n)).toString('utf8') : `offset ${from}`;
    return fail('zipUnlisted', `a local entry at offset ${from} that the central directory does not list`, name);
  }
  const where = from === 0 ? 'before the first entry (a prepended program or stub)' : `at offset ${from}, before ${before}`;
  return fail('zipGap', `${to - from} bytes that belong to no entry, ${where}`);
}
