// The per-area chart shared by the dashboard, report.html and the bureau workspace: what each
// bar is made of (met / partly met / not met / unanswered), how each part looks, and the words
// that say the same thing without the picture. Pure: the renderers draw, this decides.
//
// Why these colours: the parts differ in lightness, not only in hue, so they stay apart for
// colour-blind readers, in greyscale and on a black-and-white printout; "not met" also carries
// a stripe pattern, and every part is separated from the next by a white gap.

export const BAR_KINDS = ['met', 'partly_met', 'not_met', 'unanswered'] as const;
export type BarKind = (typeof BAR_KINDS)[number];

export interface AreaCounts {
  total: number;
  answered: number;
  met: number;
  partlyMet: number;
  notMet: number;
}

export interface BarSegment {
  kind: BarKind;
  count: number;
  /** Where the part starts and how much of the bar it takes, as fractions 0..1. */
  start: number;
  share: number;
}

export interface BarLook {
  fill: string;
  /** Colour of the count written inside the part (≥ 4.5:1 against the fill). */
  text: string;
  striped: boolean;
}

export const BAR_LOOK: Record<BarKind, BarLook> = {
  met: { fill: '#0f4d27', text: '#ffffff', striped: false },
  partly_met: { fill: '#eeb53a', text: '#1f2933', striped: false },
  not_met: { fill: '#e8705f', text: '#1f2933', striped: true },
  unanswered: { fill: '#ffffff', text: '#1f2933', striped: false },
};

/** The outline around each whole bar (so the white "unanswered" part has an edge), ≥ 3:1 on white. */
export const BAR_OUTLINE = '#5f6b7a';
/** The gap drawn between parts. */
export const BAR_GAP = { colour: '#ffffff', width: 2 };
/** The stripes over "not met": light lines across the fill. */
export const STRIPES = { colour: '#ffffff', opacity: 0.6, width: 2.5, spacing: 7, angle: 45 };
/** Size of the counts written in the bars and of the area names (CSS px; never scaled down). */
export const BAR_FONT_PX = 12;
export const BAR_HEIGHT_PX = 24;
/** Parts narrower than this share of the bar carry no number inside (the number is in the table and the text alternative). */
export const MIN_LABELLED_SHARE = 0.06;

const whole = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

export function countOf(kind: BarKind, c: AreaCounts): number {
  switch (kind) {
    case 'met':
      return whole(c.met);
    case 'partly_met':
      return whole(c.partlyMet);
    case 'not_met':
      return whole(c.notMet);
    case 'unanswered':
      return whole(c.total - c.answered);
  }
}

/** The parts of one bar, in the fixed order, leaving out the empty ones. */
export function barSegments(c: AreaCounts): BarSegment[] {
  const counts = BAR_KINDS.map((kind) => ({ kind, count: countOf(kind, c) }));
  const sum = counts.reduce((s, x) => s + x.count, 0);
  if (sum === 0) return [];
  const out: BarSegment[] = [];
  let at = 0;
  for (const { kind, count } of counts) {
    if (count === 0) continue;
    out.push({ kind, count, start: at / sum, share: count / sum });
    at += count;
  }
  return out;
}

export interface ChartWords {
  status: Record<BarKind, string>;
  /** Between the parts of a sentence: "，" in Chinese, ", " in English. */
  sep: string;
  /** "{{area}}: {{parts}} ({{total}} applicable items)" with those placeholders. */
  bar: string;
}

/** One bar in words, naming every part (zeros too), e.g. "德育：达标 5，部分达标 2，未达标 0，未填写 3（共 10 个适用项目）". */
export function barText(area: string, c: AreaCounts, words: ChartWords): string {
  const parts = BAR_KINDS.map((kind) => `${words.status[kind]} ${countOf(kind, c)}`).join(words.sep);
  return words.bar.replace('{{area}}', area).replace('{{parts}}', parts).replace('{{total}}', String(whole(c.total)));
}
