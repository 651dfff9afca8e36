// The flows a principal goes through, in Debian's Chromium against the real web-mode back end:
// set up the school, answer one item of each type, add evidence and an event, watch statuses
// and progress change, switch language, reload and find everything still there.
import type { Page } from 'playwright-core';
import type { Item } from '../../shared/template/schema';
import type { AnswerValue } from '../../shared/domain/answer';
import type { AssessmentSummary } from '../../shared/domain/status';
import { screenshot } from './browser';
import { tempDataDir, type Server } from './server';
import { browserSuite } from './suite';
import { apiCall } from './api';
import { until } from './poll';
import { makePdf, makePng } from './files';

jest.setTimeout(180_000);

const suite = browserSuite({ dataDir: () => tempDataDir() });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

const statusText: Record<string, string> = { met: '达标', partly_met: '部分达标', not_met: '未达标', not_applicable: '不适用', unanswered: '未填写' };

async function currentIds() {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  if (!assessment) throw new Error('no assessment');
  const template = await apiCall(server.url, 'templates.get', { id: assessment.templateId, version: assessment.templateVersion });
  return { assessment, template };
}

async function summary(id: string): Promise<AssessmentSummary> {
  return apiCall(server.url, 'assessments.summary', { id });
}

/** Goes to an item through the checklist: search its code, follow the row. */
async function openItemViaChecklist(code: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '检查清单' }).click();
  await page.getByRole('heading', { level: 1, name: '检查清单' }).waitFor();
  const search = page.getByRole('searchbox', { name: '搜索项目' });
  await search.fill(code);
  await page.getByRole('link', { name: new RegExp(code) }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
}

async function savedAnswer(assessmentId: string, code: string): Promise<AnswerValue | null | undefined> {
  const answers = await apiCall(server.url, 'answers.list', { assessmentId });
  return answers.find((a) => a.itemCode === code)?.value;
}

describe('first run', () => {
  test('the wizard refuses a bad school code with the schema message, then sets up the school', async () => {
    await page.getByRole('heading', { name: '欢迎使用学校自评' }).waitFor();
    await page.getByLabel('学校名称').fill('青山村小学');
    await page.getByLabel('学校标识码').fill('2345');
    await page.getByLabel('所在县（区）').fill('平江县');
    await page.getByLabel('在校学生数').fill('186');
    await page.getByLabel('班级数').fill('6');
    await page.getByLabel('教职工数').fill('14');
    await page.getByRole('button', { name: '下一步' }).click();
    const codeError = page.getByText('学校标识码应为以 1 开头的 10 位数字');
    await codeError.waitFor();
    expect(await page.getByLabel('学校标识码').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field at fault, where a screen reader reads its message.
    await until('focus on the school code', async () => (await page.getByLabel('学校标识码').evaluate((el) => el === document.activeElement)) || undefined);
    await screenshot(page, '01-wizard-bad-code');
    expect(await apiCall(server.url, 'profile.get', {})).toBeNull(); // nothing saved

    await page.getByLabel('学校标识码').fill('1430000001');
    await page.getByLabel('有学生食堂').check();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '第二步：建立评估周期' }).waitFor();
    const label = await page.getByLabel('名称').inputValue();
    expect(label).toMatch(/^\d{4}–\d{4} 学年$/);
    expect(await page.getByLabel('开始日期').inputValue()).toMatch(/-09-01$/);
    await screenshot(page, '02-wizard-assessment');
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();

    const profile = await apiCall(server.url, 'profile.get', {});
    expect(profile).toMatchObject({ name: '青山村小学', code: '1430000001', hasCanteen: true, students: 186 });
    const list = await apiCall(server.url, 'assessments.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]?.label).toBe(label);
    await expect(page.locator('.topbar-school').textContent()).resolves.toBe('青山村小学');
    await screenshot(page, '03-dashboard-empty');
  });
});

describe('answering', () => {
  /** The answer the UI gives, and the value the back end must then hold. */
  async function answer(item: Item): Promise<AnswerValue> {
    switch (item.type) {
      case 'yes_no':
        await page.getByRole('radio', { name: '是', exact: true }).check();
        return { type: 'yes_no', value: true };
      case 'number':
        await page.getByLabel('答案', { exact: true }).fill('7');
        return { type: 'number', value: 7 };
      case 'percentage':
        await page.getByLabel('答案', { exact: true }).fill('96.5');
        return { type: 'percentage', value: 96.5 };
      case 'single_choice': {
        const option = item.options.find((o) => o.meets) ?? item.options[0];
        await page.getByRole('radio', { name: option?.label['zh-CN'] }).check();
        return { type: 'single_choice', value: option?.value ?? '' };
      }
      case 'multi_choice': {
        const chosen = item.options.filter((o, i) => item.required.includes(o.value) || i < item.minSelected);
        for (const o of chosen) await page.getByRole('checkbox', { name: new RegExp(o.label['zh-CN'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
        return { type: 'multi_choice', values: chosen.map((o) => o.value) };
      }
      case 'checklist':
        for (const p of item.parts) await page.getByRole('checkbox', { name: p.label['zh-CN'], exact: true }).check();
        return { type: 'checklist', parts: item.parts.map((p) => p.value) };
      case 'text':
        await page.getByLabel('答案', { exact: true }).fill('本学年开齐开足国家课程，劳动课每周一节并按劳动清单实施；每月组织一次应急疏散演练。体育场地不足、近视率偏高两项仍未达标，已制定整改计划，下学期末前完成。');
        return { type: 'text', value: '本学年开齐开足国家课程，劳动课每周一节并按劳动清单实施；每月组织一次应急疏散演练。体育场地不足、近视率偏高两项仍未达标，已制定整改计划，下学期末前完成。' };
      case 'event_log':
        throw new Error('event_log items are answered by the event log');
    }
  }

  test('one item of each type: saved, shown as saved, status and progress follow', async () => {
    const { assessment, template } = await currentIds();
    const before = await summary(assessment.id);
    const applicable = new Set(before.items.filter((s) => s.status !== 'not_applicable').map((s) => s.itemCode));
    const items = template.areas.flatMap((a) => a.items);
    const types = ['yes_no', 'number', 'percentage', 'single_choice', 'multi_choice', 'checklist', 'text'] as const;
    const picked = types.map((type) => items.find((i) => i.type === type && applicable.has(i.code))).filter((i): i is Item => !!i);
    expect(picked.map((i) => i.type)).toEqual([...types]); // every answerable type is exercised

    for (const item of picked) {
      await openItemViaChecklist(item.code);
      const badge = page.getByTestId('item-status');
      await expect(badge.textContent()).resolves.toContain('未填写');
      const expected = await answer(item);
      await until(`${item.code} saved`, async () => ((JSON.stringify(await savedAnswer(assessment.id, item.code)) === JSON.stringify(expected)) ? true : undefined));
      await page.getByTestId('save-indicator').getByText(/已保存 \d{1,2}:\d{2}/).waitFor();
      const after = (await summary(assessment.id)).items.find((s) => s.itemCode === item.code);
      expect(after?.status).not.toBe('unanswered');
      // The badge on the page says the same as the back end, in words.
      await badge.locator(`[data-status="${after?.status}"]`).getByText(statusText[after?.status ?? ''] ?? '?').waitFor();
      await screenshot(page, `10-item-${item.type}`);
    }

    const now = await summary(assessment.id);
    expect(now.overall.answered).toBe(before.overall.answered + picked.length);
    await page.getByRole('link', { name: '概览' }).click();
    await page.getByText(`已填写 ${now.overall.answered} / ${now.overall.total} 项`).waitFor();
    await screenshot(page, '11-dashboard-after-answers');

    // The checklist rows carry the new statuses.
    await page.getByRole('link', { name: '检查清单' }).click();
    await page.getByRole('searchbox', { name: '搜索项目' }).fill('');
    for (const item of picked) {
      const s = now.items.find((x) => x.itemCode === item.code);
      const row = page.locator(`[data-checklist-row="${item.code}"]`);
      await expect(row.locator('[data-status]').getAttribute('data-status')).resolves.toBe(s?.status);
    }
    await screenshot(page, '12-checklist');
  });

  test('the history panel shows the revisions and restores one', async () => {
    const { assessment, template } = await currentIds();
    const item = template.areas.flatMap((a) => a.items).find((i) => i.type === 'number');
    if (!item) throw new Error('template without a number item');
    await openItemViaChecklist(item.code);
    await page.getByLabel('答案', { exact: true }).fill('9');
    await until('second revision', async () => ((await savedAnswer(assessment.id, item.code)) as { value?: number } | null)?.value === 9 || undefined);
    await page.getByRole('button', { name: '修改历史' }).click();
    await page.getByRole('button', { name: '恢复第 1 版' }).click();
    await until('restored value', async () => ((await savedAnswer(assessment.id, item.code)) as { value?: number } | null)?.value === 7 || undefined);
    await until('input shows the restored value', async () => ((await page.getByLabel('答案', { exact: true }).inputValue()) === '7' ? true : undefined));
    await page.getByRole('button', { name: '恢复第 2 版' }).waitFor(); // the restore wrote revision 3
    await screenshot(page, '13-history');
  });
});

describe('evidence and events', () => {
  test('files added through the chooser show thumbnails and raise the evidence count', async () => {
    const { assessment, template } = await currentIds();
    const s0 = await summary(assessment.id);
    const target = template.areas.flatMap((a) => a.items).find((i) => i.type === 'yes_no' && i.evidence.minCount >= 2 && s0.items.find((s) => s.itemCode === i.code)?.status !== 'not_applicable');
    if (!target) throw new Error('no yes_no item needing 2 files');
    await openItemViaChecklist(target.code);
    const count = page.getByTestId('item-evidence-count');
    await expect(count.textContent()).resolves.toContain(`佐证 0/${target.evidence.minCount}`);
    await page.getByLabel('添加文件').setInputFiles([
      { name: '升旗仪式.png', mimeType: 'image/png', buffer: makePng(640, 480, 1) },
      { name: '议事规则.pdf', mimeType: 'application/pdf', buffer: makePdf('Rules') },
    ]);
    await page.getByRole('img', { name: '升旗仪式.png' }).waitFor();
    await page.getByRole('img', { name: '议事规则.pdf' }).waitFor();
    await count.getByText(`佐证 2/${target.evidence.minCount}`).waitFor();
    // The thumbnail really loaded (the server made one and serves it).
    await until('thumbnail decoded', async () => (await page.getByRole('img', { name: '升旗仪式.png' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)) || undefined);
    const files = await apiCall(server.url, 'evidence.list', {});
    expect(files.filter((f) => f.links.some((l) => l.itemCode === target.code))).toHaveLength(2);
    await page.getByLabel('说明', { exact: true }).first().fill('2024 年秋季开学升旗仪式');
    await page.getByLabel('说明', { exact: true }).first().press('Enter');
    await until('caption saved', async () => (await apiCall(server.url, 'evidence.list', {})).some((f) => f.caption === '2024 年秋季开学升旗仪式') || undefined);
    await screenshot(page, '20-item-evidence');
  });

  test('deleting a file in the library can be undone', async () => {
    await page.getByRole('link', { name: '佐证材料' }).click();
    await page.getByRole('heading', { level: 1, name: '佐证材料' }).waitFor();
    await page.getByRole('button', { name: /议事规则\.pdf/ }).click();
    await screenshot(page, '21-library-detail');
    await page.getByRole('button', { name: '删除文件' }).click();
    await until('deleted', async () => ((await apiCall(server.url, 'evidence.list', {})).length === 1 ? true : undefined));
    await page.getByRole('button', { name: '撤销' }).click();
    await until('undeleted', async () => ((await apiCall(server.url, 'evidence.list', {})).length === 2 ? true : undefined));
    await page.getByRole('button', { name: /议事规则\.pdf/ }).waitFor();
  });

  test('an event added on an event_log item changes its count and status', async () => {
    const { assessment, template } = await currentIds();
    const s0 = await summary(assessment.id);
    const item = template.areas.flatMap((a) => a.items).find((i): i is Extract<Item, { type: 'event_log' }> => i.type === 'event_log' && s0.items.find((s) => s.itemCode === i.code)?.status !== 'not_applicable');
    if (!item) throw new Error('no event_log item');
    const before = s0.items.find((s) => s.itemCode === item.code);
    await openItemViaChecklist(item.code);
    await page.getByTestId('event-count').getByText(`已记录 ${before?.eventCount ?? 0} 次`).waitFor();
    await page.getByRole('button', { name: /记录一次/ }).click();
    await page.getByLabel('标题').fill('第一次专题会议');
    await page.getByLabel('参加人数').fill('12');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('event-count').getByText(`已记录 ${(before?.eventCount ?? 0) + 1} 次`).waitFor();
    const after = (await summary(assessment.id)).items.find((s) => s.itemCode === item.code);
    expect(after?.eventCount).toBe((before?.eventCount ?? 0) + 1);
    expect(after?.status).not.toBe('unanswered');
    await page.getByTestId('item-status').locator(`[data-status="${after?.status}"]`).getByText(statusText[after?.status ?? ''] ?? '?').waitFor();
    await screenshot(page, '30-item-event-log');
    await page.getByRole('link', { name: '活动记录' }).click();
    await page.getByText('第一次专题会议').waitFor();
    await screenshot(page, '31-event-log');
  });
});

describe('language and persistence', () => {
  test('switching to English changes the texts at once and is saved; switching back restores them', async () => {
    await page.getByRole('link', { name: '概览' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Checklist' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await until('locale saved', async () => ((await apiCall(server.url, 'settings.get', {})).locale === 'en' ? true : undefined));
    await screenshot(page, '40-dashboard-en');
    const untranslated = await page.locator('body').innerText();
    expect(untranslated).not.toMatch(/\b(dashboard|checklist|status|item|evidence)\.[a-zA-Z]+/);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    await until('locale saved', async () => ((await apiCall(server.url, 'settings.get', {})).locale === 'zh-CN' ? true : undefined));
  });

  test('after a reload the answers, evidence and event are all still there', async () => {
    const { assessment, template } = await currentIds();
    const answers = await apiCall(server.url, 'answers.list', { assessmentId: assessment.id });
    const yesNo = answers.find((a) => a.value?.type === 'yes_no');
    if (!yesNo) throw new Error('no yes_no answer saved');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    const s = await summary(assessment.id);
    await page.getByText(`已填写 ${s.overall.answered} / ${s.overall.total} 项`).waitFor();
    await openItemViaChecklist(yesNo.itemCode);
    await expect(page.getByRole('radio', { name: '是', exact: true }).isChecked()).resolves.toBe(true);
    const photo = (await apiCall(server.url, 'evidence.list', {})).find((f) => f.originalName === '升旗仪式.png');
    const photoItem = photo?.links[0]?.itemCode;
    if (!photoItem) throw new Error('the photo lost its link');
    await openItemViaChecklist(photoItem);
    await page.getByRole('img', { name: '2024 年秋季开学升旗仪式' }).waitFor(); // the caption is the alt text
    await page.getByRole('link', { name: '活动记录' }).click();
    await page.getByText('第一次专题会议').waitFor();
    expect(template.areas.length).toBeGreaterThan(0);
  });
});

