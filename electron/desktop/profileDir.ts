// Where Chromium keeps its profile and caches: beside, never inside, our data folder.
// Electron's default userData is <appData>/SelfCheck, the very folder our data used
// (so Cache/, GPUCache/, Local Storage/ … mixed with the school's files). One profile
// per data folder also scopes Electron's single-instance lock to the data folder: a
// second window on another folder (`--data-dir`) is allowed, the same folder is not.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export function chromiumProfileDir(appData: string, dataDir: string): string {
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(appData, 'SelfCheck-Chromium', id);
}
