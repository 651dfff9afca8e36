// The whole 督导 loop with real processes on both sides: a bureau server
// process and the school app's commands through the bin. The bureau's review
// steps call the workspace services on the server's own data folder (the
// workspace routes need a log-in session, written in parallel); everything the
// school does goes through its real doors: `selfcheck connect`, `sync`,
// `review list`, `export`, and the bridge methods of the 整改 page.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAllHandlers, dispatch } from '../../electron/api';
import { createCore } from '../../electron/services/core';
import { openServer, type ServerContext } from '../../server/services/context';
import { checkPoint, getReview, proposedDeadline, publishReview, saveDraft } from '../../server/services/workspace/reviews';
import { ReportJson } from '../../shared/report/schema';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from '../package/helpers/exportFixture';
import { BIN, ServerProcess } from '../sync/serverProcess';

const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });
const SCHOOL = '1430000001';
const inspector = { name: '督学王', scope: null };

let work = '';
let server: ServerProcess | null = null;
let ctx: ServerContext | null = null;
beforeAll(() => {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: 'pipe' });
}, 120_000);
afterAll(async () => {
  await ctx?.store.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function bridge(dataDir: string, name: string, args: unknown): Promise<Record<string, unknown>> {
  const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
  try {
    const r = await dispatch(createAllHandlers(core), name, args);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  } finally {
    core.close();
  }
}

test('publish → the app syncs the review; the rectification package goes back; the bureau closes the point and the app sees it', async () => {
  const fx = await makeExportFixture();
  fx.tc.core.close();
  const school = fx.tc.dir;
  work = tempDir('review-loop-');
  const bureauDir = join(work, 'bureau');

  const first = join(work, 'first.zip');
  const exp = run(['export', '--data-dir', school, '--out', first]);
  expect(exp.status).toBe(0);
  const bagId = /bag=(\S+)/.exec(exp.stdout)?.[1] as string;
  const reportPath = `${bagId}/data/report.json`;
  const report = ReportJson.parse(JSON.parse(execFileSync('unzip', ['-p', first, reportPath], { encoding: 'utf8' })));
  const schoolKey = /public key:\s+(RW\S+)/.exec(run(['keys', '--data-dir', school]).stdout)?.[1] as string;
  const bureauKey = /bureau public key:\s+(RW\S+)/.exec(run(['server', 'init', '--data-dir', bureauDir, '--name', '测试县教育局']).stdout)?.[1] as string;
  expect(run(['server', 'enrol', '--data-dir', bureauDir, '--school', SCHOOL, '--key', schoolKey]).status).toBe(0);
  server = new ServerProcess(bureauDir);
  await server.start();
  const url = `http://127.0.0.1:${server.port}`;
  expect(run(['connect', '--data-dir', school, '--server', url, '--bureau-key', bureauKey]).status).toBe(0);
  expect(run(['sync', '--data-dir', school]).status).toBe(0);

  // The bureau reviews the package it received and publishes.
  ctx = await openServer({ dataDir: bureauDir, databaseUrl: null });
  await ctx.store.db
    .insertInto('campaigns')
    .values({ id: 'c1', label: '2024–2025 学年督导评估', template_id: report.assessment.template.id, template_version: report.assessment.template.version, deadline: '2025-06-30', created_at: new Date().toISOString(), created_by: null })
    .execute();
  await saveDraft(ctx, inspector, 'c1', SCHOOL, {
    opinion: '安全预案需经演练检验后修订。',
    deadline: proposedDeadline(ctx.now()),
    points: [{ code: 'SAF-01', score: null, status: 'partly_met', comment: '预案未经演练', rectify: true }],
  });
  const published = await publishReview(ctx, inspector, 'c1', SCHOOL);

  // The app's next sync brings it (the receipts feed), verified with the bureau key it trusts.
  expect(run(['sync', '--data-dir', school]).status).toBe(0);
  const listed = JSON.parse(run(['review', 'list', '--data-dir', school, '--json']).stdout) as { id: string; body: { bag: string; opinion: string } }[];
  expect(listed.map((r) => [r.id, r.body.bag, r.body.opinion])).toEqual([[published.id, bagId, '安全预案需经演练检验后修订。']]);
  // The receipt of the first package is still the only receipt (the review settled nothing).
  const receipts = JSON.parse(run(['receipts', '--data-dir', school, '--json']).stdout) as { kind: string }[];
  expect(receipts.map((r) => r.kind)).toEqual(['receipt']);

  // The principal records the point and makes the rectification package; sync sends it.
  const evidenceId = (await bridge(school, 'evidence.list', {})) as unknown as { id: string }[];
  await bridge(school, 'review.saveEntry', { reviewId: published.id, code: 'SAF-01', measures: '全校应急疏散演练并修订预案', responsible: '王副校长', deadline: null, status: 'done', evidenceIds: [evidenceId[0]?.id], revision: 0 });
  const prepared = (await bridge(school, 'review.prepare', { id: published.id })) as { assessmentId: string };
  const rect = join(work, 'rect.zip');
  expect(run(['export', '--data-dir', school, '--out', rect, '--assessment', prepared.assessmentId]).status).toBe(0);
  const sent = run(['sync', '--data-dir', school]);
  expect(sent.status).toBe(0);
  const seen = await getReview(ctx, inspector, 'c1', SCHOOL);
  expect(seen?.points[0]).toMatchObject({ code: 'SAF-01', state: 'rectified', rectification: { measures: '全校应急疏散演练并修订预案', responsible: '王副校长', status: 'done', evidenceCount: 1 } });

  // The bureau checks and closes the point; the app's next sync shows it closed.
  await checkPoint(ctx, inspector, published.id, 'SAF-01', 'closed', { comment: '已现场核实' });
  expect(run(['sync', '--data-dir', school]).status).toBe(0);
  const detail = (await bridge(school, 'review.get', { id: published.id })) as { closed: number; points: { check: unknown }[] };
  expect(detail.closed).toBe(1);
  expect(detail.points[0]?.check).toMatchObject({ state: 'closed', comment: '已现场核实', by: '督学王' });
  expect(readFileSync(rect).length).toBeGreaterThan(0);

  // The template feed, asked as this school: of two published templates, only the one a campaign
  // naming the school uses is offered (the kindergarten instrument is not this school's).
  await ctx.store.db
    .insertInto('campaigns')
    .values({ id: 'c2', label: '2026—2027 学年督导评估', template_id: 'hunan-school-selfcheck', template_version: '2.0.0', deadline: '2027-06-30', created_at: new Date().toISOString(), created_by: null })
    .execute();
  await ctx.store.db.insertInto('roster').values({ campaign_id: 'c2', school_code: SCHOOL, name: '测试学校', type: 'primary', county: '吉首市' }).execute();
  for (const seed of ['hunan-school-selfcheck-v2', 'hunan-kindergarten-selfcheck-v2']) {
    const zip = join(work, `${seed}.zip`);
    expect(run(['template-package', '--key', join(bureauDir, 'bureau.key'), '--out', zip, '--seed', join(__dirname, '..', '..', 'seeds', seed)]).status).toBe(0);
    expect(run(['server', 'templates', 'add', '--data-dir', bureauDir, zip]).status).toBe(0);
  }
  const offered = run(['sync', '--data-dir', school]);
  expect(offered.status).toBe(0);
  expect(offered.stdout).toMatch(/NEW TEMPLATE\s+hunan-school-selfcheck 2\.0\.0/);
  expect(offered.stdout).not.toMatch(/hunan-kindergarten-selfcheck/);
}, 240_000);
