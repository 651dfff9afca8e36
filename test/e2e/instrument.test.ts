// A school on the v2 instrument sees its self-score and level on the dashboard,
// with the veto cap said in words. The data folder is prepared through the
// real services (a v2 template installed, a primary school's answers), then
// the built app is served and opened in Chromium.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCore } from '../../electron/services/core';
import { SEEDS_DIR } from '../../bag/template/seedTemplate';
import { scoreAssessment } from '../../shared/status/score';
import { allItems } from '../../shared/template/schema';
import { meetingAnswer, profileOf, SCHOOL_V2 } from '../instrument/helpers';
import { REPO, tempDataDir } from './server';
import { screenshot } from './browser';
import { browserSuite, dashboardShown } from './suite';

const profile = { ...profileOf('primary'), name: '示范小学', code: '1430000009', county: '吉首市' };
const vetoCode = allItems(SCHOOL_V2).find((i) => i.key && i.title['zh-CN'].includes('师德'))!.code;
let expected: ReturnType<typeof scoreAssessment>;

function prepare(): string {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
  const dir = tempDataDir('selfcheck-v2-');
  const core = createCore({ dataDir: dir, mode: 'cli', seedTemplateDir: join(SEEDS_DIR, 'hunan-school-selfcheck-v2'), purgeAtStart: false });
  try {
    core.profile.save(profile);
    const a = core.assessments.create({
      templateId: SCHOOL_V2.id,
      templateVersion: SCHOOL_V2.version,
      periodKind: 'school_year',
      label: '2025–2026学年',
      startDate: '2025-09-01',
      endDate: '2026-08-31',
    });
    for (const item of allItems(SCHOOL_V2)) {
      if (item.type === 'event_log') continue;
      const value = item.code === vetoCode ? { type: 'yes_no' as const, value: false } : meetingAnswer(item, profile);
      core.answers.save({ assessmentId: a.id, itemCode: item.code, value, note: '' });
    }
    const summary = core.summary.compute(a.id);
    const answers = Object.fromEntries(core.answers.list(a.id).map((x) => [x.itemCode, x.value]));
    expected = scoreAssessment({ template: SCHOOL_V2, profile, statuses: summary.items, answers });
  } finally {
    core.close();
  }
  return dir;
}

describe('v2 score on the dashboard', () => {
  const suite = browserSuite({ dataDir: prepare, ready: dashboardShown });

  it('shows the total, the capped level and why', async () => {
    const card = suite.page.getByTestId('score-card');
    await card.waitFor();
    expect(expected.level).toBe('fail');
    expect(expected.vetoFailed).toContain(vetoCode);
    await expect(card.getByTestId('score-level').textContent()).resolves.toBe('不合格');
    const total = await card.getByTestId('score-total').textContent();
    expect(Number(total)).toBeCloseTo(expected.total, 1);
    await expect(card.getByRole('alert').textContent()).resolves.toContain(vetoCode);
    await expect(card.getByText('待教育局复核').first().isVisible()).resolves.toBe(true);
    await card.scrollIntoViewIfNeeded();
    const file = await screenshot(suite.page, 'instrument-dashboard');
    mkdirSync(join(REPO, 'docs/notes'), { recursive: true });
    copyFileSync(file, join(REPO, 'docs/screenshots/instrument-dashboard.png'));
  });
});
