#!/usr/bin/env node
// The `selfcheck` command. The CLI is bundled by `npm run build` (run on install by `prepare`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
// `selfcheck server …` is the bureau's collection server, a bundle of its own.
const isServer = process.argv[2] === 'server';
if (isServer) process.argv.splice(2, 1);
const cli = join(__dirname, '..', 'dist', isServer ? 'server' : 'electron', 'cli.js');
if (isServer) process.env.SELFCHECK_SERVER_CLI = '1';
else process.env.SELFCHECK_CLI = '1';
if (!existsSync(cli)) {
  console.error('selfcheck: not built yet. Run `npm run build` in ' + join(__dirname, '..'));
  process.exit(2);
}
require(cli);
