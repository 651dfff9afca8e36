// `npm start`: opens the desktop window when Electron's binary is installed;
// otherwise runs the same app in the local web mode and says why.
// `npm run demo` (--demo): first fills the data folder with a sample school.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const demo = args.includes('--demo');
const passThrough = args.filter((a) => a !== '--demo');
const cli = join(root, 'bin', 'selfcheck.js'); // the same door as `npx selfcheck`

function electronBinary() {
  try {
    const bin = require('electron'); // the package's main export is the binary's path
    return existsSync(bin) ? { bin } : { why: `Electron's binary is missing at ${bin}` };
  } catch {
    // The electron package throws when its postinstall did not fetch the binary
    // (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no network during npm install).
    return { why: "Electron's desktop binary is not installed (npm skipped or could not download it)" };
  }
}

function demoDataDir() {
  return process.env.SELFCHECK_DATA_DIR ?? join(root, 'demo-data');
}

if (demo) {
  const dir = demoDataDir();
  const filled = existsSync(dir) && readdirSync(dir).length > 0;
  if (!filled) {
    const r = spawnSync(process.execPath, [cli, 'demo', '--data-dir', dir], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  } else console.log(`Demo data already in ${dir}; delete that folder for a fresh sample.`);
  passThrough.push('--data-dir', dir);
}

const electron = electronBinary();
if (electron.bin) {
  let nativeBinding;
  try {
    nativeBinding = ensureElectronNative();
  } catch (e) {
    console.error(`Cannot prepare the database module for Electron: ${e.message}`);
    process.exit(1);
  }
  const child = spawn(electron.bin, [root, ...passThrough], {
    stdio: 'inherit',
    env: { ...process.env, SELFCHECK_SQLITE_BINDING: nativeBinding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`${electron.why}; starting the local web mode instead.`);
  console.log('Open the address below in a browser on this computer (it works only here, with its token).');
  const child = spawn(process.execPath, [cli, 'serve', ...passThrough], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
