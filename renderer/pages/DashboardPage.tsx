// Overview: progress and compliance, per-area bars, a chart, failed key items and what is missing.
import { useMemo, useState } from 'react';
import { useAssessment, itemByCode } from '../store/assessment';
import { useEvidence } from '../store/evidence';
import { useT } from '../i18n/setup';
import { formatBytes, formatDate, formatNumber, formatPercent, pick } from '../logic/format';
import { missingItems } from '../logic/checklistFilter';
import { reasonInWords } from '../logic/words';
import { href } from '../router';
import { ProgressBar } from '../components/ProgressBar';
import { AreaChart, AreaCountsTable } from '../components/AreaChart';
import { StatusBadge, KeyBadge } from '../components/StatusBadge';
import { NoAssessment } from './NoAssessment';
import { assessmentLabel } from '../logic/displayNames';
import { ScoreCard } from '../components/ScoreCard';
import { MonthlyTodo } from '../features/week/MonthlyTodo';

const MISSING_SHOWN = 12;

export function DashboardPage() {
  const { t, locale } = useT();
  const { current, template, summary, statuses } = useAssessment();
  const stats = useEvidence((s) => s.stats);
  const [showAll, setShowAll] = useState(false);
  const missing = useMemo(() => (template ? missingItems(template, statuses) : []), [template, statuses]);
  if (!current || !template || !summary) return <NoAssessment />;

  const o = summary.overall;
  const shown = showAll ? missing : missing.slice(0, MISSING_SHOWN);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="muted">
            {assessmentLabel(current.label, t)} · {formatDate(current.startDate, locale)} – {formatDate(current.endDate, locale)} · {pick(template.title, locale)}
          </p>
        </div>
      </div>

      <div className="stat-grid">
        <div className="card stat">
          <div className="stat-label">{t('dashboard.progress')}</div>
          <div className="stat-value">{formatPercent(o.progress, locale)}</div>
          <ProgressBar value={o.progress} label={t('dashboard.progress')} />
          <div className="stat-note">
            {t('dashboard.answeredOf', { answered: formatNumber(o.answered, locale), total: formatNumber(o.total, locale) })}
            {o.notApplicable > 0 && <div>{t('dashboard.notApplicable', { n: formatNumber(o.notApplicable, locale) })}</div>}
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t('dashboard.compliance')}</div>
          <div className="stat-value">{formatPercent(o.compliance, locale)}</div>
          <ProgressBar value={o.compliance} label={t('dashboard.compliance')} />
          <div className="stat-note">{t('dashboard.metCounts', { met: o.met, partly: o.partlyMet, notMet: o.notMet })}</div>
        </div>
        <div className={summary.failedKeyItems.length > 0 ? 'card stat stat-alert' : 'card stat'}>
          <div className="stat-label">{t('dashboard.failedKey')}</div>
          <div className="stat-value">{formatNumber(summary.failedKeyItems.length, locale)}</div>
          <div className="stat-note">{summary.failedKeyItems.length > 0 ? t('dashboard.failedKeyNote') : t('dashboard.failedKeyNone')}</div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t('dashboard.evidenceFiles')}</div>
          <div className="stat-value">{formatNumber(stats?.files ?? 0, locale)}</div>
          {stats && <div className="stat-note">{t('dashboard.evidenceSize', { size: formatBytes(stats.bytes, locale) })}</div>}
        </div>
      </div>

      <ScoreCard />

      {summary.failedKeyItems.length > 0 && (
        <section className="card card-alert" aria-labelledby="failed-key-title">
          <h2 id="failed-key-title">{t('dashboard.failedKeyTitle')}</h2>
          <ul className="link-list">
            {summary.failedKeyItems.map((code) => {
              const found = itemByCode(template, code);
              const s = statuses.get(code);
              return (
                <li key={code}>
                  <a href={href('item', code)} className="row-link">
                    <span className="code">{code}</span>
                    <span className="row-title">{found ? pick(found.item.title, locale) : code}</span>
                    {s && <StatusBadge status={s.status} />}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <MonthlyTodo assessment={current} template={template} statuses={statuses} />

      <div className="two-col">
        <section className="card" aria-labelledby="areas-title">
          <h2 id="areas-title">{t('dashboard.areas')}</h2>
          <AreaCountsTable template={template} areas={summary.areas} />
        </section>
        <section className="card" aria-labelledby="chart-title">
          <h2 id="chart-title">{t('dashboard.chartTitle')}</h2>
          <AreaChart template={template} areas={summary.areas} />
        </section>
      </div>

      <section className="card" aria-labelledby="missing-title">
        <h2 id="missing-title">
          {t('dashboard.missingTitle')} <span className="count-pill">{formatNumber(missing.length, locale)}</span>
        </h2>
        {missing.length === 0 ? (
          <p className="muted">{t('dashboard.nothingMissing')}</p>
        ) : (
          <ul className="link-list missing-list">
            {shown.map(({ item, status }) => (
              <li key={item.code}>
                <a href={href('item', item.code)} className="row-link">
                  <StatusBadge status={status.status} />
                  <span className="code">{item.code}</span>
                  <span className="row-title">
                    {pick(item.title, locale)} {item.key && <KeyBadge />}
                    {status.reasons.length > 0 && <span className="row-reason">{status.reasons.map((r) => reasonInWords(r, t)).join(t('list.clauses'))}</span>}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        {missing.length > MISSING_SHOWN && (
          <button type="button" className="button" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
            {showAll ? t('dashboard.showFewer') : t('dashboard.showAll', { n: missing.length })}
          </button>
        )}
      </section>
    </div>
  );
}
