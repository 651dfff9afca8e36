// Workspace benchmark (`npm run bench:bureau`): prints figures, asserts nothing.
// A fresh server data folder (made by `selfcheck server init`) is filled BY
// DIRECT INSERTS, not by sending packages: a campaign with $BENCH_SCHOOLS
// roster schools (default 5,000) in 12 counties, ~90% of them with a report
// row and ~90 report_points rows (statuses and self-scores at random, a few
// schools with two versions), a fifth with a published review of every point
// (review score, some points to rectify in every state), and a second
// campaign over the first 500 schools of the same template. Then, in this
// process, the services the pages call: completeness and analytics (server
// time, median of $BENCH_RUNS, default 5), and the XLSX export of both
// campaigns, each in a fresh process (`selfcheck server export`'s service),
// with its time and peak RSS, so the ratio shows whether memory grows with
// the number of schools.
// PostgreSQL too with BENCH_POSTGRES=1 (a throwaway cluster, as the tests
// make) or BENCH_POSTGRES_URL=postgres://… (an empty database you own).
// BENCH_KEEP=1 keeps the SQLite data folder (its path is printed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ITEM_STATUSES } from '../shared/domain/status';
import { LEVELS } from '../shared/template/instrument';
import { SCHOOL_TYPES } from '../shared/template/schema';
import { openServer, type ServerContext } from '../server/services/context';
import { analytics } from '../server/services/workspace/analytics';
import { completeness } from '../server/services/workspace/completeness';
import { writeCampaignXlsx } from '../server/services/workspace/exportXlsx';
import { startPostgres, type TestPostgres } from '../test/server/helpers/postgres';
import { cli } from '../test/server/helpers/serverProcess';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? '5000');
const POINTS = Number(process.env.BENCH_POINTS ?? '90');
const RUNS = Number(process.env.BENCH_RUNS ?? '5');
const TEMPLATE = { id: 'bench-template', version: '2.0.0' };
const COUNTIES = ['吉首市', '泸溪县', '凤凰县', '花垣县', '保靖县', '古丈县', '永顺县', '龙山县', '芙蓉区', '天心区', '岳麓区', '开福区'];

/** A small deterministic generator, so two runs fill the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex128 = (n: number): string => n.toString(16).padStart(128, '0');
const code = (i: number): string => String(1430000000 + i);
const pointCode = (j: number): string => `${String.fromCharCode(65 + Math.floor(j / 10))}${(j % 10) + 1}`;

async function fill(ctx: ServerContext): Promise<{ reports: number; points: number; reviews: number }> {
  const db = ctx.store.db;
  const rand = rng(42);
  const now = new Date().toISOString();
  let reports = 0;
  let points = 0;
  let reviews = 0;
  await db
    .insertInto('campaigns')
    .values([
      { id: 'c5000', label: `全部 ${SCHOOLS} 所`, template_id: TEMPLATE.id, template_version: TEMPLATE.version, deadline: '2025-06-30', created_at: now, created_by: null },
      { id: 'c500', label: '前 500 所', template_id: TEMPLATE.id, template_version: TEMPLATE.version, deadline: '2025-06-30', created_at: now, created_by: null },
    ])
    .execute();
  let seq = 0;
  const BATCH = 100;
  for (let start = 0; start < SCHOOLS; start += BATCH) {
    await db.transaction().execute(async (trx) => {
      const roster = [];
      const reportRows = [];
      const pointRows = [];
      const reviewRows = [];
      const reviewPointRows = [];
      for (let i = start; i < Math.min(SCHOOLS, start + BATCH); i++) {
        const school = { school_code: code(i), name: `第${i + 1}学校`, type: SCHOOL_TYPES[i % SCHOOL_TYPES.length] ?? 'primary', county: COUNTIES[i % COUNTIES.length] ?? '吉首市' };
        roster.push({ campaign_id: 'c5000', ...school });
        if (i < 500) roster.push({ campaign_id: 'c500', ...school });
        if (rand() < 0.1) continue; // missing
        const versions = rand() < 0.05 ? 2 : 1;
        for (let v = 1; v <= versions; v++) {
          const sha512 = hex128(++seq);
          const late = rand() < 0.15;
          let total = 0;
          for (let j = 0; j < POINTS; j++) {
            const r = rand();
            const status = r < 0.6 ? 'met' : r < 0.8 ? 'partly_met' : r < 0.9 ? 'not_met' : r < 0.95 ? 'not_applicable' : 'unanswered';
            const max = 100 / POINTS;
            const self = status === 'met' ? max : status === 'partly_met' ? max / 2 : status === 'not_applicable' ? null : 0;
            total += self ?? 0;
            pointRows.push({ sha512, code: pointCode(j), status, self, max });
          }
          reportRows.push({
            sha512,
            school_code: school.school_code,
            bag_id: `${school.school_code}-20250601-v${v}-bench`,
            assessment_id: `a-${i}`,
            assessment_version: v,
            template_id: TEMPLATE.id,
            template_version: TEMPLATE.version,
            school_type: school.type,
            county: school.county,
            signer_key_id: '0123456789ABCDEF',
            generated_at: now,
            received_at: late ? `2025-07-0${1 + v}T02:00:00.000Z` : `2025-06-${String(10 + v).padStart(2, '0')}T02:00:00.000Z`,
            via: 'upload',
            receipt_seq: seq,
            total: Math.round(total * 10) / 10,
            level: total >= 90 ? 'excellent' : total >= 75 ? 'good' : total >= 60 ? 'pass' : 'fail',
            answers_review: null,
          });
          reports++;
          points += POINTS;
          if (v === versions && rand() < 0.2) {
            const id = `rv-${i}`;
            reviewRows.push({ id, campaign_id: 'c5000', school_code: school.school_code, sha512, state: 'published' as const, opinion: '总体良好，部分指标需整改。', deadline: '2025-09-30', reviewer: '督学', updated_at: now, published_at: now, doc_seq: null });
            for (let j = 0; j < POINTS; j++) {
              const rectify = rand() < 0.1;
              const state = rectify ? (['open', 'rectified', 'closed', 'reopened'] as const)[Math.floor(rand() * 4)] ?? 'open' : null;
              reviewPointRows.push({ review_id: id, code: pointCode(j), score: Math.round(rand() * 100) / POINTS, status: ITEM_STATUSES[Math.floor(rand() * 3)] ?? 'met', comment: rectify ? '需整改' : '', rectify: rectify ? 1 : 0, state, checked_by: state === 'closed' ? '督学' : null, checked_at: state === 'closed' ? now : null, check_comment: null });
            }
            reviews++;
          }
        }
      }
      const insert = async <T>(rows: T[], put: (chunk: T[]) => Promise<unknown>): Promise<void> => {
        for (let k = 0; k < rows.length; k += 500) await put(rows.slice(k, k + 500));
      };
      await insert(roster, (c) => trx.insertInto('roster').values(c).execute());
      await insert(reportRows, (c) => trx.insertInto('reports').values(c).execute());
      await insert(pointRows, (c) => trx.insertInto('report_points').values(c).execute());
      await insert(reviewRows, (c) => trx.insertInto('reviews').values(c).execute());
      await insert(reviewPointRows, (c) => trx.insertInto('review_points').values(c).execute());
    });
  }
  return { reports, points, reviews };
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Child mode: export one campaign in this fresh process and print time and peak RSS as JSON. */
async function exportChild(dataDir: string, databaseUrl: string | null, campaign: string, out: string): Promise<void> {
  const ctx = await openServer({ dataDir, databaseUrl });
  const t0 = process.hrtime.bigint();
  const file = createWriteStream(out);
  const counts = await writeCampaignXlsx(ctx, campaign, null, file);
  file.end();
  await finished(file);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await ctx.store.close();
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size, ...counts }) + '\n');
}

interface ExportFigure {
  reported: number;
  ms: number;
  maxRssMb: number;
  bytes: number;
  schools: number;
  points: number;
}

function exportInChild(dataDir: string, databaseUrl: string | null, campaign: string, out: string, nodeFlags: string[] = []): ExportFigure {
  const text = execFileSync(process.execPath, [...nodeFlags, __filename, '--export-child', dataDir, databaseUrl ?? '', campaign, out], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as ExportFigure;
}

async function run(engine: 'sqlite' | 'postgres', databaseUrl: string | null, dir: string): Promise<void> {
  const dataDir = join(dir, `bureau-${engine}`);
  const env: Record<string, string> = databaseUrl ? { SELFCHECK_SERVER_DATABASE_URL: databaseUrl } : {};
  const init = cli(['server', 'init', '--data-dir', dataDir, '--name', 'bench bureau'], env);
  if (init.status !== 0) throw new Error(init.stderr);
  const ctx = await openServer({ dataDir, databaseUrl });
  try {
    const t0 = Date.now();
    const filled = await fill(ctx);
    console.log(`\n[${engine}] filled by direct inserts (not by sending packages): ${SCHOOLS} roster schools, ${filled.reports} report rows, ${filled.points} report_points rows, ${filled.reviews} published reviews × ${POINTS} points — ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const c = await completeness(ctx, 'c5000', null);
    const a = await analytics(ctx, 'c5000', { county: null, type: null }, null);
    console.log(`[${engine}] check: ${c.overall.submitted} submitted (${c.overall.onTime} on time, ${c.overall.late} late), ${c.overall.missing} missing; analytics over ${a.schools} schools, ${a.points.length} points, levels ${LEVELS.map((l) => `${l} ${a.levels[l]}`).join(', ')}`);
    const comp = await median(RUNS, () => completeness(ctx, 'c5000', null));
    const anal = await median(RUNS, () => analytics(ctx, 'c5000', { county: null, type: null }, null));
    const analCounty = await median(RUNS, () => analytics(ctx, 'c5000', { county: COUNTIES[0] ?? null, type: null }, null));
    const scoped = await median(RUNS, () => completeness(ctx, 'c5000', { counties: COUNTIES.slice(0, 3), schools: [] }));
    console.log(`[${engine}] completeness, ${SCHOOLS} schools: ${comp.toFixed(0)} ms (median of ${RUNS}); a reviewer scoped to 3 counties: ${scoped.toFixed(0)} ms`);
    console.log(`[${engine}] analytics, ${SCHOOLS} schools × ${POINTS} points: ${anal.toFixed(0)} ms (median of ${RUNS}); one county: ${analCounty.toFixed(0)} ms`);
  } finally {
    await ctx.store.close();
  }
  const small = exportInChild(dataDir, databaseUrl, 'c500', join(dir, `export-500-${engine}.xlsx`));
  const large = exportInChild(dataDir, databaseUrl, 'c5000', join(dir, `export-${SCHOOLS}-${engine}.xlsx`));
  for (const f of [small, large])
    console.log(`[${engine}] XLSX export, ${f.schools} schools (${f.reported} with a report) × ${f.points} points: ${(f.ms / 1000).toFixed(2)} s, ${(f.bytes / 1024 / 1024).toFixed(1)} MB file, peak RSS ${f.maxRssMb.toFixed(0)} MB (whole process)`);
  console.log(`[${engine}] peak RSS ratio ${SCHOOLS} / 500 schools: ${(large.maxRssMb / small.maxRssMb).toFixed(2)} (schools ×${(SCHOOLS / 500).toFixed(0)}); time ratio ${(large.ms / small.ms).toFixed(1)}`);
  // Peak RSS also measures how lazily V8 collects garbage; a capped old space shows what the export really keeps alive.
  const capped = exportInChild(dataDir, databaseUrl, 'c5000', join(dir, `export-capped-${engine}.xlsx`), ['--max-old-space-size=64']);
  console.log(`[${engine}] the same ${capped.schools}-school export with V8's old space capped at 64 MB: ${(capped.ms / 1000).toFixed(2)} s, peak RSS ${capped.maxRssMb.toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === '--export-child') {
    const [dataDir, url, campaign, out] = rest as [string, string, string, string];
    return exportChild(dataDir, url === '' ? null : url, campaign, out);
  }
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-bench-bureau-'));
  let pg: TestPostgres | null = null;
  try {
    console.log(`bench:bureau — node ${process.version}, ${SCHOOLS} schools × ${POINTS} points; server time measured in-process around the service calls the pages make`);
    await run('sqlite', null, dir);
    const url = process.env.BENCH_POSTGRES_URL ?? (process.env.BENCH_POSTGRES === '1' ? (pg = await startPostgres()).createDatabase(`bench_${process.pid}`) : null);
    if (url) await run('postgres', url, dir);
    else console.log('\n(PostgreSQL: set BENCH_POSTGRES=1 for a throwaway cluster, or BENCH_POSTGRES_URL=postgres://… for an empty database)');
  } finally {
    pg?.stop();
    if (process.env.BENCH_KEEP === '1') console.log(`\n(kept: ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
