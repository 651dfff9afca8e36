#!/usr/bin/env node
// The `selfcheck` command. The CLI is bundled by `npm run build` (run on install by `prepare`).
// The bundle's own `require.main === module` guard is false when it is required
// from here, so this file calls its exported main and exits with its code.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'electron', 'cli.js');
if (!existsSync(cli)) {
  console.error('selfcheck: not built yet. Run `npm run build` in ' + join(__dirname, '..'));
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (e) => {
      console.error(`selfcheck: ${e && e.stack ? e.stack : String(e)}`);
      process.exit(3);
    },
  );
