// Builds every bundle with esbuild (about a second). Entries that do not exist
// yet are skipped, so the build works while the tree grows.
// All bundles sit two folders below the repo root (dist/<part>/<file>.js), so
// code that finds seeds/ or dist/renderer/ by relative path works from any of them.
import { build } from 'esbuild';
import { existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => join(root, p);

// Native or Electron-provided modules are loaded at run time, never bundled.
const external = ['electron', 'better-sqlite3', 'sharp', 'pdfkit', 'playwright-core'];

const node = [
  ['electron/main.ts', 'dist/electron/main.js'],
  ['electron/cli/main.ts', 'dist/electron/cli.js'],
  ['server/cli/main.ts', 'dist/server/cli.js'],
  ['bench/app.ts', 'dist/bench/app.js'],
  ['bench/package.ts', 'dist/bench/package.js'],
  ['bench/server.ts', 'dist/bench/server.js'],
];

// `--production` (used by `npm run dist`): minified renderer, React's production build.
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const started = Date.now();
const jobs = [];
for (const [src, out] of node) {
  if (!existsSync(r(src))) continue;
  jobs.push(
    build({
      entryPoints: [r(src)],
      outfile: r(out),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      external,
      logLevel: 'warning',
    }),
  );
}

// The preload runs sandboxed: one self-contained file that may only require 'electron'.
if (existsSync(r('electron/preload.ts')))
  jobs.push(
    build({
      entryPoints: [r('electron/preload.ts')],
      outfile: r('dist/electron/preload.js'),
      bundle: true,
      platform: 'node',
      target: 'chrome120',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'warning',
    }),
  );

if (existsSync(r('renderer/index.tsx'))) {
  rmSync(r('dist/renderer'), { recursive: true, force: true });
  mkdirSync(r('dist/renderer'), { recursive: true });
  jobs.push(
    build({
      entryPoints: [r('renderer/index.tsx')],
      outfile: r('dist/renderer/app.js'),
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      sourcemap: true,
      minify: production,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
      loader: { '.png': 'file', '.svg': 'file', '.woff2': 'file' },
      logLevel: 'warning',
    }).then(() => {
      copyFileSync(r('renderer/index.html'), r('dist/renderer/index.html'));
      if (existsSync(r('renderer/styles.css'))) copyFileSync(r('renderer/styles.css'), r('dist/renderer/styles.css'));
      if (existsSync(r('renderer/icon.svg'))) copyFileSync(r('renderer/icon.svg'), r('dist/renderer/icon.svg'));
    }),
  );
}

await Promise.all(jobs);
console.log(`build: ${jobs.length} bundles in ${Date.now() - started} ms`);
