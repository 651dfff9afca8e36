// Where an evidence file goes in the bag: data/evidence/<sha256 prefix>-<name>.
// The name comes from outside (what the file was called when added), so it is
// reduced to letters, digits, '.', '-' and '_' (any script: Chinese names stay
// readable), never a path, never '%', never a reserved device name, and short
// enough for every file system a USB stick may have. The hash prefix keeps two
// different files with the same name apart.
export const EVIDENCE_DIR = 'data/evidence/';
const PREFIX_HEX = 12;
const MAX_NAME_CHARS = 80;

export function sanitiseFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  const clean = (s: string): string =>
    s
      .replace(/[^\p{L}\p{N}._-]+/gu, '_')
      .replace(/_+/g, '_')
      .replace(/^[._-]+|[._-]+$/g, '');
  const cleanExt = clean(ext).replace(/\./g, '').slice(0, 10).toLowerCase();
  const room = MAX_NAME_CHARS - (cleanExt ? cleanExt.length + 1 : 0);
  const cleanStem = [...clean(stem)].slice(0, room).join('') || 'file';
  return cleanExt ? `${cleanStem}.${cleanExt}` : cleanStem;
}

export function evidenceBagPath(sha256: string, originalName: string): string {
  return `${EVIDENCE_DIR}${sha256.slice(0, PREFIX_HEX)}-${sanitiseFileName(originalName)}`;
}
