// Campaigns: a label (e.g. 2026–2027学年), the template version schools
// fill, a deadline and the roster of schools expected. The summary counts
// here are the simple ones the list needs (expected, submitted, on time,
// late, rejected, missing), computed from the report index at read time.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { CampaignSummary, NewCampaignRequest, Scope } from '../../../shared/bureau/api';
import type { ServerContext } from '../context';
import { ServerError } from '../errors';
import { audit } from './audit';
import { writeRoster, type ParsedRoster } from './roster';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 'c' + 8 base32 letters: short enough to read out on the phone, 2^40 values. */
export function newCampaignId(): string {
  const bytes = randomBytes(8);
  let id = 'c';
  for (const b of bytes) id += BASE32[b % 32];
  return id;
}

/** A real calendar date (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The deadline's last moment in the server's time zone, as an ISO instant to compare receipts with. */
export function deadlineEnd(deadline: string): string {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

export interface CreatedCampaign {
  summary: CampaignSummary;
  /** True when no template ID@VERSION is published on this server yet (allowed: it may come later). */
  templateUnpublished: boolean;
}

/** Creates a campaign, with its roster when one is given, in one transaction. */
export async function createCampaign(ctx: ServerContext, req: NewCampaignRequest, by: string | null, roster: ParsedRoster | null = null): Promise<CreatedCampaign> {
  if (!isCalendarDate(req.deadline)) throw new ServerError('bad_request', 400, `deadline ${req.deadline} is not a date (YYYY-MM-DD)`);
  const at = req.template.lastIndexOf('@');
  const templateId = req.template.slice(0, at);
  const templateVersion = req.template.slice(at + 1);
  if (!templateId || !templateVersion) throw new ServerError('bad_request', 400, `template ${req.template} is not ID@VERSION`);
  const id = newCampaignId();
  const row = { id, label: req.label.trim(), template_id: templateId, template_version: templateVersion, deadline: req.deadline, created_at: ctx.now().toISOString(), created_by: by };
  if (row.label === '') throw new ServerError('bad_request', 400, 'the campaign needs a label');
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('campaigns').values(row).execute();
    await audit(ctx, trx, { user: by, action: 'campaign.add', target: id, detail: { label: row.label, template: req.template, deadline: req.deadline } });
    if (roster) await writeRoster(ctx, trx, id, roster.entries, by, roster.problems.length);
  });
  const published = await ctx.store.db.selectFrom('templates').select('sha512').where('template_id', '=', templateId).where('version', '=', templateVersion).executeTakeFirst();
  const [summary] = await listCampaigns(ctx, null, id);
  if (!summary) throw new Error(`campaign ${id} vanished after it was written`);
  return { summary, templateUnpublished: !published };
}

/**
 * Every campaign (newest first) with its counts; with a scope, the counts
 * cover only the schools the scope names (a reviewer's counties or schools).
 */
export async function listCampaigns(ctx: ServerContext, scope: Scope, onlyId?: string): Promise<CampaignSummary[]> {
  const db = ctx.store.db;
  let cq = db.selectFrom('campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id');
  if (onlyId !== undefined) cq = cq.where('id', '=', onlyId);
  const campaigns = await cq.execute();
  if (campaigns.length === 0) return [];
  // One row per roster school: its first receipt for the campaign's template and whether it was ever rejected.
  let q = db
    .selectFrom('roster')
    .innerJoin('campaigns', 'campaigns.id', 'roster.campaign_id')
    .select((eb) => [
      'roster.campaign_id as campaignId',
      eb
        .selectFrom('reports')
        .select((e) => e.fn.min<string>('reports.received_at').as('first'))
        .whereRef('reports.school_code', '=', 'roster.school_code')
        .whereRef('reports.template_id', '=', 'campaigns.template_id')
        .whereRef('reports.template_version', '=', 'campaigns.template_version')
        .as('firstReceived'),
      eb
        .exists(eb.selectFrom('documents').select(sql.lit(1).as('one')).whereRef('documents.school_code', '=', 'roster.school_code').where('documents.kind', '=', 'rejection'))
        .as('everRejected'),
    ]);
  if (onlyId !== undefined) q = q.where('roster.campaign_id', '=', onlyId);
  if (scope) {
    const { counties, schools } = scope;
    q = q.where((eb) =>
      eb.or([...(counties.length ? [eb('roster.county', 'in', counties)] : []), ...(schools.length ? [eb('roster.school_code', 'in', schools)] : []), ...(counties.length || schools.length ? [] : [sql<boolean>`1 = 0`])]),
    );
  }
  const rows = await q.execute();
  const byCampaign = new Map(campaigns.map((c) => [c.id, { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, rejected: 0 }]));
  const ends = new Map(campaigns.map((c) => [c.id, deadlineEnd(c.deadline)]));
  for (const r of rows) {
    const counts = byCampaign.get(r.campaignId);
    if (!counts) continue;
    counts.expected++;
    const first = r.firstReceived as string | null;
    if (first) {
      counts.submitted++;
      if (first <= (ends.get(r.campaignId) ?? '')) counts.onTime++;
      else counts.late++;
    } else if (r.everRejected === true || Number(r.everRejected) === 1) counts.rejected++;
    else counts.missing++;
  }
  return campaigns.map((c) => {
    const counts = byCampaign.get(c.id) ?? { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, rejected: 0 };
    return { id: c.id, label: c.label, templateId: c.template_id, templateVersion: c.template_version, deadline: c.deadline, createdAt: c.created_at, schools: counts.expected, ...counts };
  });
}

export async function getCampaign(ctx: ServerContext, id: string): Promise<{ id: string } | null> {
  return (await ctx.store.db.selectFrom('campaigns').select('id').where('id', '=', id).executeTakeFirst()) ?? null;
}
