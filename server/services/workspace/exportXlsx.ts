// A campaign as an XLSX workbook, streamed (exceljs WorkbookWriter) to any
// writable stream, a file or an HTTP response: 名单与状态 (the roster with
// state, dates, score, level, review and 整改 counts), 评分矩阵 (schools ×
// points, self-score or status and review score), 督导意见 (the reviews) and
// 整改 (each point to rectify, the school's measures, who checked it and
// when). Rows are read in pages and committed as they are written, and each
// sheet is finished before the next starts, so memory stays flat however
// many schools the campaign has. Chinese column names, a frozen header row
// and widths that fit the content's usual length, for WPS and Excel alike.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Scope, SchoolRow } from '../../../shared/bureau/api';
import { exportWords } from '../../../shared/i18n/workspaceExport';
import { zhCN } from '../../../shared/i18n/zh-CN';
import { LEVEL_WORDS } from '../../../shared/template/instrument';
import type { ServerContext } from '../context';
import { latestPublished, latestReports, pointCatalog } from './analytics';
import { loadCampaign, schoolRows, type Campaign } from './completeness';
import { scopeCondition } from './scope';

const W = exportWords['zh-CN'];
/** Schools per page: small enough that a page's rows die young, large enough that queries stay few. */
const PAGE_SIZE = 200;

export interface ExportCounts {
  schools: number;
  /** Rows of the matrix: schools with a report. */
  reported: number;
  points: number;
  reviews: number;
  rectify: number;
}

type Column = { header: string; key: string; width: number };

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  return ws;
}

/**
 * Waits between pages until the sheet's bytes have gone into the zip.
 * exceljs writes a sheet's XML into a pass-through stream without heeding
 * its backpressure, so without this wait the whole sheet's XML would pile up
 * in memory whenever compressing is slower than making rows.
 */
async function breathe(ws: ExcelJS.Worksheet): Promise<void> {
  const inner = (ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean; length?: number } })[] } }).stream?.pipes?.[0];
  if (inner?._writableState?.needDrain) await once(inner, 'drain');
  else await new Promise((r) => setImmediate(r));
}

const local = (iso: string | null): string | null => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : null);
const statusWord = (s: string): string => (zhCN.status as Record<string, string>)[s] ?? s;
const typeWord = (t: string): string => (zhCN.schoolType as Record<string, string>)[t] ?? t;
const levelWord = (l: string | null): string | null => (l ? (LEVEL_WORDS as Record<string, { 'zh-CN': string }>)[l]?.['zh-CN'] ?? l : null);

/** Every school row of the campaign within the scope, a page at a time. */
async function* pagesOfSchools(ctx: ServerContext, campaign: Campaign, scope: Scope, pageSize: number): AsyncGenerator<SchoolRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await schoolRows(ctx, campaign, scope, { after, limit: pageSize });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.code;
    if (rows.length < pageSize) return;
  }
}

export interface ExportOptions {
  /** Schools per page (tests use 1 to cross page boundaries). */
  pageSize?: number;
}

export async function writeCampaignXlsx(ctx: ServerContext, campaignId: string, scope: Scope, out: Writable, opts: ExportOptions = {}): Promise<ExportCounts> {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const campaign = await loadCampaign(ctx, campaignId);
  const db = ctx.store.db;
  const counts: ExportCounts = { schools: 0, reported: 0, points: 0, reviews: 0, rectify: 0 };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'SelfCheck';

  // 名单与状态
  const R = W.roster;
  const roster = sheet(wb, W.sheets.roster, [
    { header: R.code, key: 'code', width: 14 },
    { header: R.name, key: 'name', width: 28 },
    { header: R.type, key: 'type', width: 14 },
    { header: R.county, key: 'county', width: 12 },
    { header: R.state, key: 'state', width: 10 },
    { header: R.firstReceivedAt, key: 'first', width: 21 },
    { header: R.latestReceivedAt, key: 'latest', width: 21 },
    { header: R.versions, key: 'versions', width: 8 },
    { header: R.total, key: 'total', width: 10 },
    { header: R.level, key: 'level', width: 10 },
    { header: R.review, key: 'review', width: 10 },
    { header: R.open, key: 'open', width: 8 },
    { header: R.rectified, key: 'rectified', width: 12 },
    { header: R.closed, key: 'closed', width: 8 },
    { header: R.overdue, key: 'overdue', width: 10 },
  ]);
  for await (const page of pagesOfSchools(ctx, campaign, scope, pageSize)) {
    for (const s of page) {
      roster
        .addRow({
          code: s.code,
          name: s.name,
          type: typeWord(s.type),
          county: s.county,
          state: W.states[s.state],
          first: local(s.firstReceivedAt),
          latest: local(s.latestReceivedAt),
          versions: s.versions,
          total: s.total,
          level: levelWord(s.level),
          review: W.reviewStates[s.review],
          open: s.rectify.open,
          rectified: s.rectify.rectified,
          closed: s.rectify.closed,
          overdue: s.rectify.overdue,
        })
        .commit();
      counts.schools++;
    }
    await breathe(roster);
  }
  roster.commit();

  // 评分矩阵: one row per school that has a report; two columns per point.
  const all = { county: null, type: null };
  const latest = latestReports(campaign, scope, all);
  const head = await sql<{ newest: string | null }>`with ${latest} select sha512 as newest from latest order by receipt_seq desc limit 1`.execute(db);
  const codes = await sql<{ code: string }>`with ${latest} select distinct p.code from report_points p join latest l on l.sha512 = p.sha512`.execute(db);
  const catalog = await pointCatalog(ctx, head.rows[0]?.newest ?? null, codes.rows.map((r) => r.code));
  const points = catalog.points.filter((p) => codes.rows.some((r) => r.code === p.code));
  counts.points = points.length;
  const matrix = sheet(wb, W.sheets.matrix, [
    { header: R.code, key: 'code', width: 14 },
    { header: R.name, key: 'name', width: 28 },
    { header: R.county, key: 'county', width: 12 },
    { header: R.total, key: 'total', width: 10 },
    ...points.flatMap((p) => [
      { header: `${p.code} ${W.matrix.self}`, key: `s:${p.code}`, width: 10 },
      { header: `${p.code} ${W.matrix.review}`, key: `r:${p.code}`, width: 10 },
    ]),
  ]);
  let after = '';
  for (;;) {
    const page = await sql<{ sha512: string; school_code: string; name: string; county: string; total: unknown }>`
      with ${latestReports(campaign, scope, all, after)} select sha512, school_code, name, county, total from latest order by school_code limit ${pageSize}`.execute(db);
    if (page.rows.length === 0) break;
    const pageCodes = page.rows.map((r) => r.school_code);
    const selfRows = await db
      .selectFrom('report_points')
      .select(['sha512', 'code', 'status', 'self'])
      .where('sha512', 'in', page.rows.map((r) => r.sha512))
      .execute();
    const reviewRows = await sql<{ school_code: string; code: string; score: unknown; status: string | null }>`
      with ${latestPublished(campaign, pageCodes)}
      select pub.school_code, rp.code, rp.score, rp.status from review_points rp join pub on pub.id = rp.review_id`.execute(db);
    const selfOf = new Map(selfRows.map((r) => [`${r.sha512}:${r.code}`, r]));
    const reviewOf = new Map(reviewRows.rows.map((r) => [`${r.school_code}:${r.code}`, r]));
    for (const r of page.rows) {
      const row: Record<string, string | number | null> = { code: r.school_code, name: r.name, county: r.county, total: r.total === null ? null : Number(r.total) };
      for (const p of points) {
        const s = selfOf.get(`${r.sha512}:${p.code}`);
        row[`s:${p.code}`] = s ? (s.self !== null ? Number(s.self) : statusWord(s.status)) : null;
        const v = reviewOf.get(`${r.school_code}:${p.code}`);
        row[`r:${p.code}`] = v ? (v.score !== null ? Number(v.score) : v.status ? statusWord(v.status) : null) : null;
      }
      matrix.addRow(row).commit();
      counts.reported++;
    }
    after = pageCodes[pageCodes.length - 1] ?? after;
    await breathe(matrix);
    if (page.rows.length < pageSize) break;
  }
  matrix.commit();

  // 督导意见
  const V = W.reviews;
  const reviews = sheet(wb, W.sheets.reviews, [
    { header: R.code, key: 'code', width: 14 },
    { header: R.name, key: 'name', width: 28 },
    { header: R.county, key: 'county', width: 12 },
    { header: V.reviewer, key: 'reviewer', width: 12 },
    { header: V.state, key: 'state', width: 8 },
    { header: V.updatedAt, key: 'updated', width: 21 },
    { header: V.publishedAt, key: 'published', width: 21 },
    { header: V.deadline, key: 'deadline', width: 12 },
    { header: V.opinion, key: 'opinion', width: 60 },
  ]);
  for (let offset = 0; ; offset += pageSize) {
    const page = await db
      .selectFrom('reviews as rv')
      .innerJoin('roster as ro', (j) => j.onRef('ro.school_code', '=', 'rv.school_code').onRef('ro.campaign_id', '=', 'rv.campaign_id'))
      .select(['rv.school_code', 'ro.name', 'ro.county', 'rv.reviewer', 'rv.state', 'rv.updated_at', 'rv.published_at', 'rv.deadline', 'rv.opinion'])
      .where('rv.campaign_id', '=', campaign.id)
      .where(scopeCondition(scope, 'ro.school_code', 'ro.county'))
      .orderBy('rv.school_code')
      .orderBy('rv.updated_at')
      .orderBy('rv.id')
      .limit(pageSize)
      .offset(offset)
      .execute();
    for (const r of page) {
      reviews
        .addRow({
          code: r.school_code,
          name: r.name,
          county: r.county,
          reviewer: r.reviewer,
          state: r.state === 'published' ? W.reviewStates.published : W.reviewStates.draft,
          updated: local(r.updated_at),
          published: local(r.published_at),
          deadline: r.deadline,
          opinion: r.opinion,
        })
        .commit();
      counts.reviews++;
    }
    await breathe(reviews);
    if (page.length < pageSize) break;
  }
  reviews.commit();

  // 整改: the points of published reviews marked to rectify, with the school's latest rectification of each.
  const X = W.rectify;
  const rectify = sheet(wb, W.sheets.rectify, [
    { header: R.code, key: 'code', width: 14 },
    { header: R.name, key: 'name', width: 28 },
    { header: R.county, key: 'county', width: 12 },
    { header: X.point, key: 'point', width: 10 },
    { header: X.comment, key: 'comment', width: 40 },
    { header: V.deadline, key: 'deadline', width: 12 },
    { header: X.state, key: 'state', width: 14 },
    { header: X.measures, key: 'measures', width: 50 },
    { header: X.responsible, key: 'responsible', width: 12 },
    { header: X.schoolDeadline, key: 'schoolDeadline', width: 14 },
    { header: X.schoolStatus, key: 'schoolStatus', width: 12 },
    { header: X.receivedAt, key: 'receivedAt', width: 21 },
    { header: X.checkedBy, key: 'checkedBy', width: 10 },
    { header: X.checkedAt, key: 'checkedAt', width: 21 },
    { header: X.checkComment, key: 'checkComment', width: 40 },
  ]);
  for (let offset = 0; ; offset += pageSize) {
    const page = await sql<{
      school_code: string;
      name: string;
      county: string;
      code: string;
      comment: string;
      deadline: string;
      state: string | null;
      measures: string | null;
      responsible: string | null;
      school_deadline: string | null;
      school_status: string | null;
      received_at: string | null;
      checked_by: string | null;
      checked_at: string | null;
      check_comment: string | null;
    }>`
      select rv.school_code, ro.name, ro.county, rp.code, rp.comment, rv.deadline, rp.state,
        rc.measures, rc.responsible, rc.deadline as school_deadline, rc.status as school_status, rc.received_at,
        rp.checked_by, rp.checked_at, rp.check_comment
      from reviews rv
      join roster ro on ro.campaign_id = rv.campaign_id and ro.school_code = rv.school_code
      join review_points rp on rp.review_id = rv.id
      left join (
        select review_id, code, measures, responsible, deadline, status, received_at,
          row_number() over (partition by review_id, code order by received_at desc, sha512) as rn
        from rectifications
      ) rc on rc.review_id = rv.id and rc.code = rp.code and rc.rn = 1
      where rv.campaign_id = ${campaign.id} and rv.state = 'published' and rp.rectify = 1
        and ${scopeCondition(scope, 'ro.school_code', 'ro.county')}
      order by rv.school_code, rv.published_at, rv.id, rp.code
      limit ${pageSize} offset ${offset}`.execute(db);
    for (const r of page.rows) {
      rectify
        .addRow({
          code: r.school_code,
          name: r.name,
          county: r.county,
          point: r.code,
          comment: r.comment,
          deadline: r.deadline,
          state: r.state ? ((W.pointStates as Record<string, string>)[r.state] ?? r.state) : null,
          measures: r.measures,
          responsible: r.responsible,
          schoolDeadline: r.school_deadline,
          schoolStatus: r.school_status ? ((W.schoolStatus as Record<string, string>)[r.school_status] ?? r.school_status) : null,
          receivedAt: local(r.received_at),
          checkedBy: r.checked_by,
          checkedAt: local(r.checked_at),
          checkComment: r.check_comment,
        })
        .commit();
      counts.rectify++;
    }
    await breathe(rectify);
    if (page.rows.length < pageSize) break;
  }
  rectify.commit();
  await wb.commit();
  return counts;
}

/** The schools that have not submitted (missing or only rejected), for reminders. */
export async function writeMissingXlsx(ctx: ServerContext, campaignId: string, scope: Scope, out: Writable, opts: ExportOptions = {}): Promise<{ schools: number }> {
  const campaign = await loadCampaign(ctx, campaignId);
  const R = W.roster;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'SelfCheck';
  const ws = sheet(wb, W.sheets.missing, [
    { header: R.code, key: 'code', width: 14 },
    { header: R.name, key: 'name', width: 28 },
    { header: R.county, key: 'county', width: 12 },
    { header: R.type, key: 'type', width: 14 },
    { header: R.state, key: 'state', width: 10 },
  ]);
  let schools = 0;
  for await (const page of pagesOfSchools(ctx, campaign, scope, opts.pageSize ?? PAGE_SIZE)) {
    for (const s of page) {
      if (s.state !== 'missing' && s.state !== 'rejected') continue;
      ws.addRow({ code: s.code, name: s.name, county: s.county, type: typeWord(s.type), state: W.states[s.state] }).commit();
      schools++;
    }
    await breathe(ws);
  }
  ws.commit();
  await wb.commit();
  return { schools };
}
