// Starts the real back end in web mode (`selfcheck serve` through the package's bin) on a free port, in its own data folder.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
/** The `selfcheck` bin as installed (package.json "bin"); it loads the bundle below. */
export const CLI = join(REPO, 'bin/selfcheck.js');
const CLI_BUNDLE = join(REPO, 'dist/electron/cli.js');

export interface Server {
  /** The URL with the token; opening it sets the session cookie and redirects to "/". */
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function tempDataDir(prefix = 'selfcheck-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `selfcheck demo` into the folder (a sample school with answers, events and evidence). */
export function fillDemo(dataDir: string): void {
  execFileSync(process.execPath, [CLI, 'demo', '--data-dir', dataDir], { stdio: 'pipe', timeout: 120_000 });
}

/**
 * A fresh copy of the sample school in its own folder. `selfcheck demo` takes ~20 s, so it runs
 * once per build of the CLI: the first suite that needs it fills a cache folder (named after the
 * CLI bundle's size and time, so a new build makes a new one), later suites copy that folder.
 */
export function demoDataDir(prefix = 'selfcheck-demo-'): string {
  const cli = statSync(CLI_BUNDLE);
  const name = `selfcheck-demo-cache-${cli.size}-${Math.round(cli.mtimeMs)}`;
  const cache = join(tmpdir(), name);
  if (!existsSync(join(cache, 'ready'))) {
    const work = tempDataDir('selfcheck-demo-fill-');
    mkdirSync(join(work, 'data'));
    fillDemo(join(work, 'data'));
    writeFileSync(join(work, 'ready'), '');
    try {
      renameSync(work, cache); // atomic; fails when another suite got there first
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
    // Caches of earlier builds are of no further use.
    for (const old of readdirSync(tmpdir()))
      if (old.startsWith('selfcheck-demo-cache-') && old !== name) rmSync(join(tmpdir(), old), { recursive: true, force: true });
  }
  const dir = tempDataDir(prefix);
  cpSync(join(cache, 'data'), dir, { recursive: true });
  return dir;
}

export function startServer(dataDir: string, opts: { removeOnStop?: boolean } = {}): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not print its URL in 20 s:\n${output}`)), 20_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-zA-Z_-]+)/.exec(output);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const url = m[1];
      resolvePromise({
        url,
        origin: new URL(url).origin,
        dataDir,
        stop: () =>
          new Promise<void>((done) => {
            const finish = () => {
              if (opts.removeOnStop !== false) rmSync(dataDir, { recursive: true, force: true });
              done();
            };
            if (child.exitCode !== null) return finish();
            child.once('exit', finish);
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
}
