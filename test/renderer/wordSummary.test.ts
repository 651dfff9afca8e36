// The Word-friendly summary: a plain table with inline borders, one row per area that
// applies plus the total, texts escaped, nothing a paste would lose or run.
import { wordSummaryHtml } from '../../shared/report/wordSummary';
import type { AssessmentSummary } from '../../shared/domain/status';
import { makeTemplate } from '../status/fixtures';

const figures = (total: number, met: number) => ({ total, answered: met, met, partlyMet: 0, notMet: 0, notApplicable: 0, progress: total ? met / total : 0, compliance: total ? met / total : 0 });
const template = makeTemplate({ SAF: [{ code: 'SAF-01', type: 'yes_no' }], KG: [{ code: 'KG-01', type: 'yes_no' }] });
const summary: AssessmentSummary = {
  assessmentId: 'a',
  items: [],
  areas: [{ areaCode: 'SAF', ...figures(4, 3) }, { areaCode: 'KG', ...figures(0, 0) }],
  overall: figures(4, 3),
  failedKeyItems: ['SAF-01'],
  computedAt: '2026-12-03T00:00:00.000Z',
};

test('one row per applicable area and a total, borders inline, texts escaped, no script', () => {
  const html = wordSummaryHtml({ locale: 'zh-CN', schoolName: '青山<村>小学', periodLabel: '2026–2027 学年', template, summary });
  const rows = html.match(/<tr>/g) ?? [];
  expect(rows).toHaveLength(3); // header, SAF, total (KG has nothing that applies)
  expect(html).toContain('border="1"');
  expect(html).toContain('青山&lt;村&gt;小学');
  expect(html).toContain('75%');
  expect(html).toContain('SAF-01');
  expect(html).not.toMatch(/<script|class=/);
});
