// Schools prove possession of their enrolled key: the server hands out a
// random one-time challenge (2 minutes), the school signs challengeMessage()
// with minisign, and gets a bearer token (15 minutes) stored only as its
// SHA-256. No passwords, no never-expiring tokens.
import { createHash, randomBytes } from 'node:crypto';
import { parsePublicKey, verifyMessage } from '../../bag/minisign';
import { challengeMessage, type ChallengeRequest, type ChallengeResponse, type TokenRequest, type TokenResponse } from '../../shared/sync/protocol';
import type { ServerContext } from './context';
import { activeKey } from './enrolment';
import { ServerError } from './errors';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const later = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

export async function issueChallenge(ctx: ServerContext, req: ChallengeRequest): Promise<ChallengeResponse> {
  if ((await activeKey(ctx, req.schoolCode, req.keyId)) === null)
    throw new ServerError('not_enrolled', 403, `key ${req.keyId} is not enrolled for school ${req.schoolCode}; ask the bureau to enrol it from the enrolment sheet`);
  const now = ctx.now();
  const row = {
    id: randomBytes(16).toString('hex'),
    school_code: req.schoolCode,
    key_id: req.keyId,
    challenge: randomBytes(32).toString('base64url'),
    expires_at: later(now, ctx.config.challengeTtlSeconds),
    used_at: null,
  };
  // Old challenges are useless; dropping them here keeps the table small.
  await ctx.store.db.deleteFrom('challenges').where('expires_at', '<', now.toISOString()).execute();
  await ctx.store.db.insertInto('challenges').values(row).execute();
  return { challengeId: row.id, challenge: row.challenge, expiresAt: row.expires_at };
}

export async function issueToken(ctx: ServerContext, req: TokenRequest): Promise<TokenResponse> {
  const now = ctx.now();
  const ch = await ctx.store.db.selectFrom('challenges').selectAll().where('id', '=', req.challengeId).executeTakeFirst();
  if (!ch || ch.used_at !== null || ch.expires_at < now.toISOString())
    throw new ServerError('challenge_invalid', 401, 'the challenge is unknown, expired or already used; ask for a new one');
  // Spend the challenge before checking the signature: one try per challenge, and a replay always fails.
  const spent = await ctx.store.db.updateTable('challenges').set({ used_at: now.toISOString() }).where('id', '=', ch.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw new ServerError('challenge_invalid', 401, 'the challenge was already used');
  const keyLine = await activeKey(ctx, ch.school_code, ch.key_id);
  if (keyLine === null) throw new ServerError('not_enrolled', 403, `key ${ch.key_id} is no longer enrolled for school ${ch.school_code}`);
  let ok: boolean;
  try {
    ok = verifyMessage(Buffer.from(challengeMessage(ctx.config.serverName, ch.id, ch.challenge), 'utf8'), req.signature, parsePublicKey(keyLine)).ok;
  } catch {
    ok = false; // not a minisign signature at all
  }
  if (!ok) throw new ServerError('signature_invalid', 401, `the signature does not verify with the enrolled key ${ch.key_id} of school ${ch.school_code}`);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = later(now, ctx.config.tokenTtlSeconds);
  await ctx.store.db.deleteFrom('tokens').where('expires_at', '<', now.toISOString()).execute();
  await ctx.store.db.insertInto('tokens').values({ token_hash: hashToken(token), school_code: ch.school_code, key_id: ch.key_id, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

export interface Session {
  schoolCode: string;
  keyId: string;
}

/** The school behind an `Authorization: Bearer …` header, or 401. */
export async function authenticate(ctx: ServerContext, header: string | undefined): Promise<Session> {
  const m = /^Bearer ([A-Za-z0-9_-]{32,100})$/.exec(header ?? '');
  if (!m?.[1]) throw new ServerError('unauthenticated', 401, 'this request needs a bearer token (POST auth/challenge, then auth/token)');
  const row = await ctx.store.db.selectFrom('tokens').selectAll().where('token_hash', '=', hashToken(m[1])).executeTakeFirst();
  if (!row || row.expires_at < ctx.now().toISOString()) throw new ServerError('unauthenticated', 401, 'the token is unknown or expired; log in again');
  if ((await activeKey(ctx, row.school_code, row.key_id)) === null) throw new ServerError('not_enrolled', 403, `key ${row.key_id} is no longer enrolled`);
  return { schoolCode: row.school_code, keyId: row.key_id };
}
