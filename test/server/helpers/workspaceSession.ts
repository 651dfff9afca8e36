// A browser's view of the workspace API for tests: it keeps the session
// cookie like a browser would (only what Set-Cookie gave), sends the CSRF
// token from the login answer on changing requests, and parses answers with
// the contract's schemas where the test asks. Plus: `selfcheck server …`
// with a password on stdin, and plain SQL against the bureau's database on
// either engine (for rows another part of the server writes, e.g. reports).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CSRF_HEADER, Me, SESSION_COOKIE, WORKSPACE_API } from '../../../shared/bureau/api';
import type { Bureau } from './bureau';
import type { CliResult } from './serverProcess';

export interface WsReply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class WorkspaceSession {
  cookie: string | null = null;
  csrf: string | null = null;
  readonly api: string;

  /** `serverUrl` is what `server serve` printed (…/api/v1). */
  constructor(serverUrl: string) {
    this.api = new URL(serverUrl).origin + WORKSPACE_API;
  }

  async request<T = unknown>(method: string, path: string, opts: { json?: unknown; body?: Buffer; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<WsReply<T>> {
    const headers = new Headers(opts.headers);
    if (this.cookie) headers.set('cookie', `${SESSION_COOKIE}=${this.cookie}`);
    if (opts.csrf !== false && this.csrf && method !== 'GET') headers.set(CSRF_HEADER, this.csrf);
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(opts.json);
    } else if (opts.body) body = new Uint8Array(opts.body);
    const res = await fetch(this.api + '/' + path, { method, headers, body });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(setCookie);
      if (m) this.cookie = m[1] || null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async login(name: string, password: string): Promise<WsReply> {
    const r = await this.request('POST', 'login', { json: { name, password } });
    if (r.status === 200) this.csrf = Me.parse(r.body).csrf;
    return r;
  }
}

export function cliWithInput(args: string[], input: string, env: Record<string, string> = {}): CliResult {
  const bin = join(__dirname, '..', '..', '..', 'bin', 'selfcheck.js');
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Adds a workspace user through the bin, the password on stdin; throws when it fails. */
export function addUser(b: Bureau, name: string, role: string, password: string, extra: string[] = []): void {
  const r = cliWithInput(['server', 'user', 'add', '--data-dir', b.dataDir, '--name', name, '--role', role, ...extra], password + '\n', b.env);
  if (r.status !== 0) throw new Error(`user add ${name}: ${r.status} ${r.stderr}`);
}

/** Runs one statement with `?` placeholders on the bureau's database (SQLite file or PostgreSQL). */
export async function runSql(b: Bureau, text: string, params: (string | number | null)[] = []): Promise<unknown[]> {
  const url = b.env.SELFCHECK_SERVER_DATABASE_URL;
  if (!url) {
    const db = new Database(join(b.dataDir, 'server.sqlite'));
    try {
      const stmt = db.prepare(text);
      return stmt.reader ? stmt.all(...params) : (stmt.run(...params), []);
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as unknown[];
  } finally {
    await client.end();
  }
}
