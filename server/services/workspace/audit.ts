// The workspace's audit log: who did what, to what, when. Every service that
// changes something calls audit() inside the same transaction as the change,
// so a change and its log line are written together or not at all.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRow } from '../../../shared/bureau/api';
import type { Database } from '../../db/schema';
import type { ServerContext } from '../context';

export interface AuditEntry {
  /** The acting user's name; null for the command line or an anonymous caller (a failed log-in). */
  user: string | null;
  /** Dotted verb, e.g. 'login', 'login.failed', 'user.add', 'campaign.add', 'roster.replace'. */
  action: string;
  target?: string | null;
  /** Free text or a small object (stored as JSON). */
  detail?: string | Record<string, unknown>;
}

let counter = 0;

/**
 * The id starts with the time in milliseconds and a per-process counter, so
 * "latest first" (at, then id) keeps the order of entries written in the
 * same millisecond; the random tail keeps two processes apart.
 */
function auditId(now: Date): string {
  counter = (counter + 1) % 36 ** 4;
  return `${now.getTime().toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}

/** Writes one audit row with `db` (the caller's transaction, or ctx.store.db). */
export async function audit(ctx: ServerContext, db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const now = ctx.now();
  const detail = entry.detail === undefined ? '' : typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.detail);
  await db
    .insertInto('audit')
    .values({ id: auditId(now), at: now.toISOString(), user_name: entry.user, action: entry.action, target: entry.target ?? null, detail })
    .execute();
}

export const AUDIT_LIMIT_MAX = 1000;

/** The latest entries first. */
export async function listAudit(ctx: ServerContext, limit = 200): Promise<AuditRow[]> {
  const rows = await ctx.store.db
    .selectFrom('audit')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.max(1, Math.min(AUDIT_LIMIT_MAX, limit)))
    .execute();
  return rows.map((r) => ({ at: r.at, user: r.user_name, action: r.action, target: r.target, detail: r.detail }));
}
