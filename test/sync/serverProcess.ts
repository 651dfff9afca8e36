// A real bureau server process for the sync tests (`selfcheck server serve`),
// started, SIGKILLed and restarted on the same port and data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'selfcheck.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };

/** Runs `selfcheck …` (the bin, as users do) and waits for it, without blocking this process (the fault proxy lives here). */
export function selfcheck(args: string[], extraEnv: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  return new Promise((resolve) =>
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

/** Starts `selfcheck …` without waiting (to kill it mid-way). */
export const selfcheckAsync = (args: string[], extraEnv: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });

export class ServerProcess {
  private child: ChildProcess | null = null;
  port = 0;
  log = '';

  constructor(private readonly dataDir: string) {}

  /** Starts the server (on the port it had before, after a restart) and resolves when it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'server', 'serve', '--data-dir', this.dataDir, '--port', String(this.port), '--listen', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${this.log}`)), 60_000);
      const onData = (b: Buffer): void => {
        this.log += b.toString();
        const m = /listening on https?:\/\/[^:]+:(\d+)/.exec(this.log);
        if (m) {
          clearTimeout(timer);
          this.port = Number(m[1]);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (b: Buffer) => (this.log += b.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${this.log}`));
      });
    });
  }

  /** SIGKILL, no goodbye. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
    this.child = null;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await gone;
    this.child = null;
  }
}
