// `selfcheck server demo` through the bin, then the filled county through the
// doors a bureau uses: `campaign list --json`, `server export` read back with
// exceljs, and the workspace API over HTTP with the printed accounts
// (completeness, a school's submission, its review, analytics, roles).
// Both engines. The counts are checked against each other and against the
// demo's own summary line, never against fixed figures.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Analytics, CampaignSummary, Completeness, ReviewView, Submission } from '../../shared/bureau/api';
import { ReportJson } from '../../shared/report/schema';
import { startPostgres, type TestPostgres } from './helpers/postgres';
import { cli, startServer, type ServerProcess } from './helpers/serverProcess';
import { WorkspaceSession } from './helpers/workspaceSession';

const SCHOOLS = 24;

describe.each(['sqlite', 'postgres'] as const)('server demo (%s)', (engine) => {
  let dir: string;
  let dataDir: string;
  let env: Record<string, string> = {};
  let pg: TestPostgres | null = null;
  let server: ServerProcess | null = null;
  let demoOut = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `selfcheck-demo-${engine}-`));
    dataDir = join(dir, 'bureau');
    if (engine === 'postgres') {
      pg = await startPostgres();
      env = { SELFCHECK_SERVER_DATABASE_URL: pg.createDatabase(`demo${process.pid}`) };
    }
    const r = cli(['server', 'demo', '--data-dir', dataDir, '--schools', String(SCHOOLS)], env);
    demoOut = r.stdout;
    if (r.status !== 0) throw new Error(`server demo failed (${r.status}): ${r.stderr}`);
    server = await startServer(dataDir, [], env);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const password = (role: string): string => {
    const m = new RegExp(`^\\s+${role}\\s+\\S+\\s+(\\S+)$`, 'm').exec(demoOut);
    if (!m?.[1]) throw new Error(`no ${role} account in:\n${demoOut}`);
    return m[1];
  };
  const nameOf = (role: string): string => new RegExp(`^\\s+${role}\\s+(\\S+)\\s+\\S+$`, 'm').exec(demoOut)?.[1] ?? '';

  test('prints its summary and the three accounts', () => {
    expect(demoOut).toMatch(new RegExp(`${SCHOOLS} schools: \\d+ received \\(\\d+ late\\), \\d+ rejected, \\d+ missing`));
    for (const role of ['admin', 'reviewer', 'viewer']) expect(password(role).length).toBeGreaterThanOrEqual(10);
  });

  test('a second demo into the same folder is refused and changes nothing', () => {
    const before = cli(['server', 'campaign', 'list', '--data-dir', dataDir, '--json'], env).stdout;
    const again = cli(['server', 'demo', '--data-dir', dataDir, '--schools', '3'], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already has accounts or campaigns/);
    expect(cli(['server', 'campaign', 'list', '--data-dir', dataDir, '--json'], env).stdout).toBe(before);
  });

  test('bad --schools is a usage error', () => {
    const r = cli(['server', 'demo', '--data-dir', join(dir, 'other'), '--schools', 'many'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--schools many/);
  });

  test('campaign list, completeness over HTTP and the demo summary agree', async () => {
    const list = cli(['server', 'campaign', 'list', '--data-dir', dataDir, '--json'], env);
    expect(list.status).toBe(0);
    const campaigns = CampaignSummary.array().parse(JSON.parse(list.stdout));
    expect(campaigns).toHaveLength(1);
    const c = campaigns[0] as CampaignSummary;
    expect(c.schools).toBe(SCHOOLS);
    const summary = /(\d+) received \((\d+) late\), (\d+) rejected, (\d+) missing/.exec(demoOut);
    expect(c.submitted).toBe(Number(summary?.[1]));
    expect(c.late).toBe(Number(summary?.[2]));
    expect(c.rejected).toBe(Number(summary?.[3]));
    expect(c.missing).toBe(Number(summary?.[4]));

    const ws = new WorkspaceSession((server as ServerProcess).url);
    expect((await ws.login(nameOf('viewer'), password('viewer'))).status).toBe(200);
    const comp = Completeness.parse((await ws.request('GET', `campaigns/${c.id}/completeness`)).body);
    expect(comp.overall).toMatchObject({ expected: SCHOOLS, submitted: c.submitted, late: c.late, missing: c.missing, rejected: c.rejected });
    expect(comp.schools).toHaveLength(SCHOOLS);
    expect(comp.counties.reduce((s, k) => s + k.expected, 0)).toBe(SCHOOLS);
    // A viewer reads but may not review.
    const someone = comp.schools.find((s) => s.state === 'on_time') ?? comp.schools[0];
    const put = await ws.request('PUT', `campaigns/${c.id}/schools/${someone?.code}/review`, { json: { opinion: 'x', deadline: '2027-01-01', points: [] } });
    expect(put.status).toBe(403);
  });

  test('a reviewed school: its report, evidence bytes, review and rectification as the reviewer sees them', async () => {
    const c = CampaignSummary.array().parse(JSON.parse(cli(['server', 'campaign', 'list', '--data-dir', dataDir, '--json'], env).stdout))[0] as CampaignSummary;
    const ws = new WorkspaceSession((server as ServerProcess).url);
    expect((await ws.login(nameOf('reviewer'), password('reviewer'))).status).toBe(200);
    const comp = Completeness.parse((await ws.request('GET', `campaigns/${c.id}/completeness`)).body);
    const reviewed = comp.schools.filter((s) => s.review === 'published');
    expect(reviewed.length).toBeGreaterThan(0);
    const school = reviewed.find((s) => s.versions > 1) ?? reviewed[0];
    const sub = Submission.parse((await ws.request('GET', `campaigns/${c.id}/schools/${school?.code}`)).body);
    const report = ReportJson.parse(sub.report);
    expect(report.school.code).toBe(school?.code);
    const file = report.items.flatMap((i) => i.evidence)[0];
    expect(file).toBeDefined();
    const res = await fetch(`${ws.api}/packages/${sub.shownSha512}/files/${(file?.path ?? '').split('/').map(encodeURIComponent).join('/')}`, { headers: { cookie: `sc_bureau=${ws.cookie}` } });
    expect(res.status).toBe(200);
    expect(createHash('sha512').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(file?.sha512);
    const review = ReviewView.parse((await ws.request('GET', `campaigns/${c.id}/schools/${school?.code}/review`)).body);
    expect(review.state).toBe('published');
    // The demo's template ships with the server: the review total gets the template's level.
    expect(review.total).not.toBeNull();
    expect(['excellent', 'good', 'pass', 'fail']).toContain(review.level);
    const marked = review.points.filter((p) => p.rectify);
    expect(marked.length).toBeGreaterThan(0);
    if (sub.versions.length > 1) {
      expect(sub.versions.some((v) => v.answersReview === review.id)).toBe(true);
      expect(marked.every((p) => p.rectification !== null)).toBe(true);
    }
  });

  test('analytics count every submitted school once; the export reads back with the roster', async () => {
    const c = CampaignSummary.array().parse(JSON.parse(cli(['server', 'campaign', 'list', '--data-dir', dataDir, '--json'], env).stdout))[0] as CampaignSummary;
    const ws = new WorkspaceSession((server as ServerProcess).url);
    expect((await ws.login(nameOf('admin'), password('admin'))).status).toBe(200);
    const a = Analytics.parse((await ws.request('GET', `campaigns/${c.id}/analytics`)).body);
    expect(a.schools).toBe(c.submitted);
    expect(a.histogram.reduce((s, h) => s + h.count, 0)).toBe(c.submitted);
    for (const p of a.points) expect(p.met + p.partly + p.notMet + p.unanswered + p.notApplicable).toBe(c.submitted);

    const out = join(dir, `export-${engine}.xlsx`);
    const r = cli(['server', 'export', '--data-dir', dataDir, '--campaign', c.id, '--out', out], env);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const roster = wb.worksheets[0];
    expect(roster?.rowCount).toBe(SCHOOLS + 1);
  });
});
