// One school's submission for a campaign: its SchoolRow, the versions it
// sent (with receipt, way in and signing key), and the report.json of the
// version shown; and its evidence, streamed one file at a time out of the
// stored zip. Only files the report lists are served, never a confidential
// item's (the package has none, but the server does not rely on that).
import type { Readable } from 'node:stream';
import { DEFAULT_LIMITS } from '../../../bag/limits';
import { SafeZip } from '../../../bag/zipReader';
import type { Scope, Submission, VersionRow } from '../../../shared/bureau/api';
import type { ReportFile, ReportJson } from '../../../shared/report/schema';
import type { ServerContext } from '../context';
import { ServerError } from '../errors';
import { loadCampaign, schoolRows } from './completeness';
import { readStoredReport, readStoredReportJson } from './reportIndex';
import { inScope, outOfScope } from './scope';

export async function submission(ctx: ServerContext, campaignId: string, schoolCode: string, version: string | null, scope: Scope): Promise<Submission> {
  const campaign = await loadCampaign(ctx, campaignId);
  const inRoster = await ctx.store.db.selectFrom('roster').select(['county']).where('campaign_id', '=', campaign.id).where('school_code', '=', schoolCode).executeTakeFirst();
  if (!inRoster) throw new ServerError('not_found', 404, `school ${schoolCode} is not on the roster of this campaign`);
  if (!inScope(scope, schoolCode, inRoster.county)) throw outOfScope();
  const [school] = await schoolRows(ctx, campaign, scope, { code: schoolCode });
  if (!school) throw outOfScope();
  const rows = await ctx.store.db
    .selectFrom('reports')
    .select(['sha512', 'bag_id', 'assessment_version', 'received_at', 'via', 'receipt_seq', 'signer_key_id', 'answers_review'])
    .where('school_code', '=', schoolCode)
    .where('template_id', '=', campaign.template_id)
    .where('template_version', '=', campaign.template_version)
    .orderBy('receipt_seq', 'desc')
    .execute();
  const versions: VersionRow[] = rows.map((r) => ({
    sha512: r.sha512,
    bagId: r.bag_id,
    assessmentVersion: Number(r.assessment_version),
    receivedAt: r.received_at,
    via: r.via === 'import' ? 'import' : 'upload',
    receiptSeq: Number(r.receipt_seq),
    signerKeyId: r.signer_key_id,
    answersReview: r.answers_review,
  }));
  const shown = version ?? versions[0]?.sha512 ?? null;
  if (version !== null && !versions.some((v) => v.sha512 === version)) throw new ServerError('not_found', 404, 'this school sent no such version for this campaign');
  return { school, versions, shownSha512: shown, report: shown ? await readStoredReportJson(ctx, shown) : null };
}

/** The files a report lists, by bag path; confidential items' files are left out. */
function listedFiles(report: ReportJson): Map<string, ReportFile> {
  const files = new Map<string, ReportFile>();
  for (const item of report.items) if (!item.confidential) for (const f of item.evidence) files.set(f.path, f);
  for (const event of report.events) for (const f of event.evidence) files.set(f.path, f);
  const confidential = new Set(report.items.filter((i) => i.confidential).flatMap((i) => i.evidence.map((f) => f.path)));
  for (const p of confidential) files.delete(p);
  return files;
}

const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf']);

export interface EvidenceFile {
  stream: Readable;
  size: number;
  headers: Record<string, string>;
  close(): Promise<void>;
}

/** Opens one evidence file of a stored package for streaming (the reader checks length and CRC as it goes). */
export async function openEvidence(ctx: ServerContext, sha512: string, bagPath: string, scope: Scope): Promise<EvidenceFile> {
  const row = await ctx.store.db.selectFrom('reports').select(['school_code', 'county']).where('sha512', '=', sha512).executeTakeFirst();
  if (!row || !ctx.blobs.has(sha512)) throw new ServerError('not_found', 404, 'no received package has this SHA-512');
  if (scope !== null) {
    const counties = await ctx.store.db.selectFrom('roster').select('county').distinct().where('school_code', '=', row.school_code).execute();
    if (!inScope(scope, row.school_code, row.county) && !counties.some((c) => inScope(scope, row.school_code, c.county))) throw outOfScope();
  }
  const report = await readStoredReport(ctx, sha512);
  const file = listedFiles(report).get(bagPath);
  if (!file) throw new ServerError('not_found', 404, `the report does not list ${bagPath} (or it belongs to a confidential item)`);
  const zip = await SafeZip.open(ctx.blobs.pathOf(sha512), DEFAULT_LIMITS);
  const entry = zip.files.find((f) => f.path === bagPath);
  if (!entry) {
    await zip.close();
    throw new ServerError('not_found', 404, `the package has no ${bagPath}`);
  }
  const mime = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(file.mime) ? file.mime.toLowerCase() : 'application/octet-stream';
  const name = file.originalName || bagPath.split('/').pop() || 'file';
  const disposition = `${INLINE.has(mime) ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  return {
    stream: zip.openStream(entry),
    size: entry.size,
    headers: {
      'content-type': mime,
      'content-length': String(entry.size),
      'content-disposition': disposition,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'private, max-age=3600',
    },
    close: () => zip.close(),
  };
}
