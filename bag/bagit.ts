// BagIt 1.0 (RFC 8493) tag files: writing and strict reading.
// Manifests are "<sha512>  <path>" lines, which is also what `sha512sum -c`
// reads; paths are percent-encoded as the RFC asks (only %, CR and LF), and the
// writer never produces such names, so both readers agree.
import { PackageError } from './errors';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const TAG = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifest: 'manifest-sha512.txt',
  tagManifest: 'tagmanifest-sha512.txt',
  signature: 'tagmanifest-sha512.txt.minisig',
} as const;
export const PAYLOAD_DIR = 'data/';

export interface ManifestLine {
  path: string;
  sha512: string;
}

export const encodeManifestPath = (p: string): string => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const decodeManifestPath = (p: string): string =>
  p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

export function formatManifest(lines: ManifestLine[]): string {
  return [...lines]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((l) => `${l.sha512}  ${encodeManifestPath(l.path)}\n`)
    .join('');
}

/** Reads a manifest; any malformed or repeated line is refused, naming the manifest file. */
export function parseManifest(text: string, manifestName: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9a-fA-F]{128})[ \t]+\*?(.+)$/.exec(line.replace(/\r$/, ''));
    if (!m || m[1] === undefined || m[2] === undefined)
      throw new PackageError('bagManifestSyntax', manifestName, `line ${i + 1} is not "<sha512>  <path>"`);
    const path = decodeManifestPath(m[2]);
    if (out.has(path)) throw new PackageError('bagManifestSyntax', manifestName, `line ${i + 1}: ${path} listed twice`);
    out.set(path, m[1].toLowerCase());
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
