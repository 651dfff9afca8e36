// `selfcheck server demo`: a realistic county in one command, so a newcomer
// sees a full workspace at once. Every step goes through the server's own
// services — accounts, the campaign and its roster, each school's key
// enrolled, each package verified and receipted by the one pipeline, reviews
// drafted, published and checked — with the clock set back so that
// submissions arrive before and after the deadline. Only the reports
// themselves are invented (server/demo/syntheticReport.ts), each from its own
// seed so a school's rectification version repeats its first report.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toSchoolKey } from '../../bag/keyTypes';
import { generateSecretKey } from '../../bag/minisign';
import { loadSeedTemplate, SEEDS_DIR } from '../../bag/template/seedTemplate';
import { ReviewBody } from '../../shared/sync/protocol';
import type { ServerContext } from '../services/context';
import { enrolKey } from '../services/enrolment';
import { processPackage } from '../services/submissions';
import { createCampaign } from '../services/workspace/campaigns';
import { parseRoster } from '../services/workspace/roster';
import { checkPoint, publishReview, saveDraft } from '../services/workspace/reviews';
import { createUser } from '../services/workspace/users';
import { demoSchools, rosterCsv } from './roster';
import { seeded, writeDemoPackage, type DemoRectification } from './syntheticReport';

const DAY = 86_400_000;
export const DEMO_TEMPLATE_DIR = 'hunan-school-selfcheck-v2';

export interface DemoResult {
  campaignId: string;
  schools: number;
  received: number;
  late: number;
  rejected: number;
  missing: number;
  reviews: { draft: number; published: number; rectified: number; closed: number };
  users: { name: string; role: string; password: string }[];
}

/** A password for the printed demo accounts: 16 characters a person can type. */
const password = (): string => randomBytes(12).toString('base64url');

export async function fillDemoCounty(ctx: ServerContext, n: number, progress: (line: string) => void): Promise<DemoResult> {
  const rnd = seeded(20261203 + n);
  const template = loadSeedTemplate(join(SEEDS_DIR, DEMO_TEMPLATE_DIR));
  const now = ctx.now();
  const at = (t: number): ServerContext => ({ ...ctx, now: () => new Date(t) });
  const deadline = new Date(now.getTime() - 10 * DAY);
  const deadlineDate = deadline.toISOString().slice(0, 10);

  const users = [
    { name: 'admin', role: 'admin' as const, password: password() },
    { name: 'duxue', role: 'reviewer' as const, password: password() },
    { name: 'guest', role: 'viewer' as const, password: password() },
  ];
  for (const u of users) await createUser(ctx, { ...u, scope: null }, 'demo');

  const schools = demoSchools(n, rnd);
  const roster = await parseRoster(Buffer.from(rosterCsv(schools), 'utf8'), 'roster.csv');
  const { summary } = await createCampaign(ctx, { label: '2026—2027 学年义务教育学校督导评估', template: `${template.id}@${template.version}`, deadline: deadlineDate }, 'admin', roster);
  progress(`campaign ${summary.id}: ${roster.entries.length} schools, deadline ${deadlineDate}`);

  const result: DemoResult = { campaignId: summary.id, schools: n, received: 0, late: 0, rejected: 0, missing: 0, reviews: { draft: 0, published: 0, rectified: 0, closed: 0 }, users };
  const work = mkdtempSync(join(tmpdir(), 'selfcheck-demo-'));
  const reviewed: { code: string; school: (typeof schools)[number]; key: ReturnType<typeof toSchoolKey>; bagId: string }[] = [];
  try {
    for (const [i, school] of schools.entries()) {
      const fate = rnd();
      const key = toSchoolKey(generateSecretKey(), now.toISOString());
      await enrolKey(ctx, { schoolCode: school.code, schoolName: school.name, publicKey: key.publicKeyLine, source: 'command-line' });
      if (fate < 0.08) {
        result.missing += 1;
        continue;
      }
      const late = fate < 0.16;
      const rejected = !late && fate < 0.2;
      const when = late ? deadline.getTime() + (1 + rnd() * 8) * DAY : deadline.getTime() - (1 + rnd() * 25) * DAY;
      // A rejected package: signed with a key the bureau never enrolled (a reinstalled PC).
      const signer = rejected ? toSchoolKey(generateSecretKey(), now.toISOString()) : key;
      const dir = mkdtempSync(join(work, `${school.code}-`));
      const pkg = await writeDemoPackage({ dir, template, school, key: signer, rnd: seeded(Number(school.code)), generatedAt: new Date(when - 3600_000), version: 1, replaces: null, rectification: null });
      const outcome = await processPackage(at(when), { file: pkg.zipPath, sha512: null, via: 'upload', session: null, clientTime: null });
      if (outcome.outcome === 'rejected') result.rejected += 1;
      else if (outcome.outcome === 'received') {
        result.received += 1;
        if (late) result.late += 1;
        if (rnd() < 0.45) reviewed.push({ code: school.code, school, key, bagId: pkg.bagId });
      }
      if ((i + 1) % 25 === 0) progress(`${i + 1} / ${n} schools`);
    }

    // Reviews: a few drafts; the rest published, some rectified by the school, some of those checked.
    for (const [j, r] of reviewed.entries()) {
      const actor = { name: 'duxue', scope: null };
      // The reviewer starts from the school's own statuses and scores (the report index), and marks up to three weak points.
      const points = await ctx.store.db
        .selectFrom('report_points')
        .innerJoin('reports', 'reports.sha512', 'report_points.sha512')
        .select(['report_points.code', 'report_points.status', 'report_points.self'])
        .where('reports.school_code', '=', r.code)
        .execute();
      const marked = points.filter((p) => p.status === 'not_met' || p.status === 'partly_met').slice(0, 3);
      // Reviewed a week ago, so the school's rectification (1–3 days ago) comes after the review it answers.
      const reviewedAt = at(now.getTime() - 7 * DAY);
      await saveDraft(reviewedAt, actor, summary.id, r.code, {
        opinion: '该校自评材料较完整，部分指标佐证不足，请按意见限期整改。',
        deadline: new Date(now.getTime() + 23 * DAY).toISOString().slice(0, 10),
        points: points.map((p) => {
          const weak = marked.some((m) => m.code === p.code);
          const status = p.status as 'met' | 'partly_met' | 'not_met' | 'not_applicable' | 'unanswered';
          return { code: p.code, score: p.self === null ? null : weak ? Math.max(0, Number(p.self) - 1) : Number(p.self), status, comment: weak ? '现场核查佐证不足，请补充并落实整改。' : '', rectify: weak };
        }),
      });
      if (j % 5 === 4 || marked.length === 0) {
        result.reviews.draft += 1;
        continue;
      }
      const published = await publishReview(reviewedAt, actor, summary.id, r.code);
      result.reviews.published += 1;
      if (j % 3 === 0) continue;
      // The school answers with a rectification report: version 2 of its package.
      const doc = await ctx.store.db.selectFrom('documents').select(['json', 'sha512']).where('school_code', '=', r.code).where('kind', '=', 'review').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      const body = ReviewBody.parse(JSON.parse(doc.json));
      const rect: DemoRectification = {
        review: body.id,
        reviewSha512: doc.sha512,
        items: marked.map((p) => ({ code: p.code, measures: '已召开专题会议，补齐制度与台账，责任到人。', responsible: '分管副校长', deadline: published.deadline, status: 'done' as const })),
      };
      const dir = mkdtempSync(join(work, `${r.code}-r-`));
      const when = now.getTime() - (1 + rnd() * 3) * DAY;
      const pkg = await writeDemoPackage({ dir, template, school: r.school, key: r.key, rnd: seeded(Number(r.school.code)), generatedAt: new Date(when - 3600_000), version: 2, replaces: r.bagId, rectification: rect });
      await processPackage(at(when), { file: pkg.zipPath, sha512: null, via: 'upload', session: null, clientTime: null });
      result.reviews.rectified += 1;
      if (j % 3 === 1) {
        for (const p of marked) await checkPoint(ctx, actor, published.id, p.code, 'closed', { comment: '经复查，整改到位。' });
        result.reviews.closed += 1;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}
