// A low-level zip writer for tests only, written from APPNOTE.TXT rather than
// from the app's reader: every field of every record can be made to lie, so
// that local headers, data descriptors, the central directory and the end
// records disagree in the ways real tools read differently.
import { crc32, deflateRawSync } from 'node:zlib';

export interface HeaderFields {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  extra: Buffer;
}

export interface ForgeEntry {
  name: string;
  data: Buffer;
  /** 0 stored (default), 8 deflated, anything else written as is. */
  method?: number;
  /** Sizes and CRC in a trailing descriptor (flag 3), zeros in the local header; as yazl writes. */
  descriptor?: boolean;
  /** Unix mode for the external attributes (default regular file 0644). */
  mode?: number;
  /** Fields written into the local header instead of the true ones. */
  local?: Partial<HeaderFields>;
  /** Fields written into the central directory instead of the true ones. */
  central?: Partial<HeaderFields> & { offset?: number; comment?: Buffer };
  /** Fields written into the data descriptor instead of the true ones. */
  descriptorFields?: Partial<{ crc: number; compressedSize: number; uncompressedSize: number; signature: boolean }>;
  /** Bytes appended to the compressed data, counted in its sizes (data the inflater never reaches). */
  padData?: Buffer;
  /** Bytes after the entry that belong to no record. */
  after?: Buffer;
  /** ZIP64 as yazl writes big entries: all-ones sizes and offset in the directory, their values in a ZIP64 extra field, a 24-byte descriptor. */
  zip64?: boolean;
  /** Written as a local entry only: the central directory does not list it. */
  hidden?: boolean;
  /** Listed in the central directory only: no local header or data. */
  centralOnly?: boolean;
}

export interface ForgeOptions {
  /** Bytes before the first entry (a self-extractor stub). */
  prefix?: Buffer;
  /** The end record's entry count (both 16-bit fields), instead of the true one (mod 65536). */
  count?: number;
  comment?: Buffer;
  /** Bytes after the end record. */
  trailing?: Buffer;
  /** Write ZIP64 end record and locator (as yazl does for big archives). */
  zip64?: boolean;
  /** The ZIP64 record's entry count, instead of the true one. */
  zip64Count?: number;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function forgeZip(entries: ForgeEntry[], opts: ForgeOptions = {}): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let pos = 0;
  const push = (b: Buffer): void => {
    out.push(b);
    pos += b.length;
  };
  if (opts.prefix) push(opts.prefix);
  let listed = 0;
  for (const e of entries) {
    const method = e.method ?? 0;
    const body = Buffer.concat([method === 8 ? deflateRawSync(e.data) : e.data, e.padData ?? Buffer.alloc(0)]);
    const truth: HeaderFields = {
      name: Buffer.from(e.name, 'utf8'),
      flags: 0x0800 | (e.descriptor ? 0x0008 : 0),
      method,
      crc: crc32(e.data),
      compressedSize: body.length,
      uncompressedSize: e.data.length,
      extra: Buffer.alloc(0),
    };
    const offset = pos;
    if (!e.centralOnly) {
      const l = { ...truth, ...(e.descriptor ? { crc: 0, compressedSize: 0, uncompressedSize: 0 } : {}), ...e.local };
      push(Buffer.concat([u32(0x04034b50), u16(20), u16(l.flags), u16(l.method), u32(0), u32(l.crc), u32(l.compressedSize), u32(l.uncompressedSize), u16(l.name.length), u16(l.extra.length), l.name, l.extra]));
      push(body);
      if (e.descriptor) {
        const d = { crc: truth.crc, compressedSize: truth.compressedSize, uncompressedSize: truth.uncompressedSize, signature: true, ...e.descriptorFields };
        const size = e.zip64 ? u64 : u32;
        push(Buffer.concat([d.signature ? u32(0x08074b50) : Buffer.alloc(0), u32(d.crc), size(d.compressedSize), size(d.uncompressedSize)]));
      }
    }
    if (e.after) push(e.after);
    if (e.hidden) continue;
    const z64 = e.zip64
      ? { compressedSize: 0xffffffff, uncompressedSize: 0xffffffff, offset: 0xffffffff, extra: Buffer.concat([u16(0x0001), u16(24), u64(truth.uncompressedSize), u64(truth.compressedSize), u64(offset)]) }
      : {};
    const c = { ...truth, offset, comment: Buffer.alloc(0), ...z64, ...e.central };
    central.push(
      Buffer.concat([
        u32(0x02014b50), u16((3 << 8) | 20), u16(20), u16(c.flags), u16(c.method), u32(0), u32(c.crc), u32(c.compressedSize), u32(c.uncompressedSize),
        u16(c.name.length), u16(c.extra.length), u16(c.comment.length), u16(0), u16(0), u32(((e.mode ?? 0o100644) << 16) >>> 0), u32(c.offset),
        c.name, c.extra, c.comment,
      ]),
    );
    listed++;
  }
  const cd = Buffer.concat(central);
  const cdOffset = pos;
  push(cd);
  if (opts.zip64) {
    const at = pos;
    const count = opts.zip64Count ?? listed;
    push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(cd.length), u64(cdOffset)]));
    push(Buffer.concat([u32(0x07064b50), u32(0), u64(at), u32(1)]));
  }
  const count16 = opts.count ?? (opts.zip64 ? 0xffff : listed);
  const comment = opts.comment ?? Buffer.alloc(0);
  push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count16), u16(count16), u32(cd.length), u32(opts.zip64 ? 0xffffffff : cdOffset), u16(comment.length), comment]));
  if (opts.trailing) push(opts.trailing);
  return Buffer.concat(out);
}
