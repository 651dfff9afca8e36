// The temporary file a package is written to before it takes its final name.
// Its name is one only this app makes (".<final name>.selfcheck-partial"), so a
// leftover of an export that was killed mid-way (app closed, power cut) can be
// told apart from the user's own files and removed by the next export into that
// folder. Nothing else is ever removed: not other names, not folders or links,
// not a partial file this process is still writing, and not one written since
// this process started (another process may be writing it right now).
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const PARTIAL_SUFFIX = '.selfcheck-partial';

/** Partial files this process is writing now. */
const active = new Set<string>();

/** When this process started: a partial file last written earlier belongs to a run that has ended. */
export const RUN_STARTED_AT_MS = performance.timeOrigin;

export function partialPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}${PARTIAL_SUFFIX}`);
}

export function isPartialName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(PARTIAL_SUFFIX) && name.length > 1 + PARTIAL_SUFFIX.length;
}

/** Marks a partial file as being written by this process until the returned function is called. */
export function holdPartial(path: string): () => void {
  active.add(path);
  return () => active.delete(path);
}

/**
 * Removes this app's partial files in `dir` that were last written before `before`
 * (default: this process's start). Best effort: a file that cannot be read or removed
 * is left where it is. Returns the names removed.
 */
export function removeStalePartials(dir: string, before: number = RUN_STARTED_AT_MS): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isPartialName(name)) continue;
    const path = join(dir, name);
    if (active.has(path)) continue;
    try {
      const st = lstatSync(path);
      if (!st.isFile() || st.mtimeMs >= before) continue;
      rmSync(path);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove (permissions): leave it
    }
  }
  return removed;
}
