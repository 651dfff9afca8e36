// The one pipeline every package goes through, uploaded (POST submissions)
// or carried in on a stick (`selfcheck server import`): hash, verify with the
// same verifier as `selfcheck verify`, check the signer is the key enrolled
// for the school the report names, store the bytes content-addressed, and
// answer with a signed receipt, a signed rejection or a conflict. A package's
// SHA-512 gets at most one document, so the same bytes always get the same
// answer, byte for byte, whichever way they came in.
import { statSync } from 'node:fs';
import { publicKeyLine } from '../../bag/minisign';
import { extendTrustByRotation } from '../../bag/rotation';
import { verifyReportPackage } from '../../bag/verify';
import { readPackageFacts } from '../../bag/packageFacts';
import { sha512OfFile } from '../blobs/blobStore';
import type { Session } from './auth';
import type { ServerContext } from './context';
import { findDocument, lockChain, writeReceipt, writeRejection, type StoredDocument } from './documents';
import { enrolKey, trustedSchoolKeys } from './enrolment';
import { ServerError } from './errors';
import { indexReport } from './workspace/reportIndex';
import { recordRectification } from './workspace/rectification';

export interface PackageInput {
  file: string;
  /** Already computed by the caller (checked against the client's claim), or null to compute here. */
  sha512: string | null;
  via: 'upload' | 'import';
  session: Session | null;
  clientTime: string | null;
}

export type Outcome =
  | { outcome: 'received'; fresh: boolean; doc: StoredDocument }
  | { outcome: 'rejected'; doc: StoredDocument }
  | { outcome: 'conflict'; bag: string; heldSha512: string; message: string };

const answer = (doc: StoredDocument, fresh: boolean): Outcome => (doc.kind === 'receipt' ? { outcome: 'received', fresh, doc } : { outcome: 'rejected', doc });

export async function processPackage(ctx: ServerContext, input: PackageInput): Promise<Outcome> {
  const sha512 = input.sha512 ?? (await sha512OfFile(input.file));
  const size = statSync(input.file).size;
  const known = await findDocument(ctx.store.db, sha512);
  if (known) return sameSchoolOrRefuse(known, input.session);

  const verified = await verifyReportPackage(input.file, { trusted: await trustedSchoolKeys(ctx) });
  const received = ctx.now().toISOString();
  if (!verified.ok || !verified.bagId) {
    const failure = verified.failure;
    return issueRejection(ctx, {
      school: input.session?.schoolCode ?? verified.schoolCode,
      sha512,
      size,
      received,
      clientTime: input.clientTime,
      reason: failure?.code ?? 'verifyFailed',
      detail: [failure?.file, failure?.detail].filter((x) => x).join(': ').slice(0, 2000),
      via: input.via,
    }, verified.bagId);
  }
  const facts = await readPackageFacts(input.file);
  if (input.session && facts.schoolCode !== input.session.schoolCode)
    throw new ServerError('not_enrolled', 403, `this package is from school ${facts.schoolCode}; you are logged in as school ${input.session.schoolCode}`);
  if (verified.keyTrust === 'rotated') await followRotation(ctx, facts.schoolCode, facts.signerKeyId, facts.schoolName, facts.rotation);

  await ctx.blobs.put(input.file, sha512);
  return ctx.store.db.transaction().execute(async (trx): Promise<Outcome> => {
    const chain = await lockChain(trx);
    const again = await findDocument(trx, sha512);
    if (again) return sameSchoolOrRefuse(again, input.session);
    const held = await trx.selectFrom('packages').select(['sha512']).where('bag_id', '=', facts.bagId).where('sha512', '!=', sha512).executeTakeFirst();
    if (held && facts.replaces !== facts.bagId)
      return {
        outcome: 'conflict',
        bag: facts.bagId,
        heldSha512: held.sha512,
        message: `package ${facts.bagId} was already received with other content; export a new version (it names the one it replaces) instead of changing a sent package`,
      };
    await trx.insertInto('packages').values({ sha512, bag_id: facts.bagId, school_code: facts.schoolCode, size, stored_at: received }).execute();
    const doc = await writeReceipt(ctx, trx, chain, {
      school: facts.schoolCode,
      bag: facts.bagId,
      assessment: facts.assessmentId,
      assessmentVersion: facts.assessmentVersion,
      sha512,
      size,
      received,
      clientTime: input.clientTime,
      via: input.via,
    });
    await indexReport(trx, { sha512, seq: doc.seq, receivedAt: received, via: input.via }, facts.report);
    await recordRectification(trx, { sha512, schoolCode: facts.schoolCode, rectification: facts.report.rectification ?? null, receivedAt: received });
    return { outcome: 'received', fresh: true, doc };
  });
}

async function issueRejection(ctx: ServerContext, body: Parameters<typeof writeRejection>[3], bagId: string | null): Promise<Outcome> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const chain = await lockChain(trx);
    const again = await findDocument(trx, body.sha512);
    if (again) return answer(again, false);
    return answer(await writeRejection(ctx, trx, chain, body, bagId), true);
  });
}

/** The stored answer for these bytes; a school never gets another school's receipt. */
function sameSchoolOrRefuse(doc: StoredDocument, session: Session | null): Outcome {
  if (session && doc.schoolCode !== null && doc.schoolCode !== session.schoolCode)
    throw new ServerError('not_enrolled', 403, `these bytes were received from school ${doc.schoolCode}; log in as that school`);
  return answer(doc, false);
}

/** The package is signed by a key its rotation statements chain to from the enrolled one: enrol the new key. */
async function followRotation(ctx: ServerContext, schoolCode: string, signerKeyId: string, schoolName: string, statements: Parameters<typeof extendTrustByRotation>[1]): Promise<void> {
  const own = (await trustedSchoolKeys(ctx)).filter((k) => k.schoolCode === schoolCode);
  const reached = extendTrustByRotation(own, statements).find((k) => k.keyId === signerKeyId && k.source === 'rotation');
  if (!reached) return;
  await enrolKey(ctx, { schoolCode, schoolName, publicKey: publicKeyLine(reached.key), source: 'rotation' });
}
