#!/usr/bin/env node
// The `selfcheck` command. The CLI is bundled by `npm run build` (run on install by `prepare`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'electron', 'cli.js');
if (!existsSync(cli)) {
  console.error('selfcheck: not built yet. Run `npm run build` in ' + join(__dirname, '..'));
  process.exit(2);
}
// The bundle runs itself only when it is the main module; from here, call its main.
const { main } = require(cli);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error('selfcheck: ' + String(e));
    process.exit(1);
  },
);
