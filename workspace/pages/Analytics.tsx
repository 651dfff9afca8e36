// 统计 across the schools of a campaign: filters by county and school type
// (kept in the URL), share met / partly / not met per aspect and per point
// (stacked bars with the figures in text), the histogram of self-score
// totals, the levels, and the key items failed with links to the schools.
import { SCHOOL_TYPES, type SchoolType } from '../../shared/template/schema';
import { LEVELS } from '../../shared/template/instrument';
import type { Analytics } from '../../shared/bureau/api';
import { api } from '../api';
import { Empty, ErrorBox, Field, Link, Loading, StackedBar, useLoad } from '../components/ui';
import { formatNumber, percent, useT } from '../i18n';
import { href, navigate, useLocation } from '../router';

const PARTS = [
  { key: 'met', className: 'seg-met' },
  { key: 'partly', className: 'seg-partly' },
  { key: 'notMet', className: 'seg-notmet' },
] as const;

export function AnalyticsPage({ campaign }: { campaign: string }) {
  const { t } = useT();
  const { query } = useLocation();
  const county = query.get('county') || null;
  const typeRaw = query.get('type');
  const type = (SCHOOL_TYPES as readonly string[]).includes(typeRaw ?? '') ? (typeRaw as SchoolType) : null;
  const data = useLoad(() => api.analytics(campaign, { county, type }), `analytics:${campaign}:${county ?? ''}:${type ?? ''}`);
  const completeness = useLoad(() => api.completeness(campaign), `completeness:${campaign}`);
  const counties = completeness.state === 'done' ? [...new Set(completeness.data.schools.map((s) => s.county))].sort((a, b) => a.localeCompare(b, 'zh-CN')) : county ? [county] : [];
  const setFilter = (k: 'county' | 'type', v: string): void => {
    const q = new URLSearchParams(query);
    if (v) q.set(k, v);
    else q.delete(k);
    const qs = q.toString();
    navigate(href.analytics(campaign) + (qs ? `?${qs}` : ''), true);
  };
  return (
    <>
      <p className="ws-crumbs">
        <Link href={href.campaigns()}>{t('nav.campaigns')}</Link> › <Link href={href.completeness(campaign)}>{completeness.state === 'done' ? completeness.data.campaign.label : t('nav.completeness')}</Link> ›
      </p>
      <h1>{t('analytics.title')}</h1>
      <div className="ws-filters" role="group" aria-label={t('analytics.filter')}>
        <Field label={t('completeness.filter.county')}>
          {(id) => (
            <select id={id} value={county ?? ''} onChange={(e) => setFilter('county', e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {counties.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('completeness.filter.type')}>
          {(id) => (
            <select id={id} value={type ?? ''} onChange={(e) => setFilter('type', e.target.value)}>
              <option value="">{t('completeness.filter.all')}</option>
              {SCHOOL_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`schoolType.${ty}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <ErrorBox error={data.error} onRetry={data.reload} />}
      {data.state === 'done' && (data.data.schools === 0 ? <Empty>{t('analytics.empty')}</Empty> : <AnalyticsView a={data.data} campaign={campaign} />)}
    </>
  );
}

function Legend() {
  const { t } = useT();
  return (
    <ul className="ws-legend" aria-hidden="true">
      {PARTS.map((p) => (
        <li key={p.key}>
          <span className={`ws-swatch ${p.className}`} /> {t(`analytics.${p.key}`)}
        </li>
      ))}
    </ul>
  );
}

function ShareRow({ title, met, partly, notMet, extra }: { title: string; met: number; partly: number; notMet: number; extra?: React.ReactNode }) {
  const { t } = useT();
  const total = met + partly + notMet;
  const label = t('analytics.bar', { title, met, partly, notMet });
  return (
    <tr>
      <th scope="row">{title}</th>
      <td className="ws-bar-cell">
        <StackedBar
          label={label}
          total={total}
          parts={[
            { value: met, className: 'seg-met' },
            { value: partly, className: 'seg-partly' },
            { value: notMet, className: 'seg-notmet' },
          ]}
        />
      </td>
      <td className="num">{met}</td>
      <td className="num">{partly}</td>
      <td className="num">{notMet}</td>
      <td className="num">{percent(met, total)}%</td>
      {extra}
    </tr>
  );
}

function AnalyticsView({ a, campaign }: { a: Analytics; campaign: string }) {
  const { t, locale } = useT();
  const c = (k: string): string => t(`analytics.col.${k}`);
  const maxBand = Math.max(1, ...a.histogram.map((h) => h.count));
  const levelTotal = LEVELS.reduce((s, l) => s + (a.levels[l] ?? 0), 0);
  const head = (first: string, extra: string[] = []) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">
          <Legend />
        </th>
        <th scope="col" className="num">{c('met')}</th>
        <th scope="col" className="num">{c('partly')}</th>
        <th scope="col" className="num">{c('notMet')}</th>
        <th scope="col" className="num">{c('share')}</th>
        {extra.map((e) => (
          <th scope="col" className="num" key={e}>
            {e}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <>
      <p className="ws-muted" data-testid="analytics-schools">
        {t('analytics.schools', { n: a.schools })}
      </p>
      <div className="ws-columns">
        <section className="ws-card" aria-labelledby="hist-title">
          <h2 id="hist-title">{t('analytics.histogram')}</h2>
          <svg className="ws-chart" role="img" aria-labelledby="hist-title hist-desc" viewBox="0 0 400 180" width="100%" style={{ maxWidth: 480 }}>
            <desc id="hist-desc">{a.histogram.map((h) => t('analytics.band', h)).join('；')}</desc>
            {a.histogram.map((h, i) => {
              const w = 400 / Math.max(a.histogram.length, 1);
              const bh = (h.count / maxBand) * 140;
              return (
                <g key={i}>
                  <title>{t('analytics.band', h)}</title>
                  <rect x={i * w + 2} y={150 - bh} width={w - 4} height={bh} className="seg-bar" />
                  <text x={i * w + w / 2} y={165} textAnchor="middle" className="ws-chart-axis">
                    {h.from}
                  </text>
                  {h.count > 0 && (
                    <text x={i * w + w / 2} y={146 - bh} textAnchor="middle" className="ws-chart-value">
                      {h.count}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        </section>
        <section className="ws-card" aria-labelledby="levels-title">
          <h2 id="levels-title">{t('analytics.levels')}</h2>
          <table className="ws-table ws-table-compact">
            <tbody>
              {LEVELS.map((l) => (
                <tr key={l}>
                  <th scope="row">{t(`level.${l}`)}</th>
                  <td className="ws-bar-cell">
                    <StackedBar label={`${t(`level.${l}`)}: ${a.levels[l] ?? 0}`} total={levelTotal} parts={[{ value: a.levels[l] ?? 0, className: `seg-level-${l}` }]} />
                  </td>
                  <td className="num">{a.levels[l] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section aria-labelledby="key-title" className="ws-card">
        <h2 id="key-title">{t('analytics.keyFailures')}</h2>
        {a.keyFailures.length === 0 ? (
          <Empty>{t('analytics.keyNone')}</Empty>
        ) : (
          <ul className="ws-keyfail">
            {a.keyFailures.map((k, i) => (
              <li key={k.code}>
                <details open={i < 3}>
                  <summary>
                    <code>{k.code}</code> {k.title} · {k.schools.length}
                  </summary>
                  <ul>
                    {k.schools.map((s) => (
                      <li key={s.code}>
                        <Link href={href.school(campaign, s.code)}>{s.name}</Link> <code className="ws-small">{s.code}</code>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="aspects-title">
        <h2 id="aspects-title">{t('analytics.aspects')}</h2>
        <table className="ws-table ws-table-compact ws-share">
          {head(t('school.aspectCol.title'), [c('meanSelf')])}
          <tbody>
            {a.aspects.map((x) => (
              <ShareRow key={x.areaCode} title={x.title} met={x.met} partly={x.partly} notMet={x.notMet} extra={<td className="num">{formatNumber(x.meanSelf, locale)}</td>} />
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="points-title">
        <h2 id="points-title">{t('analytics.points')}</h2>
        <table className="ws-table ws-table-compact ws-share">
          {head(c('title'), [c('meanSelf'), c('meanReview')])}
          <tbody>
            {a.points.map((p) => (
              <ShareRow
                key={p.code}
                title={`${p.code} ${p.title}${p.key ? ' ★' : ''}`}
                met={p.met}
                partly={p.partly}
                notMet={p.notMet}
                extra={
                  <>
                    <td className="num">{formatNumber(p.meanSelf, locale)}</td>
                    <td className="num">{formatNumber(p.meanReview, locale)}</td>
                  </>
                }
              />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
