#!/usr/bin/env node
// The `selfcheck` command, as `npx selfcheck …` and the installed bin run it.
// The bundles are built by `npm run build` (run on install by `prepare`).
// Each bundle exports `main(argv): Promise<exitCode>`; this file is the only place
// that calls it, so the bundles never depend on how they were loaded (a
// `require.main === module` guard in a bundle is false here, which once made every
// command a silent no-op).
//   selfcheck server …  → dist/server/cli.js  (the bureau's collection server)
//   selfcheck …         → dist/electron/cli.js (the school app's commands)
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);
const isServer = argv[0] === 'server';
const bundle = join(root, 'dist', isServer ? 'server' : 'electron', 'cli.js');

if (!existsSync(bundle)) {
  console.error(
    isServer
      ? `selfcheck server: the bureau server is not built in ${root} (no dist/server/cli.js). Run \`npm run build\`; if it is still missing, this copy of SelfCheck has no server part.`
      : `selfcheck: not built yet (no dist/electron/cli.js). Run \`npm run build\` in ${root}`,
  );
  process.exit(2);
}

let entry;
try {
  entry = require(bundle);
} catch (e) {
  console.error(`selfcheck: cannot load ${bundle}: ${e && e.message ? e.message : String(e)}`);
  process.exit(1);
}
if (typeof entry.main !== 'function') {
  console.error(`selfcheck: ${bundle} does not export main(argv); rebuild with \`npm run build\``);
  process.exit(1);
}

Promise.resolve()
  .then(() => entry.main(isServer ? argv.slice(1) : argv))
  .then(
    (code) => process.exit(typeof code === 'number' ? code : 1),
    (e) => {
      // Fail closed: an exception nobody caught is never a success.
      console.error(`selfcheck: ${e && e.stack ? e.stack : String(e)}`);
      process.exit(1);
    },
  );
