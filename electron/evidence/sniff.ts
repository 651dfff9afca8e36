// Decides a file's type from its first bytes (the name's extension is never trusted alone).
// Only an allowlist of evidence types is accepted; executables are refused by name and by content.
import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import { ApiError } from '../../shared/api/define';

export type EvidenceCategory = 'image' | 'pdf' | 'office' | 'video';

export interface SniffedType {
  mime: string;
  category: EvidenceCategory;
  /** Whether sharp can decode it here (thumbnails, downscale). */
  decodable: boolean;
}

const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'dll', 'cpl', 'lnk', 'vbs', 'vbe', 'js', 'jse', 'wsf',
  'wsh', 'ps1', 'psm1', 'sh', 'bash', 'jar', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'apk', 'hta', 'reg', 'elf', 'bin', 'run',
]);

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

function refuse(key: 'evidence.executable' | 'evidence.unknownType', name: string): never {
  throw new ApiError('invalid_args', key, { name });
}

function isExecutable(b: Uint8Array): boolean {
  return (
    startsWith(b, [0x4d, 0x5a]) || // MZ: Windows PE
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(b, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(b, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal / Java class
    startsWith(b, [0x23, 0x21]) // "#!" script
  );
}

/**
 * `bytes` is the whole file or, when `file` names it on disk, its first bytes (staging.ts
 * keeps 64 KiB): zip and OLE documents are then read from the file itself.
 */
export async function sniffType(bytes: Uint8Array, name: string, file?: string): Promise<SniffedType> {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (isExecutable(bytes) || (name.includes('.') && EXECUTABLE_EXTENSIONS.has(ext))) refuse('evidence.executable', name);
  const b = bytes;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', category: 'image', decodable: true };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', category: 'image', decodable: true };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { mime: 'image/webp', category: 'image', decodable: true };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { mime: 'image/gif', category: 'image', decodable: true };
  if (ascii(b, 0, 5) === '%PDF-') return { mime: 'application/pdf', category: 'pdf', decodable: false };
  if (ascii(b, 4, 8) === 'ftyp') {
    const t = isoMediaType(b);
    if (t) return t;
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const mime = await officeZipType(b, file);
    if (mime) return { mime, category: 'office', decodable: false };
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const mime = legacyOfficeType(file ? await readStart(file, OLE_SCAN_BYTES) : b);
    if (mime) return { mime, category: 'office', decodable: false };
  }
  return refuse('evidence.unknownType', name);
}

/** HEIC/AVIF photos and MP4/MOV videos share the ISO media "ftyp" box. */
function isoMediaType(b: Uint8Array): SniffedType | null {
  const boxSize = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const end = Math.min(b.length, Math.max(16, Math.min(boxSize, 256)));
  const brands = [ascii(b, 8, 12)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, i + 4));
  const has = (...xs: string[]): boolean => xs.some((x) => brands.includes(x));
  if (has('avif', 'avis')) return { mime: 'image/avif', category: 'image', decodable: true };
  if (has('heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'))
    return { mime: 'image/heic', category: 'image', decodable: false }; // this sharp build has no HEVC decoder
  if (brands[0] === 'qt  ') return { mime: 'video/quicktime', category: 'video', decodable: false };
  if (has('isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash')) return { mime: 'video/mp4', category: 'video', decodable: false };
  return null;
}

const OOXML: [string, string][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

/** A zip is accepted only when it is a Word, Excel or PowerPoint document. */
async function officeZipType(bytes: Uint8Array, file?: string): Promise<string | null> {
  const names = await zipEntryNames(file ?? bytes, 5000).catch(() => null);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  for (const [prefix, mime] of OOXML) if (names.some((n) => n.startsWith(prefix))) return mime;
  return null;
}

function zipEntryNames(source: Uint8Array | string, max: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const onZip = (err: Error | null, zip?: yauzl.ZipFile): void => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        if (names.length >= max) {
          zip.close();
          resolve(names);
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    };
    const options = { lazyEntries: true, validateEntrySizes: false };
    if (typeof source === 'string') yauzl.open(source, { ...options, autoClose: true }, onZip);
    else yauzl.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), options, onZip);
  });
}

/** OLE stream names sit in the directory sectors, near the start in the files Office writes. */
const OLE_SCAN_BYTES = 32 * 1024 * 1024;

async function readStart(file: string, max: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const size = Math.min(max, (await fh.stat()).size);
    const buf = Buffer.alloc(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/** Old .doc/.xls/.ppt are OLE2 compound files; their stream names say which. */
function legacyOfficeType(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes(utf16('WordDocument'))) return 'application/msword';
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return 'application/vnd.ms-excel';
  if (buf.includes(utf16('PowerPoint Document'))) return 'application/vnd.ms-powerpoint';
  return null;
}

/** Types a browser may show inline; everything else is served as a download. */
export const INLINE_MIME = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'application/pdf']);
