// Workspace sessions: a random cookie value (32 bytes) whose SHA-256 is kept
// in web_sessions with the session's CSRF token; the value itself is never
// stored, so a copy of the database logs no one in. A session ends 8 hours
// after log-in (config workspaceSessionHours) or 30 minutes after the last
// request (workspaceIdleMinutes), whichever comes first; expires_at holds
// that moment and slides forward as the officer works.
//
// Log-in failures count per account: the fifth in a row locks it for 15
// minutes. An unknown name and a wrong password get the same answer and
// take the same time (the password is checked against a decoy hash), and
// an unknown name locks the same way (counted from the audit log).
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { SESSION_COOKIE, WORKSPACE_BASE, type LoginRequest, type Role, type Scope } from '../../../shared/bureau/api';
import type { ServerContext } from '../context';
import { ServerError } from '../errors';
import { audit } from './audit';
import { decoyHash, parseScope, verifyPassword } from './users';

export interface WorkspaceUser {
  name: string;
  role: Role;
  scope: Scope;
  csrf: string;
  expiresAt: string;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Moving expires_at costs a write; skip it while the saving would be under this. */
const SLIDE_STEP_MS = 60_000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function expiryOf(ctx: ServerContext, createdAt: Date, now: Date): Date {
  const absolute = createdAt.getTime() + ctx.config.workspaceSessionHours * 3_600_000;
  const idle = now.getTime() + ctx.config.workspaceIdleMinutes * 60_000;
  return new Date(Math.min(absolute, idle));
}

/** The session cookie's value from a Cookie header, or null. */
export function cookieValue(header: string | undefined, name = SESSION_COOKIE): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

const overTls = (req: IncomingMessage): boolean => (req.socket as TLSSocket).encrypted === true;

export function sessionCookie(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${value}`, `Path=${WORKSPACE_BASE}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(overTls(req) ? ['Secure'] : [])].join('; ');
}

export interface LoggedIn {
  user: WorkspaceUser;
  /** The Set-Cookie header value. */
  cookie: string;
}

export async function login(ctx: ServerContext, req: IncomingMessage, body: LoginRequest): Promise<LoggedIn> {
  const db = ctx.store.db;
  const now = ctx.now();
  const row = await db.selectFrom('users').selectAll().where('name', '=', body.name).executeTakeFirst();
  const lockedUntil = row ? (row.locked_until && row.locked_until > now.toISOString() ? row.locked_until : null) : await phantomLock(ctx, body.name, now);
  if (lockedUntil) {
    await audit(ctx, db, { user: null, action: 'login.locked', target: body.name, detail: `locked until ${lockedUntil}` });
    throw new ServerError('locked', 423, `too many failed log-ins: this account is locked until ${lockedUntil}; try again after that or ask an administrator`);
  }
  const ok = await verifyPassword(body.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok || Number(row.disabled) !== 0) {
    let reason = row ? (ok ? 'account disabled' : 'wrong password') : 'unknown user';
    if (!row && (await phantomFailures(ctx, body.name)).count % MAX_FAILED_LOGINS === MAX_FAILED_LOGINS - 1)
      reason += `; ${MAX_FAILED_LOGINS} failures in a row, locked until ${new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()}`;
    if (row && !ok) {
      // Counted in the database (not read-modify-write), so parallel guesses are all counted.
      await db
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('name', '=', row.name)
        .execute();
      const lock = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      const locked = await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: lock })
        .where('name', '=', row.name)
        .where('failed_logins', '>=', MAX_FAILED_LOGINS)
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) > 0) reason += `; ${MAX_FAILED_LOGINS} failures in a row, locked until ${lock}`;
    }
    await audit(ctx, db, { user: null, action: 'login.failed', target: body.name, detail: reason });
    throw new ServerError('unauthenticated', 401, 'wrong user name or password');
  }
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const expires = expiryOf(ctx, now, now);
  await db.transaction().execute(async (trx) => {
    // Ended sessions are useless; dropping them here keeps the table small.
    await trx.deleteFrom('web_sessions').where('expires_at', '<', now.toISOString()).execute();
    await trx.insertInto('web_sessions').values({ token_hash: sha256(token), user_name: row.name, csrf, created_at: now.toISOString(), expires_at: expires.toISOString() }).execute();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('name', '=', row.name).execute();
    await audit(ctx, trx, { user: row.name, action: 'login', target: row.name, detail: `from ${req.socket.remoteAddress ?? '?'}` });
  });
  const user: WorkspaceUser = { name: row.name, role: row.role, scope: row.role === 'admin' ? null : parseScope(row.scope_json), csrf, expiresAt: expires.toISOString() };
  return { user, cookie: sessionCookie(req, token, ctx.config.workspaceSessionHours * 3600) };
}

/**
 * A name without an account locks like one with an account (else the lock
 * message would tell a guesser which names exist). It never logs in, so its
 * failures, counted from the audit log, fall in runs of five exactly as an
 * account's counter does; attempts while locked are 'login.locked' and do
 * not count.
 */
async function phantomFailures(ctx: ServerContext, name: string): Promise<{ count: number; latest: string | null }> {
  const r = await ctx.store.db
    .selectFrom('audit')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max<string | null>('at').as('latest')])
    .where('target', '=', name)
    .where('action', '=', 'login.failed')
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), latest: r?.latest ?? null };
}

async function phantomLock(ctx: ServerContext, name: string, now: Date): Promise<string | null> {
  const { count, latest } = await phantomFailures(ctx, name);
  if (count === 0 || count % MAX_FAILED_LOGINS !== 0 || !latest) return null;
  const until = new Date(new Date(latest).getTime() + LOCK_MINUTES * 60_000);
  return until > now ? until.toISOString() : null;
}

/** Ends the request's session; answers the Set-Cookie that clears the cookie. */
export async function logout(ctx: ServerContext, req: IncomingMessage, user: WorkspaceUser): Promise<string> {
  const value = cookieValue(req.headers.cookie);
  await ctx.store.db.transaction().execute(async (trx) => {
    if (value) await trx.deleteFrom('web_sessions').where('token_hash', '=', sha256(value)).execute();
    await audit(ctx, trx, { user: user.name, action: 'logout', target: user.name });
  });
  return sessionCookie(req, '', 0);
}

/** The logged-in user behind the request's cookie, or null (no cookie, unknown, expired, disabled). */
export async function sessionFromRequest(ctx: ServerContext, req: IncomingMessage): Promise<WorkspaceUser | null> {
  const value = cookieValue(req.headers.cookie);
  if (!value || value.length > 100) return null;
  const hash = sha256(value);
  const row = await ctx.store.db
    .selectFrom('web_sessions')
    .innerJoin('users', 'users.name', 'web_sessions.user_name')
    .select(['web_sessions.csrf', 'web_sessions.created_at', 'web_sessions.expires_at', 'users.name', 'users.role', 'users.scope_json', 'users.disabled'])
    .where('web_sessions.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || Number(row.disabled) !== 0) return null;
  const now = ctx.now();
  if (row.expires_at <= now.toISOString()) return null;
  const next = expiryOf(ctx, new Date(row.created_at), now);
  let expiresAt = row.expires_at;
  if (next.getTime() - new Date(row.expires_at).getTime() >= Math.min(SLIDE_STEP_MS, (ctx.config.workspaceIdleMinutes * 60_000) / 10)) {
    expiresAt = next.toISOString();
    await ctx.store.db.updateTable('web_sessions').set({ expires_at: expiresAt }).where('token_hash', '=', hash).execute();
  }
  return { name: row.name, role: row.role, scope: row.role === 'admin' ? null : parseScope(row.scope_json), csrf: row.csrf, expiresAt };
}
