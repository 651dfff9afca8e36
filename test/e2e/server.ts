// Starts the real back end in web mode (the built CLI) on a free port, in its own data folder.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const CLI = join(REPO, 'dist/electron/cli.js');

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
