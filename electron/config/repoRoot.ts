// Finds the app's root folder (the one holding package.json) from a module's folder,
// so the same code works from source (electron/x/) and from a bundle (dist/electron/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findAppRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

/** dist/renderer when the UI has been built, else null. */
export function builtRendererDir(root: string = findAppRoot()): string | null {
  const dir = join(root, 'dist', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
