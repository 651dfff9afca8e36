// The per-area chart of report.html, drawn from the same parts as the app's chart
// (shared/chart/areaBars.ts): a legend, one bar per area (an inline SVG with percentage
// geometry, so its 12 px numbers print at 12 px), each bar an image whose name says all its
// numbers, and the table of the same counts. No scripts, no fonts to load; every text from
// the template is escaped.
import { BAR_FONT_PX, BAR_GAP, BAR_HEIGHT_PX, BAR_KINDS, BAR_LOOK, BAR_OUTLINE, MIN_LABELLED_SHARE, STRIPES, barSegments, barText, countOf, type AreaCounts, type BarKind } from '../chart/areaBars';
import { chartTexts, type ChartLanguage } from '../chart/texts';
import { escapeXml as e } from './xml';

export interface ChartArea extends AreaCounts {
  title: string;
  /** 0..1 */
  compliance: number;
}

const STRIPES_ID = 'report-stripes';

export const CHART_CSS = `
.chart { margin: 0 0 3mm; break-inside: avoid; }
.chart-legend { list-style: none; margin: 0 0 2mm; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
.chart-legend li { display: inline-flex; align-items: center; gap: 1.5mm; }
.chart-row { display: grid; grid-template-columns: 32% 1fr; gap: 3mm; align-items: center; margin: 1.2mm 0; break-inside: avoid; }
.chart-label { text-align: right; font-size: 12px; }
svg.chart-bar { display: block; width: 100%; height: ${BAR_HEIGHT_PX + 2}px; border: 1px solid ${BAR_OUTLINE}; box-sizing: border-box; }
svg.chart-defs { position: absolute; width: 0; height: 0; }
@media print { .chart, .chart * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

const pc = (x: number): string => `${(x * 100).toFixed(3)}%`;

function swatch(kind: BarKind): string {
  const look = BAR_LOOK[kind];
  const stripes = look.striped ? `<rect x="0.5" y="0.5" width="13" height="13" fill="url(#${STRIPES_ID})"/>` : '';
  return `<svg width="14" height="14" aria-hidden="true"><rect x="0.5" y="0.5" width="13" height="13" fill="${look.fill}" stroke="${BAR_OUTLINE}"/>${stripes}</svg>`;
}

function bar(area: ChartArea, lang: ChartLanguage): string {
  const parts = barSegments(area)
    .map((seg) => {
      const look = BAR_LOOK[seg.kind];
      const box = `x="${pc(seg.start)}" y="0" width="${pc(seg.share)}" height="${BAR_HEIGHT_PX}"`;
      const stripes = look.striped ? `<rect ${box} fill="url(#${STRIPES_ID})"/>` : '';
      const label =
        seg.share >= MIN_LABELLED_SHARE
          ? `<text x="${pc(seg.start + seg.share / 2)}" y="50%" dominant-baseline="central" text-anchor="middle" font-size="${BAR_FONT_PX}" font-weight="600" fill="${look.text}" stroke="${look.fill}" stroke-width="3" paint-order="stroke" stroke-linejoin="round">${seg.count}</text>`
          : '';
      return `<rect ${box} fill="${look.fill}"/>${stripes}<rect ${box} fill="none" stroke="${BAR_GAP.colour}" stroke-width="${BAR_GAP.width}"/>${label}`;
    })
    .join('');
  return `<svg class="chart-bar" xmlns="http://www.w3.org/2000/svg" width="100%" height="${BAR_HEIGHT_PX + 2}" role="img" aria-label="${e(barText(area.title, area, chartTexts[lang]))}">${parts}</svg>`;
}

/** Legend, bars and the counts table, as HTML for report.html. */
export function areaChartHtml(areas: ChartArea[], lang: ChartLanguage): string {
  const w = chartTexts[lang];
  const shown = areas.filter((a) => a.total > 0);
  const defs = `<svg class="chart-defs" aria-hidden="true"><defs><pattern id="${STRIPES_ID}" patternUnits="userSpaceOnUse" width="${STRIPES.spacing}" height="${STRIPES.spacing}" patternTransform="rotate(${STRIPES.angle})"><rect width="${STRIPES.width}" height="${STRIPES.spacing}" fill="${STRIPES.colour}" fill-opacity="${STRIPES.opacity}"/></pattern></defs></svg>`;
  const legend = `<ul class="chart-legend" aria-label="${e(w.legend)}">${BAR_KINDS.map((k) => `<li>${swatch(k)}${e(w.status[k])}${BAR_LOOK[k].striped ? e(w.striped) : ''}</li>`).join('')}</ul>`;
  const rows = shown.map((a) => `<div class="chart-row"><span class="chart-label" aria-hidden="true">${e(a.title)}</span>${bar(a, lang)}</div>`).join('\n');
  const head = `<tr><th scope="col">${e(w.area)}</th>${BAR_KINDS.map((k) => `<th scope="col" class="num">${e(w.status[k])}</th>`).join('')}<th scope="col" class="num">${e(w.compliance)}</th></tr>`;
  const body = shown
    .map((a) => `<tr><th scope="row">${e(a.title)}</th>${BAR_KINDS.map((k) => `<td class="num">${countOf(k, a)}</td>`).join('')}<td class="num">${Math.round(a.compliance * 100)}%</td></tr>`)
    .join('\n');
  return `<figure class="chart">${defs}${legend}\n${rows}</figure>
<table class="chart-counts"><caption class="muted">${e(w.counts)}</caption><thead>${head}</thead><tbody>
${body}</tbody></table>`;
}
