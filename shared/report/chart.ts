// A horizontal bar chart as inline SVG (no scripts, no fonts to load): one
// bar per area for compliance, a thin bar under it for progress. Labels are
// escaped text from the template.
import { escapeXml } from './xml';

export interface Bar {
  label: string;
  /** 0..1 */
  value: number;
  /** 0..1, drawn thin under the main bar */
  answered: number;
}

const LABEL_W = 230;
const BAR_W = 360;
const ROW_H = 26;

export function areaChartSvg(bars: Bar[], valueLabel: string): string {
  const height = bars.length * ROW_H + 24;
  const width = LABEL_W + BAR_W + 60;
  const clamp = (x: number): number => Math.max(0, Math.min(1, Number.isFinite(x) ? x : 0));
  const rows = bars
    .map((b, i) => {
      const y = i * ROW_H + 4;
      const w = Math.round(clamp(b.value) * BAR_W);
      const wa = Math.round(clamp(b.answered) * BAR_W);
      const label = b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label;
      return `<g><title>${escapeXml(b.label)}</title>
<text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end" font-size="11">${escapeXml(label)}</text>
<rect x="${LABEL_W}" y="${y}" width="${BAR_W}" height="14" fill="#eee"/>
<rect x="${LABEL_W}" y="${y}" width="${w}" height="14" fill="${b.value >= 0.8 ? '#3c8d40' : b.value >= 0.5 ? '#d19a00' : '#c0392b'}"/>
<rect x="${LABEL_W}" y="${y + 16}" width="${wa}" height="3" fill="#7a9cc6"/>
<text x="${LABEL_W + BAR_W + 6}" y="${y + 12}" font-size="11">${Math.round(clamp(b.value) * 100)}%</text></g>`;
    })
    .join('\n');
  const axis = [0, 0.5, 1]
    .map((f) => `<text x="${LABEL_W + f * BAR_W}" y="${height - 4}" font-size="9" text-anchor="middle" fill="#666">${f * 100}%</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(valueLabel)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
${rows}
${axis}
</svg>`;
}
