// The score in report.json (format 2) and report.html: level, veto cap and the
// empty review column, in both languages.
import type { Answer } from '../../shared/domain/answer';
import type { AssessmentSummary } from '../../shared/domain/status';
import { ReportScore, buildReportScore, renderScoreSection } from '../../shared/report/score';
import { escapeHtml } from '../../shared/report/html';
import { allItems } from '../../shared/template/schema';
import { allMet, profileOf, SCHOOL_V2, V1, withStatus } from './helpers';

const profile = profileOf('junior');
const { statuses, answers } = allMet(SCHOOL_V2, profile);
const summaryOf = (items: AssessmentSummary['items']): AssessmentSummary => ({
  assessmentId: 'a1',
  items,
  areas: [],
  overall: { total: 0, answered: 0, met: 0, partlyMet: 0, notMet: 0, notApplicable: 0, progress: 0, compliance: 0 },
  failedKeyItems: [],
  computedAt: '2026-01-01T00:00:00Z',
});
const answerList: Answer[] = Object.entries(answers).map(([itemCode, value]) => ({
  assessmentId: 'a1',
  itemCode,
  value,
  note: '',
  revision: 1,
  savedBy: 'test',
  savedAt: '2026-01-01T00:00:00Z',
}));

it('a v2 report carries a valid score block with the review column empty; v1 has none', () => {
  const score = buildReportScore(SCHOOL_V2, profile, summaryOf(statuses), answerList, 'zh-CN')!;
  expect(ReportScore.parse(score)).toEqual(score);
  expect(score.total).toBe(100);
  expect(score.level).toBe('excellent');
  expect(score.review).toBeNull();
  expect(score.points.every((p) => p.review === null)).toBe(true);
  expect(score.aspects.map((a) => a.title)).toContain('课程教学');
  expect(buildReportScore(V1, profile, summaryOf([]), [], 'zh-CN')).toBeUndefined();
});

it('report.html says the level, why it was capped, and that the review is pending', () => {
  const veto = allItems(SCHOOL_V2).find((i) => i.key)!.code;
  const capped = buildReportScore(SCHOOL_V2, profile, summaryOf(withStatus(statuses, veto, { status: 'not_met' })), answerList, 'zh-CN')!;
  const zh = renderScoreSection(capped, 'zh-CN', escapeHtml);
  expect(zh).toContain('等级：不合格');
  expect(zh).toContain(`否决项未通过，等级定为不合格：${veto}。`);
  expect(zh).toContain('待教育局复核');
  const en = renderScoreSection(buildReportScore(SCHOOL_V2, profile, summaryOf(statuses), answerList, 'en')!, 'en', escapeHtml);
  expect(en).toContain('Level: Excellent');
  expect(en).toContain('Curriculum and teaching');
  expect(en).not.toMatch(/[\u3400-\u9fff]/);
});
