// A throwaway PostgreSQL 15 cluster for the server tests, so CI needs no
// running service: initdb in a temp folder owned by postgres, a free port,
// the unix socket in the same folder; stopped and removed afterwards.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  url: string;
  port: number;
  restart(): void;
  stop(): void;
  /** A fresh database on this cluster, for one test file's server. */
  createDatabase(name: string): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const uidOf = (user: string): number => Number(execFileSync('id', ['-u', user]).toString().trim());
const gidOf = (user: string): number => Number(execFileSync('id', ['-g', user]).toString().trim());

function asPostgres(args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString();
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-pg-'));
  chmodSync(dir, 0o755);
  chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres([`${BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = (): void => void asPostgres([`${BIN}/pg_ctl`, '-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
  start();
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    restart: () => void asPostgres([`${BIN}/pg_ctl`, '-D', data, '-l', join(dir, 'log'), '-o', opts, '-m', 'fast', '-w', '-t', '60', 'restart']),
    stop: () => {
      try {
        asPostgres([`${BIN}/pg_ctl`, '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    createDatabase: (name) => {
      asPostgres([`${BIN}/psql`, '-h', dir, '-p', String(port), '-U', 'postgres', '-c', `create database ${name}`]);
      return `${base}/${name}`;
    },
  };
}
