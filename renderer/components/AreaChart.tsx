// Stacked bars per area: met / partly met / not met / unanswered, as shares of the applicable items.
// Drawn as plain SVG; the numbers are also in the table beside it for screen readers.
import type { AreaSummary } from '../../shared/domain/status';
import type { Template } from '../../shared/template/schema';
import { useT } from '../i18n/setup';
import { pick } from '../logic/format';

const SEGMENTS = [
  { key: 'met', status: 'met', get: (a: AreaSummary) => a.met },
  { key: 'partly', status: 'partly_met', get: (a: AreaSummary) => a.partlyMet },
  { key: 'notMet', status: 'not_met', get: (a: AreaSummary) => a.notMet },
  { key: 'unanswered', status: 'unanswered', get: (a: AreaSummary) => a.total - a.answered },
] as const;

const WIDTH = 720;
const LABEL = 200;
const ROW = 30;
const BAR = 18;
const COUNT = 56;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function AreaChart({ template, areas }: { template: Template; areas: AreaSummary[] }) {
  const { t, locale } = useT();
  const rows = template.areas
    .map((area) => ({ area, s: areas.find((a) => a.areaCode === area.code) }))
    .filter((r): r is { area: (typeof r)['area']; s: AreaSummary } => !!r.s && r.s.total > 0);
  const height = rows.length * ROW + 8;
  const barWidth = WIDTH - LABEL - COUNT;
  const maxChars = locale === 'en' ? 26 : 13;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('dashboard.chartLabel')} className="chart-svg">
        {rows.map(({ area, s }, i) => {
          const y = i * ROW + 4;
          let x = LABEL;
          const title = pick(area.title, locale);
          return (
            <g key={area.code}>
              <text x={LABEL - 10} y={y + BAR / 2 + 5} textAnchor="end" className="chart-label">
                <title>{title}</title>
                {clip(title, maxChars)}
              </text>
              <rect x={LABEL} y={y} width={barWidth} height={BAR} rx={3} className="seg-track" />
              {SEGMENTS.map((seg) => {
                const n = seg.get(s);
                if (n <= 0) return null;
                const w = (n / s.total) * barWidth;
                const rect = <rect key={seg.key} x={x} y={y} width={w} height={BAR} className={`seg seg-${seg.status}`}><title>{`${title}: ${t(`status.${seg.status}`)} ${n}`}</title></rect>;
                x += w;
                return rect;
              })}
              <text x={WIDTH - COUNT + 8} y={y + BAR / 2 + 5} className="chart-count">
                {`${s.answered}/${s.total}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SEGMENTS.map((seg) => (
          <span key={seg.key} className="legend-item">
            <span className={`legend-swatch seg-${seg.status}`} aria-hidden="true" />
            {t(`status.${seg.status}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
