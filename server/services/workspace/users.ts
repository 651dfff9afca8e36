// Bureau accounts: names, roles, scopes and scrypt password hashes
// (node:crypto; no native add-on to build). The hash string carries its own
// parameters ("scrypt$N$r$p$salt$hash"), so the cost can be raised later
// without breaking the accounts made before.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Role, Scope, UserRow } from '../../../shared/bureau/api';
import type { UsersTable } from '../../db/schema';
import type { ServerContext } from '../context';
import { ServerError } from '../errors';
import { audit } from './audit';

export const MIN_PASSWORD_LENGTH = 10;

// 2^15 × 8 × 128 bytes = 32 MiB per hash, ~50–100 ms: slow for a guesser, fine for a log-in.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))));
}

const maxmem = (n: number, r: number): number => 128 * n * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong password and for a hash string this code does not understand. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isSafeInteger(v) && v > 0) || params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { ...params, maxmem: maxmem(params.N, params.r) });
  return timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows: an unknown name costs as much time as a wrong password. */
let dummyHash: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));

export function parseScope(json: string | null): Scope {
  if (json === null) return null;
  const v = JSON.parse(json) as { counties?: unknown; schools?: unknown };
  const strings = (a: unknown): string[] => (Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : []);
  return { counties: strings(v.counties), schools: strings(v.schools) };
}

export function toUserRow(r: UsersTable): UserRow {
  return { name: r.name, role: r.role, scope: parseScope(r.scope_json), createdAt: r.created_at, lockedUntil: r.locked_until, disabled: Number(r.disabled) !== 0 };
}

export interface NewUser {
  name: string;
  role: Role;
  password: string;
  scope: Scope;
}

/** Refuses a name in use and a short password; an administrator always sees every school (scope null). */
export async function createUser(ctx: ServerContext, input: NewUser, by: string | null): Promise<UserRow> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new ServerError('bad_request', 400, `the password is too short: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (input.role === 'admin' && input.scope !== null) throw new ServerError('bad_request', 400, 'an administrator sees every school; give counties or schools only to a reviewer or viewer');
  const scope = input.scope && input.scope.counties.length === 0 && input.scope.schools.length === 0 ? null : input.scope;
  const row: UsersTable = {
    name: input.name,
    role: input.role,
    password_hash: await hashPassword(input.password),
    scope_json: scope === null ? null : JSON.stringify(scope),
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    created_at: ctx.now().toISOString(),
  };
  return ctx.store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('name').where('name', '=', input.name).executeTakeFirst();
    if (existing) throw new ServerError('bad_request', 409, `a user named ${input.name} already exists`);
    await trx.insertInto('users').values(row).execute();
    await audit(ctx, trx, { user: by, action: 'user.add', target: input.name, detail: { role: input.role, scope } });
    return toUserRow(row);
  });
}

export async function listUsers(ctx: ServerContext): Promise<UserRow[]> {
  const rows = await ctx.store.db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(toUserRow);
}
