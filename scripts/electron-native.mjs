// Builds a second copy of better-sqlite3's native addon for Electron's ABI,
// beside (not over) the Node build that tests and the CLI use. The app loads it
// through better-sqlite3's `nativeBinding` option (see electron/desktop/nativeBinding.ts).
// Needs the network once, to fetch Electron's headers; later runs reuse the result.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronNativePath() {
  return join(root, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

export function ensureElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const sqliteVersion = require('better-sqlite3/package.json').version;
  const stampFile = join(root, '.electron-native', 'stamp.json');
  const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });
  if (existsSync(electronNativePath()) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return electronNativePath();

  const work = join(root, '.electron-native', 'better-sqlite3');
  mkdirSync(work, { recursive: true });
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  for (const part of ['binding.gyp', 'deps', 'src', 'package.json']) cpSync(join(src, part), join(work, part), { recursive: true });
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (one time, about a minute)…`);
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const res = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (res.status !== 0) throw new Error('building better-sqlite3 for Electron failed (see the output above)');
  writeFileSync(stampFile, stamp);
  return electronNativePath();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureElectronNative();
