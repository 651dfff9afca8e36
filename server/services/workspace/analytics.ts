// Across schools: over each roster school's latest received report for the
// campaign (optionally one county, one school type; always within the
// user's scope), per point the schools met / partly / not met / unanswered /
// not applicable, the mean self-score and the mean review score of
// published reviews, per aspect, the histogram of totals, the levels and the
// key items failed with the schools. Counting is done by the database
// (GROUP BY over report_points), so it stays fast at a province's scale;
// titles, aspects and key flags come from the newest of those reports.
import { sql, type RawBuilder } from 'kysely';
import { LEVELS, type Level } from '../../../shared/template/instrument';
import type { Analytics, PointStats, Scope } from '../../../shared/bureau/api';
import type { SchoolType } from '../../../shared/template/schema';
import type { ServerContext } from '../context';
import { loadCampaign, type Campaign } from './completeness';
import { readStoredReport } from './reportIndex';
import { scopeCondition } from './scope';

export interface AnalyticsFilter {
  county: string | null;
  type: SchoolType | null;
}

/** `latest(sha512, school_code, name, county, type, total, level, receipt_seq)`: each school's latest report, as a CTE. */
export function latestReports(campaign: Campaign, scope: Scope, filter: AnalyticsFilter, after: string | null = null): RawBuilder<unknown> {
  // Keyset paging (the export): schools after this code only, so a page does not recompute the whole campaign.
  const from = (column: string) => (after !== null ? sql`and ${sql.ref(column)} > ${after}` : sql``);
  // Materialized: computed once, then each school's points are found through report_points' key (the planner would otherwise re-check it per point row).
  return sql`latest as materialized (
    select r.sha512, r.school_code, ro.name, ro.county, ro.type, r.total, r.level, r.receipt_seq
    from reports r
    join (
      select school_code, max(receipt_seq) as seq from reports
      where template_id = ${campaign.template_id} and template_version = ${campaign.template_version} ${from('school_code')}
      group by school_code
    ) m on r.template_id = ${campaign.template_id} and r.template_version = ${campaign.template_version} and r.school_code = m.school_code and r.receipt_seq = m.seq
    join roster ro on ro.campaign_id = ${campaign.id} and ro.school_code = r.school_code
    where ${scopeCondition(scope, 'ro.school_code', 'ro.county')}
      ${filter.county !== null ? sql`and ro.county = ${filter.county}` : sql``}
      ${filter.type !== null ? sql`and ro.type = ${filter.type}` : sql``}
      ${from('ro.school_code')}
  )`;
}

/** Each school's latest published review for the campaign, as a CTE `pub(id, school_code)`. */
export const latestPublished = (campaign: Campaign, codes: string[] | null = null): RawBuilder<unknown> => sql`pub as (
    select id, school_code from (
      select id, school_code, row_number() over (partition by school_code order by published_at desc, id desc) as rn
      from reviews where campaign_id = ${campaign.id} and state = 'published' ${codes !== null ? sql`and school_code in (${sql.join(codes)})` : sql``}
    ) x where rn = 1
  )`;

export interface CatalogPoint {
  code: string;
  title: string;
  areaCode: string;
  key: boolean;
}

export interface Catalog {
  points: CatalogPoint[];
  areas: { areaCode: string; title: string }[];
}

/** Titles, aspects and key flags in the order of the newest report (codes it lacks follow, sorted). */
export async function pointCatalog(ctx: ServerContext, newest: string | null, codes: readonly string[]): Promise<Catalog> {
  let points: CatalogPoint[] = [];
  let areas: Catalog['areas'] = [];
  if (newest) {
    try {
      const report = await readStoredReport(ctx, newest);
      points = report.items.map((i) => ({ code: i.code, title: i.title, areaCode: i.areaCode, key: i.key }));
      areas = report.areas.map((a) => ({ areaCode: a.areaCode, title: a.title }));
    } catch {
      // An unreadable blob must not take the page down: codes stand in for titles.
    }
  }
  const known = new Set(points.map((p) => p.code));
  const rest = [...new Set(codes)].filter((c) => !known.has(c)).sort();
  for (const code of rest) points.push({ code, title: code, areaCode: /^[A-Za-z]+/.exec(code)?.[0] ?? code, key: false });
  const knownAreas = new Set(areas.map((a) => a.areaCode));
  for (const p of points) {
    if (knownAreas.has(p.areaCode)) continue;
    knownAreas.add(p.areaCode);
    areas.push({ areaCode: p.areaCode, title: p.areaCode });
  }
  return { points, areas };
}

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

const BANDS = Array.from({ length: 10 }, (_, i) => i);
const bandCase = sql.raw(`case ${BANDS.slice(0, 9).map((b) => `when total < ${(b + 1) * 10} then ${b}`).join(' ')} else 9 end`);

export async function analytics(ctx: ServerContext, campaignId: string, filter: AnalyticsFilter, scope: Scope): Promise<Analytics> {
  const db = ctx.store.db;
  const campaign = await loadCampaign(ctx, campaignId);
  const latest = latestReports(campaign, scope, filter);

  const head = await sql<{ schools: unknown; newest: string | null }>`
    with ${latest} select (select count(*) from latest) as schools, (select sha512 from latest order by receipt_seq desc limit 1) as newest`.execute(db);
  const schools = num(head.rows[0]?.schools);
  const newest = head.rows[0]?.newest ?? null;

  const perPoint = await sql<{ code: string; met: unknown; partly: unknown; not_met: unknown; unanswered: unknown; na: unknown; mean_self: unknown; max: unknown }>`
    with ${latest}
    select p.code,
      sum(case when p.status = 'met' then 1 else 0 end) as met,
      sum(case when p.status = 'partly_met' then 1 else 0 end) as partly,
      sum(case when p.status = 'not_met' then 1 else 0 end) as not_met,
      sum(case when p.status = 'unanswered' then 1 else 0 end) as unanswered,
      sum(case when p.status = 'not_applicable' then 1 else 0 end) as na,
      avg(p.self) as mean_self,
      max(p.max) as max
    from report_points p join latest l on l.sha512 = p.sha512
    group by p.code`.execute(db);

  const review = await sql<{ code: string; mean_review: unknown }>`
    with ${latest}, ${latestPublished(campaign)}
    select rp.code, avg(rp.score) as mean_review
    from review_points rp join pub on pub.id = rp.review_id join latest l on l.school_code = pub.school_code
    where rp.score is not null
    group by rp.code`.execute(db);

  const histogram = await sql<{ band: unknown; n: unknown }>`
    with ${latest} select band, count(*) as n from (select ${bandCase} as band from latest where total is not null) b group by band`.execute(db);
  const levels = await sql<{ level: string; n: unknown }>`
    with ${latest} select level, count(*) as n from latest where level is not null group by level`.execute(db);

  const catalog = await pointCatalog(ctx, newest, perPoint.rows.map((r) => r.code));
  const keyCodes = catalog.points.filter((p) => p.key).map((p) => p.code);
  const failures =
    keyCodes.length === 0
      ? { rows: [] as { code: string; school_code: string; name: string }[] }
      : await sql<{ code: string; school_code: string; name: string }>`
    with ${latest}
    select p.code, l.school_code, l.name from report_points p join latest l on l.sha512 = p.sha512
    where p.code in (${sql.join(keyCodes)}) and p.status in ('partly_met', 'not_met')
    order by p.code, l.school_code`.execute(db);

  const statsOf = new Map(perPoint.rows.map((r) => [r.code, r]));
  const reviewOf = new Map(review.rows.map((r) => [r.code, numOrNull(r.mean_review)]));
  const points: PointStats[] = catalog.points
    .filter((p) => statsOf.has(p.code))
    .map((p) => {
      const s = statsOf.get(p.code);
      return {
        code: p.code,
        title: p.title,
        areaCode: p.areaCode,
        key: p.key,
        max: numOrNull(s?.max),
        met: num(s?.met),
        partly: num(s?.partly),
        notMet: num(s?.not_met),
        unanswered: num(s?.unanswered),
        notApplicable: num(s?.na),
        meanSelf: round(numOrNull(s?.mean_self)),
        meanReview: round(reviewOf.get(p.code) ?? null),
      };
    });
  // An aspect's mean self-score is the sum of its points' means (each school answers every point of its instrument).
  const aspects = catalog.areas
    .map((a) => {
      const ps = points.filter((p) => p.areaCode === a.areaCode);
      const means = ps.map((p) => p.meanSelf).filter((m): m is number => m !== null);
      return {
        areaCode: a.areaCode,
        title: a.title,
        met: ps.reduce((n, p) => n + p.met, 0),
        partly: ps.reduce((n, p) => n + p.partly, 0),
        notMet: ps.reduce((n, p) => n + p.notMet, 0),
        meanSelf: means.length > 0 ? round(means.reduce((x, y) => x + y, 0)) : null,
        count: ps.length,
      };
    })
    .filter((a) => a.count > 0)
    .map(({ count: _count, ...a }) => a);
  const bandCount = new Map(histogram.rows.map((r) => [num(r.band), num(r.n)]));
  const levelCount = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const r of levels.rows) if ((LEVELS as readonly string[]).includes(r.level)) levelCount[r.level as Level] = num(r.n);
  const failed = new Map<string, { code: string; name: string }[]>();
  for (const r of failures.rows) {
    const list = failed.get(r.code) ?? [];
    list.push({ code: r.school_code, name: r.name });
    failed.set(r.code, list);
  }
  return {
    filter: { county: filter.county, type: filter.type },
    schools,
    points,
    aspects,
    histogram: BANDS.map((b) => ({ from: b * 10, to: b === 9 ? 100 : b * 10 + 9.9, count: bandCount.get(b) ?? 0 })),
    levels: levelCount,
    keyFailures: catalog.points.filter((p) => failed.has(p.code)).map((p) => ({ code: p.code, title: p.title, schools: failed.get(p.code) ?? [] })),
  };
}
