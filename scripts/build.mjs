// Builds every bundle with esbuild (about a second). Entries that do not exist
// yet are skipped, so the build works while the tree grows.
// All bundles sit two folders below the repo root (dist/<part>/<file>.js), so
// code that finds seeds/ or dist/renderer/ by relative path works from any of them.
//
// Every file is written to a temporary name and renamed into place, and nothing is
// deleted first: tests rebuild while other test processes run the CLI or load the
// page, and a half-written or missing bundle there would be a false failure.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => join(root, p);

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** esbuild's build, with its output written by writeAtomically; resolves to the paths written. */
async function build(options) {
  const result = await esbuild({ ...options, write: false });
  for (const f of result.outputFiles) writeAtomically(f.path, f.contents);
  return result.outputFiles.map((f) => f.path);
}

// Native or Electron-provided modules are loaded at run time, never bundled.
// exceljs too: its old zip writer calls Buffer(), which Node only warns about outside node_modules.
const external = ['electron', 'better-sqlite3', 'sharp', 'pdfkit', 'playwright-core', 'exceljs'];

const node = [
  ['electron/main.ts', 'dist/electron/main.js'],
  ['electron/cli/main.ts', 'dist/electron/cli.js'],
  ['server/cli/main.ts', 'dist/server/cli.js'],
  ['bench/app.ts', 'dist/bench/app.js'],
  ['bench/package.ts', 'dist/bench/package.js'],
  ['bench/verifyMemory.ts', 'dist/bench/verifyMemory.js'],
  ['bench/server.ts', 'dist/bench/server.js'],
  ['bench/bureau.ts', 'dist/bench/bureau.js'],
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
    }).then((written) => {
      const keep = new Set(written);
      for (const name of ['index.html', 'styles.css', 'icon.svg']) {
        if (!existsSync(r(`renderer/${name}`))) continue;
        writeAtomically(r(`dist/renderer/${name}`), readFileSync(r(`renderer/${name}`)));
        keep.add(r(`dist/renderer/${name}`));
      }
      // Assets of an earlier build (hashed file names) go once the new ones are in place.
      for (const name of readdirSync(r('dist/renderer'))) if (!keep.has(r(`dist/renderer/${name}`)) && !name.endsWith('.tmp')) rmSync(r(`dist/renderer/${name}`), { recursive: true, force: true });
    }),
  );
}

// The bureau's workspace (served by the collection server below /bureau): a
// browser bundle like the renderer's, plus its page and style sheet.
if (existsSync(r('workspace/index.tsx'))) {
  jobs.push(
    build({
      entryPoints: [r('workspace/index.tsx')],
      outfile: r('dist/workspace/app.js'),
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      sourcemap: true,
      minify: production,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
      logLevel: 'warning',
    }).then(() => {
      writeAtomically(r('dist/workspace/index.html'), readFileSync(r('workspace/index.html')));
      writeAtomically(r('dist/workspace/app.css'), readFileSync(r('workspace/styles.css')));
    }),
  );
}

await Promise.all(jobs);
console.log(`build: ${jobs.length} bundles in ${Date.now() - started} ms`);
