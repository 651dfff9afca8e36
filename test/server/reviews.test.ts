// Review per item and the re-check, on both engines. The workspace routes need
// a logged-in session (server/services/workspace/sessions.ts, written in
// parallel), so the bureau's side calls the review services directly on the
// same data folder and database; the school's side goes through its real door:
// a server process over HTTP (upload, submit, GET receipts?after=), where the
// review and recheck documents arrive in the chain like receipts and verify
// with stock minisign.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentHash, verifyBureauDocument } from '../../bag/receipt';
import { parsePublicKey } from '../../bag/minisign';
import { WORKSPACE_API, workspacePaths } from '../../shared/bureau/api';
import { WORKSPACE_ROUTES } from '../../server/http/workspace/routes';
import { ReceiptsResponse, type BureauDocumentBody, type SignedDocument } from '../../shared/sync/protocol';
import { openServer, type ServerContext } from '../../server/services/context';
import { ServerError } from '../../server/services/errors';
import { checkPoint, getReview, proposedDeadline, publishReview, saveDraft } from '../../server/services/workspace/reviews';
import { SCHOOL_CODE } from '../package/helpers/samplePackage';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, info, login, submit, upload, uploadIdOf } from './helpers/client';
import { startServer, type ServerProcess } from './helpers/serverProcess';

const reviewer = { name: '督学王', scope: null };

describe.each(ENGINES)('review and re-check on %s', (engine) => {
  let b: Bureau;
  let server: ServerProcess;
  let ctx: ServerContext;
  let token: string;
  let bureauKey: string;

  beforeAll(async () => {
    b = await setupBureau(engine);
    server = await startServer(b.dataDir, [], b.env);
    bureauKey = (await info(server.url)).bureauKey;
    ctx = await openServer({ dataDir: b.dataDir, databaseUrl: b.env.SELFCHECK_SERVER_DATABASE_URL ?? null });
    await ctx.store.db
      .insertInto('campaigns')
      .values({ id: 'c1', label: '2024–2025 学年督导评估', template_id: 'hunan-school-selfcheck', template_version: '1.0.0', deadline: '2025-06-30', created_at: new Date().toISOString(), created_by: null })
      .execute();
    await ctx.store.db.insertInto('roster').values({ campaign_id: 'c1', school_code: SCHOOL_CODE, name: '测试小学', type: 'primary', county: '吉首市' }).execute();
    token = await login(server.url, SCHOOL_CODE, b.school);
  }, 120_000);
  afterAll(async () => {
    await ctx?.store.close();
    expect(await server?.stop()).toBe(0);
    b?.cleanup();
  }, 60_000);

  async function send(pkg: { zipPath: string; sha512: string }): Promise<void> {
    const up = await upload(server.url, token, pkg.zipPath, pkg.sha512);
    const r = await submit(server.url, token, uploadIdOf(up.url), pkg.sha512);
    expect(r.body.outcome).toBe('received');
  }

  async function feed(after: number): Promise<{ docs: { doc: SignedDocument; body: BureauDocumentBody }[]; last: number }> {
    const r = ReceiptsResponse.parse((await call(`${server.url}/receipts?after=${after}`, { token })).body);
    return { docs: r.documents.map((doc) => ({ doc, body: verifyBureauDocument(doc, parsePublicKey(bureauKey)) })), last: r.last };
  }

  function stockVerifies(doc: SignedDocument): boolean {
    const file = join(b.dir, `doc-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, doc.json);
    writeFileSync(file + '.minisig', doc.minisig);
    try {
      execFileSync('minisign', ['-V', '-P', bureauKey, '-m', file], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  }

  test('publish → the school finds the signed review in its receipts feed, chained after the receipt; a published review is not edited', async () => {
    await expect(saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '', deadline: '2025-04-01', points: [] })).rejects.toThrow(/sent nothing/);
    const pkg = await b.makePackage({ bagId: `${SCHOOL_CODE}-20250101-v1-rv${process.pid}` });
    await send(pkg);
    const deadline = proposedDeadline(ctx.now());
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const points = [
      { code: 'SAF-01', score: 8.5, status: 'met' as const, comment: '记录完整', rectify: false },
      { code: 'SAF-02', score: 3, status: 'not_met' as const, comment: '缺少心理辅导记录', rectify: true },
    ];
    const first = await saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '初稿', deadline, points });
    expect(first.state).toBe('draft');
    const again = await saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '总体良好，心理辅导需限期整改。', deadline, points });
    expect(again.id).toBe(first.id);
    expect(again.sha512).toBe(pkg.sha512);
    expect(again.total).toBe(11.5);
    const before = await feed(0);
    expect(before.docs.map((d) => d.body.kind)).toEqual(['receipt']); // a draft is not sent

    const published = await publishReview(ctx, reviewer, 'c1', SCHOOL_CODE);
    expect(published.state).toBe('published');
    expect(published.points.map((p) => [p.code, p.state])).toEqual([
      ['SAF-01', null],
      ['SAF-02', 'open'],
    ]);
    const after = await feed(0);
    expect(after.docs.map((d) => d.body.kind)).toEqual(['receipt', 'review']);
    const [receipt, review] = after.docs;
    if (review?.body.kind !== 'review' || !receipt) throw new Error('no review in the feed');
    expect(review.body).toMatchObject({ id: published.id, school: SCHOOL_CODE, sha512: pkg.sha512, campaign: '2024–2025 学年督导评估', reviewer: '督学王', deadline, opinion: '总体良好，心理辅导需限期整改。' });
    expect(review.body.points).toEqual(points);
    expect(review.body.prev).toBe(documentHash(receipt.doc.json));
    expect(stockVerifies(review.doc)).toBe(true);
    expect(stockVerifies({ ...review.doc, json: review.doc.json.replace('限期整改', '无需整改') })).toBe(false);

    await expect(saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '改一改', deadline, points })).rejects.toMatchObject({ code: 'locked' });
    await expect(publishReview(ctx, reviewer, 'c1', SCHOOL_CODE)).rejects.toBeInstanceOf(ServerError);
    // A reviewer limited to another county sees nothing of this school.
    await expect(getReview(ctx, { name: 'x', scope: { counties: ['泸溪县'], schools: [] } }, 'c1', SCHOOL_CODE)).rejects.toMatchObject({ code: 'forbidden' });
  }, 60_000);

  test('a rectification package marks the point rectified; reopen and close send signed rechecks to the school', async () => {
    const current = await getReview(ctx, reviewer, 'c1', SCHOOL_CODE);
    if (!current) throw new Error('no review');
    const { docs, last } = await feed(0);
    const reviewDoc = docs.find((d) => d.body.kind === 'review');
    if (!reviewDoc) throw new Error('no review document');

    // Naming another version of the review document changes nothing.
    const stray = await b.makePackage({
      bagId: `${SCHOOL_CODE}-20250101-v2-stray${process.pid}`,
      mutateReport: (r) => (r.rectification = { review: current.id, reviewSha512: 'e'.repeat(128), items: [{ code: 'SAF-02', measures: 'x', responsible: 'y', deadline: null, status: 'done', evidence: [] }] }),
    });
    await send(stray);
    expect((await getReview(ctx, reviewer, 'c1', SCHOOL_CODE))?.points.find((p) => p.code === 'SAF-02')?.state).toBe('open');

    const rect = await b.makePackage({
      bagId: `${SCHOOL_CODE}-20250101-v2-rect${process.pid}`,
      mutateReport: (r) => {
        r.rectification = {
          review: current.id,
          reviewSha512: documentHash(reviewDoc.doc.json),
          items: [{ code: 'SAF-02', measures: '每周开设心理辅导课并留存记录', responsible: '李老师', deadline: '2025-03-20', status: 'done', evidence: [r.items[0]?.evidence[0] as never] }],
        };
      },
    });
    await send(rect);
    const rectified = await getReview(ctx, reviewer, 'c1', SCHOOL_CODE);
    const point = rectified?.points.find((p) => p.code === 'SAF-02');
    expect(point?.state).toBe('rectified');
    expect(point?.rectification).toMatchObject({ measures: '每周开设心理辅导课并留存记录', responsible: '李老师', deadline: '2025-03-20', status: 'done', evidenceCount: 1, sha512: rect.sha512 });

    await expect(checkPoint(ctx, reviewer, current.id, 'SAF-02', 'reopened', { comment: ' ' })).rejects.toThrow(/comment is required/);
    await expect(checkPoint(ctx, reviewer, current.id, 'SAF-01', 'closed', { comment: '' })).rejects.toMatchObject({ code: 'not_found' });
    const reopened = await checkPoint(ctx, reviewer, current.id, 'SAF-02', 'reopened', { comment: '记录照片不清楚，请补充' });
    expect(reopened.points.find((p) => p.code === 'SAF-02')).toMatchObject({ state: 'reopened', checkedBy: '督学王', checkComment: '记录照片不清楚，请补充' });
    const closed = await checkPoint(ctx, reviewer, current.id, 'SAF-02', 'closed', { comment: '已核实' });
    expect(closed.points.find((p) => p.code === 'SAF-02')?.state).toBe('closed');

    const later = await feed(last);
    const kinds = later.docs.map((d) => d.body.kind);
    expect(kinds).toEqual(['receipt', 'receipt', 'recheck', 'recheck']);
    const rechecks = later.docs.flatMap((d) => (d.body.kind === 'recheck' ? [d.body] : []));
    expect(rechecks.map((r) => [r.review, r.points[0]?.code, r.points[0]?.state, r.points[0]?.comment, r.points[0]?.by])).toEqual([
      [current.id, 'SAF-02', 'reopened', '记录照片不清楚，请补充', '督学王'],
      [current.id, 'SAF-02', 'closed', '已核实', '督学王'],
    ]);
    for (const d of later.docs) expect(stockVerifies(d.doc)).toBe(true);
    // The rectification report is the school's newest version: a new review can be drafted for it.
    const next = await saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '整改复核', deadline: '2025-12-31', points: [] });
    expect(next.id).not.toBe(current.id);
    expect(next.sha512).toBe(rect.sha512);
    expect(next.state).toBe('draft');
    expect((await saveDraft(ctx, reviewer, 'c1', SCHOOL_CODE, { opinion: '整改复核（改）', deadline: '2025-12-31', points: [] })).id).toBe(next.id);
    const audit = await ctx.store.db.selectFrom('audit').select(['action', 'user_name']).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['review.draft', 'review.publish', 'review.reopen', 'review.close']));
  }, 60_000);
});

test('the review routes answer the contract’s paths (shared/bureau/api.ts) with the roles the issue names', () => {
  const find = (method: string, path: string) => {
    const sub = path.slice(WORKSPACE_API.length + 1);
    const hits = WORKSPACE_ROUTES.filter((r) => r.method === method && r.pattern.test(sub));
    expect(hits).toHaveLength(1);
    const route = hits[0] as (typeof hits)[number];
    return { roles: route.roles, params: (route.pattern.exec(sub) ?? []).slice(1).map((p) => decodeURIComponent(p ?? '')) };
  };
  const c = '2026 学年/秋', s = '1430000001';
  expect(find('GET', workspacePaths.review(c, s))).toEqual({ roles: ['admin', 'reviewer', 'viewer'], params: [c, s] });
  expect(find('PUT', workspacePaths.review(c, s))).toEqual({ roles: ['admin', 'reviewer'], params: [c, s] });
  expect(find('POST', workspacePaths.publish(c, s))).toEqual({ roles: ['admin', 'reviewer'], params: [c, s] });
  expect(find('POST', workspacePaths.closePoint('rv-1', 'SAF-01'))).toEqual({ roles: ['admin', 'reviewer'], params: ['rv-1', 'SAF-01'] });
  expect(find('POST', workspacePaths.reopenPoint('rv-1', 'SAF-01'))).toEqual({ roles: ['admin', 'reviewer'], params: ['rv-1', 'SAF-01'] });
});
