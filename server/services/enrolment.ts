// Which school keys may log in and sign. The bureau enrols a key from the
// school's enrolment sheet or a code + RW… line, after reading the fingerprint
// back to the principal. Enrolling a new key for a school retires its old one
// (a lost key); a rotation statement signed by the old key does the same
// without a new sheet (applied by the submission pipeline).
import { keyIdHex, parsePublicKey, publicKeyLine } from '../../bag/minisign';
import type { TrustedKey } from '../../bag/keyTypes';
import { keyFingerprint } from '../../bag/enrolment';
import type { ServerContext } from './context';
import { ServerError } from './errors';

export interface EnrolInput {
  schoolCode: string;
  schoolName: string;
  publicKey: string;
  source: 'sheet' | 'command-line' | 'rotation';
}

export interface EnrolResult {
  keyId: string;
  fingerprint: string;
  retired: string[];
  alreadyEnrolled: boolean;
}

export async function enrolKey(ctx: ServerContext, input: EnrolInput): Promise<EnrolResult> {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(input.schoolCode)) throw new ServerError('bad_request', 400, `school code "${input.schoolCode}" is not 1–40 letters, digits, dots, dashes or underscores`);
  const key = parsePublicKey(input.publicKey);
  const keyId = keyIdHex(key.keyId);
  const line = publicKeyLine(key);
  const now = ctx.now().toISOString();
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await trx.selectFrom('school_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    if (held && held.school_code !== input.schoolCode)
      throw new ServerError('bad_request', 400, `key ${keyId} is already enrolled for school ${held.school_code}; a key belongs to one school`);
    const school = await trx.selectFrom('schools').selectAll().where('code', '=', input.schoolCode).executeTakeFirst();
    if (!school) await trx.insertInto('schools').values({ code: input.schoolCode, name: input.schoolName, enrolled_at: now }).execute();
    else if (input.schoolName && input.schoolName !== school.name && input.source !== 'rotation')
      await trx.updateTable('schools').set({ name: input.schoolName }).where('code', '=', input.schoolCode).execute();
    const others = await trx.selectFrom('school_keys').select('key_id').where('school_code', '=', input.schoolCode).where('status', '=', 'active').where('key_id', '!=', keyId).execute();
    if (others.length > 0) await trx.updateTable('school_keys').set({ status: 'retired' }).where('key_id', 'in', others.map((o) => o.key_id)).execute();
    if (held) await trx.updateTable('school_keys').set({ status: 'active' }).where('key_id', '=', keyId).execute();
    else await trx.insertInto('school_keys').values({ key_id: keyId, school_code: input.schoolCode, public_key: line, status: 'active', source: input.source, enrolled_at: now }).execute();
    return { keyId, fingerprint: keyFingerprint(line), retired: others.map((o) => o.key_id), alreadyEnrolled: held?.status === 'active' };
  });
}

/** Every active enrolled key, bound to its school, as the package verifier takes them. */
export async function trustedSchoolKeys(ctx: ServerContext): Promise<TrustedKey[]> {
  const rows = await ctx.store.db.selectFrom('school_keys').selectAll().where('status', '=', 'active').execute();
  return rows.map((r) => ({ key: parsePublicKey(r.public_key), keyId: r.key_id, label: `school ${r.school_code}`, schoolCode: r.school_code, source: 'trust-store' }));
}

export async function activeKey(ctx: ServerContext, schoolCode: string, keyId: string): Promise<string | null> {
  const row = await ctx.store.db
    .selectFrom('school_keys')
    .select('public_key')
    .where('key_id', '=', keyId)
    .where('school_code', '=', schoolCode)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.public_key ?? null;
}
