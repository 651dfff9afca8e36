// BagIt 1.0 (RFC 8493) tag files: writing and strict reading.
// Manifests are "<hash>  <path>" lines, exactly what `sha512sum -c` reads the
// same way (see parseManifest); the writer never produces a path that needs
// RFC 8493's percent-encoding, so every reader agrees on every line.
import { PackageError } from './errors';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const TAG = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifest: 'manifest-sha512.txt',
  tagManifest: 'tagmanifest-sha512.txt',
  signature: 'tagmanifest-sha512.txt.minisig',
  /** RFC 8493 §2.2.3: files to download into the bag. A package must be complete, so it is refused. */
  fetch: 'fetch.txt',
} as const;
export const PAYLOAD_DIR = 'data/';

export interface ManifestLine {
  path: string;
  sha512: string;
}

/**
 * Checksum algorithms a bag may carry manifests for (RFC 8493 §2.4 names
 * these), with their hex length. Every manifest present must verify; a
 * manifest for any other algorithm is refused by name, never skipped.
 */
export const MANIFEST_ALGORITHMS = { sha512: 128, sha256: 64, sha1: 40, md5: 32 } as const;
export type ManifestAlgorithm = keyof typeof MANIFEST_ALGORITHMS;
const isAlgorithm = (a: string): a is ManifestAlgorithm => Object.hasOwn(MANIFEST_ALGORITHMS, a);

/** "manifest-sha256.txt" -> { tag: false, algorithm: 'sha256' }; null for other names; unknown algorithms refused. */
export function manifestKind(path: string): { tag: boolean; algorithm: ManifestAlgorithm } | null {
  const m = /^(tag)?manifest-(.*)\.txt$/.exec(path);
  if (!m || m[2] === undefined) return null;
  if (!isAlgorithm(m[2])) throw new PackageError('bagManifestAlgorithm', path, `checksum algorithm "${m[2]}" is not one of ${Object.keys(MANIFEST_ALGORITHMS).join(', ')}`);
  return { tag: m[1] !== undefined, algorithm: m[2] };
}

/**
 * The writer produces only lines every reader takes the same way: lowercase
 * hex, two spaces, the path as it is. RFC 8493 would percent-encode '%', CR
 * and LF, which `sha512sum -c` reads literally, so such paths are never written.
 */
export function formatManifest(lines: ManifestLine[]): string {
  for (const l of lines) {
    if (!/^[0-9a-f]{128}$/.test(l.sha512)) throw new Error(`not a lowercase SHA-512: ${l.sha512}`);
    if (/[%\r\n\\]/.test(l.path) || /^[ *]/.test(l.path)) throw new Error(`a manifest path readers would not agree on: ${JSON.stringify(l.path)}`);
  }
  return [...lines]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((l) => `${l.sha512}  ${l.path}\n`)
    .join('');
}

/** RFC 8493 §2.1.3: only %25, %0D and %0A are escapes; any other '%' is malformed. */
function decodeManifestPath(p: string): string | null {
  if (/%(?!25|0[aAdD])/.test(p)) return null;
  return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
}

/**
 * Reads a manifest as strictly as `sha512sum -c` and RFC 8493 together allow:
 * every line is "<lowercase hex>" + "  " or " *" + path + LF (GNU coreutils'
 * text and binary forms; no tabs, no CR, no BSD "SHA512 (x) =" lines, no
 * backslash-escaped lines, nothing after the last LF). Any other line, or a
 * path listed twice, is refused naming the manifest and the line.
 */
export function parseManifest(text: string, manifestName: string, algorithm: ManifestAlgorithm = 'sha512'): Map<string, string> {
  const out = new Map<string, string>();
  if (text !== '' && !text.endsWith('\n')) throw new PackageError('bagManifestSyntax', manifestName, 'the last line does not end with a line feed');
  const lines = text === '' ? [] : text.slice(0, -1).split('\n');
  const line = new RegExp(`^([0-9a-f]{${MANIFEST_ALGORITHMS[algorithm]}}) [ *]([^ *\r][^\r]*)$`);
  lines.forEach((l, i) => {
    const m = line.exec(l);
    if (!m || m[1] === undefined || m[2] === undefined)
      throw new PackageError('bagManifestSyntax', manifestName, `line ${i + 1} is not "<${algorithm} in lowercase hex>  <path>"`);
    const path = decodeManifestPath(m[2]);
    if (path === null) throw new PackageError('bagManifestSyntax', manifestName, `line ${i + 1}: a "%" that is not %25, %0D or %0A`);
    if (out.has(path)) throw new PackageError('bagManifestSyntax', manifestName, `line ${i + 1}: ${path} listed twice`);
    out.set(path, m[1]);
  });
  return out;
}

/** bag-info.txt: "Label: value" lines, values on one line each (we never fold). */
export function formatBagInfo(fields: [string, string][]): string {
  return fields
    .map(([label, value]) => {
      if (/[\r\n:]/.test(label) || /[\r\n]/.test(value)) throw new Error(`bag-info field cannot span lines: ${label}`);
      return `${label}: ${value}\n`;
    })
    .join('');
}

/** Reads bag-info.txt into label -> values; folded continuation lines (leading whitespace) are joined. */
export function parseBagInfo(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: { label: string; index: number } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    if (/^[ \t]/.test(line) && last) {
      const values = out.get(last.label);
      if (values) values[last.index] = `${values[last.index] ?? ''} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new PackageError('bagInfo', TAG.bagInfo, `not "Label: value": ${line.slice(0, 80)}`);
    const label = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const values = out.get(label) ?? [];
    values.push(value);
    out.set(label, values);
    last = { label, index: values.length - 1 };
  }
  return out;
}

/** "<octets>.<files>" of the payload, as RFC 8493 §2.2.2 defines Payload-Oxum. */
export const payloadOxum = (bytes: number, files: number): string => `${bytes}.${files}`;

/** bagit.txt must say version 1.0 and UTF-8 (we accept CRLF and a BOM-less file only). */
export function checkBagitTxt(text: string): void {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => l !== '');
  if (lines.length !== 2 || lines[0] !== 'BagIt-Version: 1.0' || lines[1] !== 'Tag-File-Character-Encoding: UTF-8')
    throw new PackageError('bagDeclaration', TAG.bagit, 'expected "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"');
}
