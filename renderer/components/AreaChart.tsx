// The per-area chart and the table of its numbers. The bars are drawn at real pixel sizes (an
// SVG per row with percentage geometry, no viewBox scaling), so the 12 px numbers stay 12 px
// in a narrow column; every bar is an image whose name says all its numbers, and the table
// gives the same counts for reading and comparing. Nothing is only in a tooltip.
import { useId } from 'react';
import type { AreaSummary } from '../../shared/domain/status';
import type { Template } from '../../shared/template/schema';
import { BAR_FONT_PX, BAR_GAP, BAR_HEIGHT_PX, BAR_KINDS, BAR_LOOK, BAR_OUTLINE, MIN_LABELLED_SHARE, STRIPES, barSegments, barText, countOf, type BarKind, type ChartWords } from '../../shared/chart/areaBars';
import { chartTexts } from '../../shared/chart/texts';
import { useT } from '../i18n/setup';
import { formatPercent, pick } from '../logic/format';

interface Row {
  code: string;
  title: string;
  s: AreaSummary;
}

function useRows(template: Template, areas: AreaSummary[]): Row[] {
  const { locale } = useT();
  return template.areas
    .map((area) => ({ code: area.code, title: pick(area.title, locale), s: areas.find((a) => a.areaCode === area.code) }))
    .filter((r): r is Row => !!r.s && r.s.total > 0); // an area with no applicable item is not this school's
}

function useWords(): ChartWords {
  const { locale } = useT();
  return chartTexts[locale];
}

/** The stripes for "not met", defined once per chart. */
function Stripes({ id }: { id: string }) {
  return (
    <svg width="0" height="0" className="chart-defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={id} patternUnits="userSpaceOnUse" width={STRIPES.spacing} height={STRIPES.spacing} patternTransform={`rotate(${STRIPES.angle})`}>
          <rect width={STRIPES.width} height={STRIPES.spacing} fill={STRIPES.colour} fillOpacity={STRIPES.opacity} />
        </pattern>
      </defs>
    </svg>
  );
}

function Swatch({ kind, stripes }: { kind: BarKind; stripes: string }) {
  const look = BAR_LOOK[kind];
  return (
    <svg width="18" height="18" className="chart-swatch" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="17" height="17" rx="2" fill={look.fill} stroke={BAR_OUTLINE} />
      {look.striped && <rect x="0.5" y="0.5" width="17" height="17" rx="2" fill={`url(#${stripes})`} />}
    </svg>
  );
}

function Bar({ row, words, stripes }: { row: Row; words: ChartWords; stripes: string }) {
  const pc = (x: number) => `${(x * 100).toFixed(3)}%`;
  return (
    <svg className="chart-bar" width="100%" height={BAR_HEIGHT_PX + 2} style={{ border: `1px solid ${BAR_OUTLINE}` }} role="img" aria-label={barText(row.title, row.s, words)}>
      {barSegments(row.s).map((seg) => {
        const look = BAR_LOOK[seg.kind];
        const box = { x: pc(seg.start), y: 0, width: pc(seg.share), height: BAR_HEIGHT_PX };
        return (
          <g key={seg.kind} data-kind={seg.kind}>
            <rect {...box} fill={look.fill} />
            {look.striped && <rect {...box} fill={`url(#${stripes})`} />}
            <rect {...box} fill="none" stroke={BAR_GAP.colour} strokeWidth={BAR_GAP.width} />
            {seg.share >= MIN_LABELLED_SHARE && (
              <text x={pc(seg.start + seg.share / 2)} y="50%" dominantBaseline="central" textAnchor="middle" fontSize={BAR_FONT_PX} fontWeight={600} fill={look.text} stroke={look.fill} strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">
                {seg.count}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The bars with their legend. */
export function AreaChart({ template, areas }: { template: Template; areas: AreaSummary[] }) {
  const { t } = useT();
  const rows = useRows(template, areas);
  const words = useWords();
  const stripes = `stripes-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <figure className="chart">
      <Stripes id={stripes} />
      <ul className="chart-legend" aria-label={t('chart.legend')}>
        {BAR_KINDS.map((kind) => (
          <li key={kind}>
            <Swatch kind={kind} stripes={stripes} />
            <span>
              {words.status[kind]}
              {BAR_LOOK[kind].striped && <span className="muted">{t('chart.striped')}</span>}
            </span>
          </li>
        ))}
      </ul>
      <div className="chart-rows">
        {rows.map((row) => (
          <div key={row.code} className="chart-row">
            <span className="chart-label" aria-hidden="true">{row.title}</span>
            <Bar row={row} words={words} stripes={stripes} />
          </div>
        ))}
      </div>
    </figure>
  );
}

/** The same numbers as the chart, per area, for reading and comparing. */
export function AreaCountsTable({ template, areas }: { template: Template; areas: AreaSummary[] }) {
  const { t, locale } = useT();
  const rows = useRows(template, areas);
  return (
    <table className="area-table area-counts">
      <thead>
        <tr>
          <th scope="col">{t('chart.area')}</th>
          {BAR_KINDS.map((kind) => (
            <th key={kind} scope="col" className="num">{t(`chart.status.${kind}`)}</th>
          ))}
          <th scope="col" className="num">{t('chart.compliance')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code}>
            <th scope="row">{row.title}</th>
            {BAR_KINDS.map((kind) => (
              <td key={kind} className="num">{countOf(kind, row.s)}</td>
            ))}
            <td className="num">{formatPercent(row.s.compliance, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
