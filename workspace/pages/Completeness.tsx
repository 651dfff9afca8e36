// 完成情况 of one campaign: overall counts, a stacked bar per county (on
// time / late / rejected / missing, with the same figures as a table for
// screen readers and for reading), and the school table with filters, sort
// and search; links to the two XLSX exports.
import { useMemo, useState } from 'react';
import { REVIEW_STATES, SUBMISSION_STATES, workspacePaths, type Completeness, type Counts, type Me, type SchoolRow } from '../../shared/bureau/api';
import { SCHOOL_TYPES } from '../../shared/template/schema';
import { api } from '../api';
import { Empty, ErrorBox, Field, Link, Loading, StateBadge, useLoad } from '../components/ui';
import { formatNumber, formatTime, useT } from '../i18n';
import { href } from '../router';

const SEGMENTS = [
  { key: 'onTime', state: 'on_time' },
  { key: 'late', state: 'late' },
  { key: 'rejected', state: 'rejected' },
  { key: 'missing', state: 'missing' },
] as const;

export function CompletenessPage({ me, campaign }: { me: Me; campaign: string }) {
  const data = useLoad(() => api.completeness(campaign), `completeness:${campaign}`);
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <ErrorBox error={data.error} onRetry={data.reload} />;
  return <CompletenessView me={me} data={data.data} />;
}

function CompletenessView({ data }: { me: Me; data: Completeness }) {
  const { t } = useT();
  const c = data.campaign;
  return (
    <>
      <p className="ws-crumbs">
        <Link href={href.campaigns()}>{t('nav.campaigns')}</Link> ›
      </p>
      <h1>
        {c.label} · {t('completeness.title')}
      </h1>
      <p className="ws-muted">
        <code>
          {c.templateId}@{c.templateVersion}
        </code>{' '}
        · {t('completeness.deadline', { date: c.deadline })}
      </p>
      <div className="ws-toolbar">
        <Link className="ws-btn" href={href.analytics(c.id)}>
          {t('completeness.analytics')}
        </Link>
        <a className="ws-btn" href={workspacePaths.missingXlsx(c.id)} download>
          {t('completeness.exportMissing')}
        </a>
        <a className="ws-btn" href={workspacePaths.exportXlsx(c.id)} download>
          {t('completeness.exportAll')}
        </a>
      </div>
      <OverallCounts counts={data.overall} />
      {data.overall.expected === 0 ? (
        <Empty>{t('completeness.noSchools')}</Empty>
      ) : (
        <>
          {data.overall.submitted === 0 && <Empty>{t('completeness.noSubmission')}</Empty>}
          <CountyChart counties={data.counties} />
          <SchoolTable campaign={c.id} schools={data.schools} />
        </>
      )}
    </>
  );
}

function OverallCounts({ counts }: { counts: Counts }) {
  const { t } = useT();
  const cells: [string, number, string][] = [
    [t('state.expected'), counts.expected, ''],
    [t('state.submitted'), counts.submitted, ''],
    [t('state.on_time'), counts.onTime, 'sub-on_time'],
    [t('state.late'), counts.late, 'sub-late'],
    [t('state.rejected'), counts.rejected, 'sub-rejected'],
    [t('state.missing'), counts.missing, 'sub-missing'],
  ];
  return (
    <section aria-labelledby="overall-title">
      <h2 id="overall-title" className="ws-visually-hidden">
        {t('completeness.overall')}
      </h2>
      <dl className="ws-stats" data-testid="overall">
        {cells.map(([label, n, cls]) => (
          <div key={label} className={`ws-stat ${cls}`}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function CountyChart({ counties }: { counties: (Counts & { county: string })[] }) {
  const { t } = useT();
  const max = Math.max(1, ...counties.map((c) => c.expected));
  const rowH = 26;
  const labelW = 120;
  const width = 640;
  const barW = width - labelW - 50;
  const height = counties.length * rowH + 4;
  return (
    <section aria-labelledby="county-title" className="ws-card">
      <h2 id="county-title">{t('completeness.byCounty')}</h2>
      <Legend />
      <svg className="ws-chart" role="img" aria-labelledby="county-title" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        {counties.map((c, i) => {
          const y = i * rowH + 2;
          let x = labelW;
          const text = t('completeness.chartText', { ...c });
          return (
            <g key={c.county}>
              <title>{text}</title>
              <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" className="ws-chart-label">
                {c.county}
              </text>
              {SEGMENTS.map((s) => {
                const w = (c[s.key] / max) * barW;
                const r = <rect key={s.key} x={x} y={y + 3} width={w} height={rowH - 8} className={`seg-${s.state}`} />;
                x += w;
                return r;
              })}
              <text x={x + 6} y={y + rowH / 2 + 4} className="ws-chart-value">
                {c.submitted}/{c.expected}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('completeness.asTable')}</summary>
        <table className="ws-table ws-table-compact">
          <thead>
            <tr>
              <th scope="col">{t('completeness.col.county')}</th>
              <th scope="col" className="num">{t('state.expected')}</th>
              {SEGMENTS.map((s) => (
                <th scope="col" className="num" key={s.key}>
                  {t(`state.${s.state}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {counties.map((c) => (
              <tr key={c.county}>
                <th scope="row">{c.county}</th>
                <td className="num">{c.expected}</td>
                {SEGMENTS.map((s) => (
                  <td className="num" key={s.key}>
                    {c[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Legend() {
  const { t } = useT();
  return (
    <ul className="ws-legend" aria-hidden="true">
      {SEGMENTS.map((s) => (
        <li key={s.key}>
          <span className={`ws-swatch seg-${s.state}`} /> {t(`state.${s.state}`)}
        </li>
      ))}
    </ul>
  );
}

type SortKey = 'name' | 'code' | 'county' | 'type' | 'state' | 'firstReceivedAt' | 'versions' | 'total' | 'review';
const STATE_ORDER: Record<string, number> = { missing: 0, rejected: 1, late: 2, on_time: 3 };

function sortValue(s: SchoolRow, k: SortKey): string | number {
  switch (k) {
    case 'state':
      return STATE_ORDER[s.state] ?? 9;
    case 'total':
      return s.total ?? -1;
    case 'versions':
      return s.versions;
    case 'firstReceivedAt':
      return s.firstReceivedAt ?? '';
    default:
      return s[k];
  }
}

function SchoolTable({ campaign, schools }: { campaign: string; schools: SchoolRow[] }) {
  const { t, locale } = useT();
  const [county, setCounty] = useState('');
  const [type, setType] = useState('');
  const [state, setState] = useState('');
  const [review, setReview] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'state', desc: false });
  const counties = useMemo(() => [...new Set(schools.map((s) => s.county))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [schools]);
  const types = useMemo(() => SCHOOL_TYPES.filter((ty) => schools.some((s) => s.type === ty)), [schools]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const rows = schools.filter(
      (s) => (!county || s.county === county) && (!type || s.type === type) && (!state || s.state === state) && (!review || s.review === review) && (!q || s.name.toLowerCase().includes(q) || s.code.includes(q)),
    );
    const dir = sort.desc ? -1 : 1;
    return rows.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return c * dir || a.code.localeCompare(b.code);
    });
  }, [schools, county, type, state, review, search, sort]);

  const header = (k: SortKey, label: string, num = false) => {
    const active = sort.key === k;
    return (
      <th scope="col" className={num ? 'num' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="ws-sort" onClick={() => setSort({ key: k, desc: active ? !sort.desc : false })} title={t('completeness.sortBy', { col: label })}>
          {label}
          <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  const col = (k: string): string => t(`completeness.col.${k}`);

  return (
    <section aria-labelledby="schools-title">
      <h2 id="schools-title">{t('completeness.schools')}</h2>
      <div className="ws-filters" role="group" aria-label={t('completeness.filter.title')}>
        <Field label={t('completeness.filter.county')}>
          {(id) => (
            <select id={id} value={county} onChange={(e) => setCounty(e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {counties.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('completeness.filter.type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {types.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`schoolType.${ty}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('completeness.filter.state')}>
          {(id) => (
            <select id={id} value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {SUBMISSION_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('completeness.filter.review')}>
          {(id) => (
            <select id={id} value={review} onChange={(e) => setReview(e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {REVIEW_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`reviewState.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('completeness.filter.search')}>{(id) => <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}</Field>
      </div>
      <p className="ws-muted" aria-live="polite">
        {t('completeness.shown', { n: shown.length, total: schools.length })}
      </p>
      {shown.length === 0 ? (
        <Empty>{t('completeness.noMatch')}</Empty>
      ) : (
        <div className="ws-table-wrap">
          <table className="ws-table" data-testid="schools">
            <thead>
              <tr>
                {header('name', col('name'))}
                {header('code', col('code'))}
                {header('county', col('county'))}
                {header('type', col('type'))}
                {header('state', col('state'))}
                {header('firstReceivedAt', col('received'))}
                {header('versions', col('versions'), true)}
                {header('total', col('total'), true)}
                <th scope="col">{col('level')}</th>
                {header('review', col('review'))}
                <th scope="col">{col('rectify')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    <Link href={href.school(campaign, s.code)}>{s.name}</Link>
                  </th>
                  <td>
                    <code>{s.code}</code>
                  </td>
                  <td>{s.county}</td>
                  <td>{t(`schoolType.${s.type}`)}</td>
                  <td>
                    <StateBadge state={s.state} />
                  </td>
                  <td>{formatTime(s.firstReceivedAt, locale)}</td>
                  <td className="num">{s.versions}</td>
                  <td className="num">{formatNumber(s.total, locale)}</td>
                  <td>{s.level ? t(`level.${s.level}`) : '—'}</td>
                  <td>{t(`reviewState.${s.review}`)}</td>
                  <td>
                    {s.rectify.open + s.rectify.rectified + s.rectify.closed > 0 ? (
                      <>
                        {(
                          [
                            ['rectifyOpen', s.rectify.open],
                            ['rectifyRectified', s.rectify.rectified],
                            ['rectifyClosed', s.rectify.closed],
                          ] as const
                        )
                          .filter(([, n]) => n > 0)
                          .map(([k, n]) => t(`completeness.${k}`, { n }))
                          .join(' · ')}
                        {s.rectify.overdue > 0 && <span className="ws-badge sub-late"> {t('completeness.overdue', { n: s.rectify.overdue })}</span>}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
