// Keyboard-only flows where an action takes the focused control away (issue 13): focus must
// land where the work continues, the focus ring must reach 3:1 (computed from Chromium's styles
// with the WCAG formula), and the Undo toast must be reachable and stay while it is used.
// Also the dashboard chart as people see it, with pictures under docs/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { REPO, demoDataDir, type Server } from './server';
import { browserSuite, dashboardShown } from './suite';
import { apiCall } from './api';
import { until } from './poll';
import { focused, tabTo, type Focused } from './a11y';
import { contrast } from '../chart/contrast';

jest.setTimeout(240_000);

const DOCS = join(REPO, 'docs/screenshots');
const suite = browserSuite({ dataDir: () => demoDataDir('selfcheck-keys-'), ready: dashboardShown });
let server: Server;
let page: Page;
beforeAll(() => {
  ({ server, page } = suite);
});

const visit = async (hash: string, heading: string | RegExp) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
};
/**
 * Tab until `matches`; unlike tabTo it does not ask for a ring on every stop: inside Chromium's
 * date field the ring is drawn by a :focus rule that the headless run does not always report.
 */
async function tabUntil(what: string, matches: (f: Focused) => boolean, max: number): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error(`did not reach ${what} in ${max} presses of Tab`);
}
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

/** The focused element's ring and what lies under and around it, as Chromium computed them. */
function ringColours(p: Page) {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const opaque = (c: string) => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent';
    const bgOf = (from: Element | null) => {
      for (let e = from; e; e = e.parentElement) {
        const c = getComputedStyle(e).backgroundColor;
        if (opaque(c)) return c;
      }
      return 'rgb(255, 255, 255)';
    };
    const cs = getComputedStyle(el);
    const shadow = /^(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px\s+([\d.]+)px(\s+inset)?/.exec(cs.boxShadow);
    return {
      outline: cs.outlineColor,
      outlineWidth: parseFloat(cs.outlineWidth),
      outlineOffset: parseFloat(cs.outlineOffset),
      halo: shadow?.[1] ?? null,
      haloSpread: shadow ? Number(shadow[5]) : 0,
      element: bgOf(el),
      around: bgOf(el.parentElement),
    };
  });
}

test('the focus ring reaches 3:1 against the page and against a blue button (dark outline, white halo)', async () => {
  await visit('#/events', '活动记录');
  expect(await activeId()).toBe('main'); // a new page starts with focus at its top
  const add = await tabTo(page, 'the blue add button', (f) => f.text === '＋ 记录活动', 3);
  expect(add.ringVisible).toBe(true);
  const blue = await ringColours(page);
  expect(contrast(blue.element, '#ffffff')).toBeGreaterThan(4.5); // it is a blue button
  expect(blue.outlineWidth).toBeGreaterThanOrEqual(2);
  expect(contrast(blue.outline, blue.around)).toBeGreaterThanOrEqual(3);
  // The halo fills the gap between button and outline, and stands out from the blue and from the outline.
  expect(blue.halo).not.toBeNull();
  expect(blue.haloSpread).toBeGreaterThanOrEqual(blue.outlineOffset);
  expect(contrast(blue.halo ?? '', blue.element)).toBeGreaterThanOrEqual(3);
  expect(contrast(blue.halo ?? '', blue.outline)).toBeGreaterThanOrEqual(3);
  await screenshot(page, 'focus-ring', DOCS);

  await tabTo(page, 'the kind filter', (f) => f.tag === 'select', 3);
  const white = await ringColours(page);
  expect(contrast(white.outline, white.around)).toBeGreaterThanOrEqual(3);
  expect(contrast(white.outline, white.element)).toBeGreaterThanOrEqual(3);
});

test('the dashboard chart: counts in the table and in each bar’s name, numbers ≥ 12 px, distinct in greyscale', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const summary = await apiCall(server.url, 'assessments.summary', { id: assessment?.id ?? '' });
  await visit('#/dashboard', '概览');
  const section = page.locator('section', { has: page.getByRole('heading', { name: '各领域达标情况' }) });
  await section.locator('svg.chart-bar').first().waitFor();
  // The table: one row per applicable area with met / partly / not met / unanswered.
  const table = await page.locator('table.area-counts tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => Number(td.textContent))));
  const applicable = summary.areas.filter((a) => a.total > 0);
  expect(table).toEqual(applicable.map((a) => [a.met, a.partlyMet, a.notMet, a.total - a.answered]));
  // Each bar is an image whose name says every count.
  const names = await section.getByRole('img').evaluateAll((ss) => ss.map((x) => x.getAttribute('aria-label') ?? ''));
  expect(names).toHaveLength(applicable.length);
  applicable.forEach((a, i) => expect(names[i]).toContain(`达标 ${a.met}，部分达标 ${a.partlyMet}，未达标 ${a.notMet}，未填写 ${a.total - a.answered}`));
  // Numbers and area names as rendered, not as declared.
  const sizes = await section.locator('svg.chart-bar text, .chart-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(e).fontSize) * (e instanceof SVGElement ? (e.ownerSVGElement?.getScreenCTM()?.a ?? 1) : 1) : 99));
  expect(sizes.length).toBeGreaterThan(applicable.length);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  // Not met is striped.
  expect(await section.locator('[data-kind="not_met"] rect[fill^="url("]').count()).toBe(await section.locator('[data-kind="not_met"]').count());
  await page.evaluate(() => document.fonts.ready);
  await section.screenshot({ path: join(DOCS, 'chart.png') });
  await section.evaluate((s) => ((s as HTMLElement).style.filter = 'grayscale(1)'));
  await section.screenshot({ path: join(DOCS, 'chart-greyscale.png') });
  await section.evaluate((s) => ((s as HTMLElement).style.filter = ''));
});

test('清除答案 leaves focus on the answer, which is empty and saved so', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const answers = await apiCall(server.url, 'answers.list', { assessmentId: assessment?.id ?? '' });
  const answered = answers.find((a) => a.value?.type === 'yes_no');
  if (!answered) throw new Error('the demo has no answered yes/no item');
  await visit(`#/item/${answered.itemCode}`, new RegExp(answered.itemCode));
  await page.getByRole('button', { name: '清除答案' }).focus();
  await page.keyboard.press('Enter');
  await until('the answer cleared', async () => ((await apiCall(server.url, 'answers.list', { assessmentId: assessment?.id ?? '' })).find((a) => a.itemCode === answered.itemCode)?.value === null ? true : undefined));
  const f = await focused(page);
  expect(f.tag).toBe('input[radio]');
  expect(f.ringVisible).toBe(true);
  expect(await page.evaluate(() => !!document.activeElement?.closest('#answer-row'))).toBe(true);
  expect(await page.getByRole('button', { name: '清除答案' }).count()).toBe(0);
});

test('the event form: focus into its first field, onto the new row after saving, back to the button on cancel', async () => {
  await visit('#/events', '活动记录');
  await page.locator('#add-event').focus();
  await page.keyboard.press('Enter');
  await until('focus in the form', async () => ((await page.evaluate(() => !!document.activeElement?.closest('#event-form'))) ? true : undefined));
  expect((await focused(page)).tag).toBe('select');
  await tabUntil('the title field', (f) => f.tag === 'input[text]', 8); // the date field takes a Tab per part
  await page.keyboard.type('键盘演练 a11y');
  await page.keyboard.press('Enter'); // submits the form
  const saved = await until('the event saved', async () => (await apiCall(server.url, 'events.list', {})).find((e) => e.title === '键盘演练 a11y'));
  await until('focus on the new row', async () => ((await activeId()) === `event-${saved.id}` ? true : undefined));
  expect((await focused(page)).onScreen).toBe(true);

  await page.keyboard.press('Shift+Tab'); // anywhere, then open the form again and cancel it
  await page.locator('#add-event').focus();
  await page.keyboard.press('Enter');
  await until('focus in the form', async () => ((await page.evaluate(() => !!document.activeElement?.closest('#event-form'))) ? true : undefined));
  await tabUntil('Cancel', (f) => f.text === '取消', 14);
  await page.keyboard.press('Enter');
  await until('focus back on the add button', async () => ((await activeId()) === 'add-event' ? true : undefined));
  expect(await page.locator('#add-event').isEnabled()).toBe(true);
});

test('on an event-log item: focus into the form when it opens, back to its button on cancel', async () => {
  const [assessment] = await apiCall(server.url, 'assessments.list', {});
  const template = await apiCall(server.url, 'templates.get', { id: assessment?.templateId ?? '', version: assessment?.templateVersion ?? '' });
  const item = template.areas.flatMap((a) => a.items).find((i) => i.type === 'event_log');
  if (!item) throw new Error('the template has no event-log item');
  await visit(`#/item/${item.code}`, new RegExp(item.code));
  await page.locator('#item-add-event').focus();
  await page.keyboard.press('Enter');
  await until('focus in the form', async () => ((await page.evaluate(() => !!document.activeElement?.closest('#item-event-form'))) ? true : undefined));
  expect((await focused(page)).tag).toBe('input[date]'); // the kind is fixed by the item, so the date comes first
  await tabUntil('Cancel', (f) => f.text === '取消', 14);
  await page.keyboard.press('Enter');
  await until('focus back on the button', async () => ((await activeId()) === 'item-add-event' ? true : undefined));
});

test('deleting an event moves focus to the next row; Ctrl+Z there brings the event back', async () => {
  await visit('#/events', '活动记录');
  const rows = await page.locator('li.event-row').evaluateAll((ls) => ls.map((l) => l.id));
  const victim = rows[1];
  const next = rows[2];
  if (!victim || !next) throw new Error('the demo has too few events');
  const id = victim.replace(/^event-/, '');
  await page.locator(`#${victim} .button-danger`).focus();
  await page.keyboard.press('Enter');
  await until('focus on the next row', async () => ((await activeId()) === next ? true : undefined));
  expect((await page.locator(`#${victim}`).count())).toBe(0);
  const undo = page.getByRole('button', { name: /撤销/ });
  await undo.waitFor();
  expect(await undo.getAttribute('aria-keyshortcuts')).toBe('Control+Z');
  await page.keyboard.press('Control+z');
  await until('the event back', async () => ((await apiCall(server.url, 'events.list', {})).some((e) => e.id === id) ? true : undefined));
  await page.locator(`#${victim}`).waitFor();
  expect(await undo.count()).toBe(0);
  expect(await activeId()).toBe(next); // Undo did not throw focus away
});

test('the Undo toast stays while focused or hovered, and goes some time after', async () => {
  await page.clock.install();
  await page.reload();
  await visit('#/events', '活动记录');
  const first = await page.locator('li.event-row').first().getAttribute('id');
  await page.locator(`#${first} .button-danger`).focus();
  await page.keyboard.press('Enter');
  const toast = page.locator('.toast').filter({ hasText: '已删除活动' });
  await toast.waitFor();
  await toast.getByRole('button', { name: /撤销/ }).focus();
  await page.clock.runFor(120_000);
  expect(await toast.count()).toBe(1); // two minutes with focus on it: still there
  await page.locator('main').focus();
  await toast.hover();
  await page.clock.runFor(120_000);
  expect(await toast.count()).toBe(1); // hovered: still there
  await page.mouse.move(5, 5);
  await page.clock.runFor(60_000);
  await toast.waitFor({ state: 'detached' });
});
