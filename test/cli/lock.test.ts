// The data-folder lock, through the `selfcheck` bin: a lock left by a crash whose pid now
// belongs to another running program (here a real `sleep`) no longer blocks the app; a lock
// held by a running SelfCheck does, and the message names the lock file.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processStartTime } from '../../electron/config/processStart';
import { tempDir } from '../fixtures/core';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'selfcheck.js');
const env = { ...process.env, LANG: 'C' };

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => (dir = tempDir('selfcheck-lock-')));
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `selfcheck serve` on the folder and resolves once it serves (the lock is then held). */
function serve(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dir, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (/^Web mode: http/m.test(out)) resolve(child);
    });
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

test('the start time of a running process is known (the check the lock relies on)', () => {
  const started = processStartTime(process.pid);
  expect(started).not.toBeNull();
  const expected = Date.now() - process.uptime() * 1000;
  expect(Math.abs(started!.getTime() - expected)).toBeLessThan(5000);
});

test('a stale lock whose pid now belongs to another running program is taken over', async () => {
  const other = spawn('sleep', ['120'], { stdio: 'ignore' });
  children.push(other);
  await new Promise((r) => other.once('spawn', r));
  const lock = join(dir, 'selfcheck.lock');
  // Written by a SelfCheck that crashed an hour ago; its pid is now `sleep`'s.
  writeFileSync(lock, JSON.stringify({ pid: other.pid, host: hostname(), startedAt: new Date(Date.now() - 3600_000).toISOString() }));
  const app = await serve();
  expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(app.pid);
  expect(await stop(app)).toBe(0);
  expect(existsSync(lock)).toBe(false);
  expect(other.exitCode).toBeNull(); // the other program was left alone
}, 60_000);

test('a running SelfCheck keeps the folder; the refusal names the lock file', async () => {
  const first = await serve();
  const second = spawnSync(process.execPath, [BIN, 'serve', '--data-dir', dir, '--port', '0'], { env, encoding: 'utf8', timeout: 30_000 });
  expect(second.status).toBe(1);
  expect(second.stderr).toContain(`in use by another SelfCheck process (pid ${first.pid})`);
  expect(second.stderr).toContain(join(dir, 'selfcheck.lock'));
  expect(await stop(first)).toBe(0);
}, 60_000);
