// bin/selfcheck.js, the door `npx selfcheck` and the installed bin use: it runs the bundle's
// main() and exits with its code; `server …` goes to the bureau server's bundle, or says
// clearly that it is not there. Run from a copy of the package layout with stand-in bundles,
// so the dispatch itself is what is tested.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../fixtures/core';

const ROOT = join(__dirname, '..', '..');
let pkg: string;
const run = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'bin', 'selfcheck.js'), ...args], { encoding: 'utf8', timeout: 30_000 });
const standIn = (code: number, who: string) =>
  `exports.main = async (argv) => { console.log(${JSON.stringify(who)} + ' ' + JSON.stringify(argv)); return ${code}; };`;

beforeEach(() => {
  pkg = tempDir('selfcheck-bin-');
  mkdirSync(join(pkg, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'selfcheck.js'), join(pkg, 'bin', 'selfcheck.js'));
});
afterEach(() => rmSync(pkg, { recursive: true, force: true }));

test('not built: exit 2 and how to build', () => {
  const r = run('--help');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('npm run build');
});

test('runs the app bundle’s main with the arguments and exits with its code', () => {
  mkdirSync(join(pkg, 'dist', 'electron'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'electron', 'cli.js'), standIn(3, 'app'));
  const r = run('verify', 'x.zip');
  expect([r.status, r.stdout.trim()]).toEqual([3, 'app ["verify","x.zip"]']);
});

test('`server …` goes to dist/server/cli.js, or says it is missing', () => {
  mkdirSync(join(pkg, 'dist', 'electron'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'electron', 'cli.js'), standIn(0, 'app'));
  const missing = run('server', 'start');
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/selfcheck server: .*not built.*dist\/server\/cli\.js/);
  mkdirSync(join(pkg, 'dist', 'server'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'server', 'cli.js'), standIn(5, 'server'));
  const r = run('server', 'start', '--port', '8080');
  expect([r.status, r.stdout.trim()]).toEqual([5, 'server ["start","--port","8080"]']);
});

test('a main that throws or returns nothing is a failure, never exit 0', () => {
  mkdirSync(join(pkg, 'dist', 'electron'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'electron', 'cli.js'), 'exports.main = async () => { throw new Error("boom"); };');
  const thrown = run('verify', 'x.zip');
  expect(thrown.status).toBe(1);
  expect(thrown.stderr).toContain('boom');
  writeFileSync(join(pkg, 'dist', 'electron', 'cli.js'), 'exports.main = async () => undefined;');
  expect(run('verify').status).toBe(1);
  writeFileSync(join(pkg, 'dist', 'electron', 'cli.js'), 'module.exports = {};');
  expect(run('verify').status).toBe(1);
});
