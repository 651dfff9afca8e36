// The shared area chart: what its bars are made of, that its colours stay apart without hue
// (in greyscale, for colour-blind readers, on a black-and-white printout), that its numbers are
// readable, and that its words say everything the picture does.
import { BAR_FONT_PX, BAR_GAP, BAR_KINDS, BAR_LOOK, BAR_OUTLINE, STRIPES, barSegments, barText, countOf } from '../../shared/chart/areaBars';
import { chartTexts } from '../../shared/chart/texts';
import { contrast, luminance, parseColour } from './contrast';

const area = { total: 12, answered: 9, met: 5, partlyMet: 2, notMet: 2 };

test('a bar is met, partly met, not met, unanswered in that order, in shares of the applicable items', () => {
  const segs = barSegments(area);
  expect(segs.map((s) => [s.kind, s.count])).toEqual([['met', 5], ['partly_met', 2], ['not_met', 2], ['unanswered', 3]]);
  expect(segs.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
  segs.forEach((s, i) => expect(s.start).toBeCloseTo(i === 0 ? 0 : (segs[i - 1]?.start ?? 0) + (segs[i - 1]?.share ?? 0), 10));
});

test('empty parts are left out; nonsense counts draw nothing rather than a broken bar', () => {
  expect(barSegments({ total: 4, answered: 4, met: 4, partlyMet: 0, notMet: 0 }).map((s) => s.kind)).toEqual(['met']);
  expect(barSegments({ total: 0, answered: 0, met: 0, partlyMet: 0, notMet: 0 })).toEqual([]);
  expect(barSegments({ total: Number.NaN, answered: -2, met: -1, partlyMet: Number.POSITIVE_INFINITY, notMet: 0 })).toEqual([]);
  expect(countOf('unanswered', { total: 3, answered: 5, met: 5, partlyMet: 0, notMet: 0 })).toBe(0);
});

test('every two parts differ in lightness, not only in hue (≥ 1.5:1; met and not met ≥ 2.5:1)', () => {
  for (const a of BAR_KINDS)
    for (const b of BAR_KINDS) {
      if (a >= b) continue;
      const ratio = contrast(BAR_LOOK[a].fill, BAR_LOOK[b].fill);
      expect({ pair: `${a}/${b}`, ok: ratio >= 1.5, ratio }).toMatchObject({ ok: true });
    }
  expect(contrast(BAR_LOOK.met.fill, BAR_LOOK.not_met.fill)).toBeGreaterThanOrEqual(2.5);
  // Lightness runs in one direction: darkest is met, lightest is unanswered.
  const lum = BAR_KINDS.map((k) => luminance(parseColour(BAR_LOOK[k].fill)));
  expect([...lum].sort((x, y) => x - y)).toEqual([lum[0], lum[2], lum[1], lum[3]]);
});

test('not met carries a pattern, parts are separated, the bar has an edge, the numbers are readable', () => {
  expect(BAR_KINDS.filter((k) => BAR_LOOK[k].striped)).toEqual(['not_met']);
  expect(contrast(STRIPES.colour, BAR_LOOK.not_met.fill)).toBeGreaterThanOrEqual(2);
  expect(BAR_GAP.width).toBeGreaterThanOrEqual(2);
  expect(contrast(BAR_OUTLINE, '#ffffff')).toBeGreaterThanOrEqual(3);
  expect(BAR_FONT_PX).toBeGreaterThanOrEqual(12);
  for (const k of BAR_KINDS) expect({ k, ratio: contrast(BAR_LOOK[k].text, BAR_LOOK[k].fill) >= 4.5 }).toEqual({ k, ratio: true });
});

test('the text alternative names the area and every count, zeros too, in both languages', () => {
  expect(barText('德育', { ...area, partlyMet: 0 }, chartTexts['zh-CN'])).toBe('德育：达标 5，部分达标 0，未达标 2，未填写 3（共 12 个适用项目）');
  expect(barText('Moral education', area, chartTexts.en)).toBe('Moral education: Met 5, Partly met 2, Not met 2, Unanswered 3 (12 applicable items)');
  expect(Object.keys(chartTexts.en.status).sort()).toEqual([...BAR_KINDS].sort());
  expect(Object.keys(chartTexts['zh-CN']).sort()).toEqual(Object.keys(chartTexts.en).sort());
});
