// Which names a package may hold. A name must be a plain relative path that
// every system the package meets (Linux, macOS, Windows, a FAT USB stick)
// stores as the same one file: otherwise what the bureau unpacks is not what
// was verified. Two names that one of these systems stores as one file are
// refused as twins.
import type { PackageErrorCode } from './errors';

export interface NameProblem {
  code: PackageErrorCode;
  detail: string;
}

/** Device names Windows reserves in every folder, with any extension and in any case ("nul.txt", "Com1.tar.gz"). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)$/i;

/** Why a name is refused, or null when it is a plain relative path. Exported for the extract and writer sides. */
export function nameProblem(name: string, maxBytes: number): NameProblem | null {
  if (Buffer.byteLength(name) > maxBytes) return { code: 'zipBadName', detail: 'name too long' };
  if (name.includes('\\')) return { code: 'zipBadName', detail: 'backslash in name' };
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return { code: 'zipAbsolutePath', detail: 'absolute path' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { code: 'zipBadName', detail: 'control character in name' };
  if (/[:*?"<>|]/.test(name)) return { code: 'zipBadName', detail: 'character not allowed in a file name' };
  // The manifests percent-encode '%' (RFC 8493), which `sha512sum -c` reads
  // literally: a name with '%' would verify here and fail there.
  if (name.includes('%')) return { code: 'zipBadName', detail: '"%" in a name (manifest readers disagree on it)' };
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return { code: 'zipParentPath', detail: '".." in path' };
  if (segments.some((s) => s === '' || s === '.')) return { code: 'zipBadName', detail: 'empty or "." path segment' };
  for (const s of segments) {
    if (/[. ]$/.test(s)) return { code: 'zipWindowsName', detail: `"${s}" ends with a dot or a space (Windows drops it)` };
    // Windows ignores what follows the first dot, and spaces before it, when it looks for a device.
    const base = (s.split('.')[0] ?? '').replace(/ +$/, '');
    if (WINDOWS_DEVICE.test(base)) return { code: 'zipWindowsName', detail: `"${s}" is a device name on Windows` };
  }
  return null;
}

/**
 * The key under which a case-insensitive, normalising file system stores a
 * name: NFC, then full Unicode case folding. JavaScript has no casefold();
 * upper- then lower-casing gives the full folding's multi-letter forms
 * ('ß' -> 'SS' -> 'ss', 'ﬀ' -> 'ff', 'ǅ' -> 'Ǆ' -> 'ǆ'), and the final sigma,
 * which toLowerCase restores at the end of a word, folds to 'σ' as in CaseFolding.txt.
 */
export const foldKey = (name: string): string =>
  name.normalize('NFC').toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFC');

/**
 * Collects names and refuses twins: two spellings of one file or folder
 * (case, normalisation), and a file that has the name of a folder.
 */
export class NameRegistry {
  private readonly spelled = new Map<string, string>();
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  /** Folders with an entry of their own ("bag/data/"), as against folders implied by a file's path. */
  private readonly folderEntries = new Set<string>();

  /** Returns the problem with adding this name, or null (and records it). */
  add(name: string): NameProblem | null {
    const isFolder = name.endsWith('/');
    const segments = name.replace(/\/$/, '').split('/');
    for (let i = 1; i <= segments.length; i++) {
      const path = segments.slice(0, i).join('/');
      const key = foldKey(path);
      const known = this.spelled.get(key);
      const whole = i === segments.length;
      if (known !== undefined && known !== path) return { code: 'zipDuplicate', detail: `"${path}" and "${known}" are one name on Windows or macOS` };
      if (whole && !isFolder) {
        if (this.files.has(key)) return { code: 'zipDuplicate', detail: 'the name occurs more than once' };
        if (this.folders.has(key)) return { code: 'zipDuplicate', detail: 'a file has the name of a folder' };
        this.files.add(key);
      } else {
        if (this.files.has(key)) return { code: 'zipDuplicate', detail: 'a folder has the name of a file' };
        if (whole && this.folderEntries.has(key)) return { code: 'zipDuplicate', detail: 'the folder occurs more than once' };
        if (whole) this.folderEntries.add(key);
        this.folders.add(key);
      }
      this.spelled.set(key, path);
    }
    return null;
  }
}
