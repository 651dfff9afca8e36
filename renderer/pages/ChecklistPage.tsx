// All items by area, with filters: status, missing evidence, key items, text search.
import { useMemo } from 'react';
import { ITEM_STATUSES } from '../../shared/domain/status';
import { useAssessment } from '../store/assessment';
import { useChecklistUi } from '../store/checklistUi';
import { useT } from '../i18n/setup';
import { filterChecklist, isFiltering, lacksEvidence, NO_FILTERS } from '../logic/checklistFilter';
import { formatNumber, pick } from '../logic/format';
import { arrowNavigation } from '../logic/arrowKeys';
import { href } from '../router';
import { StatusBadge, KeyBadge, ConfidentialBadge } from '../components/StatusBadge';
import { ItemTypeIcon } from '../components/ItemTypeIcon';
import { Icon } from '../components/Icon';
import { NoAssessment } from './NoAssessment';

export function ChecklistPage() {
  const { t, locale } = useT();
  const { current, template, statuses, summary } = useAssessment();
  const { filters, setFilters, collapsed, toggleArea } = useChecklistUi();
  const groups = useMemo(() => (template ? filterChecklist(template, statuses, filters, locale) : []), [template, statuses, filters, locale]);
  if (!current || !template) return <NoAssessment />;

  const shownCount = groups.reduce((n, g) => n + g.items.length, 0);
  const rowsInDom = groups.reduce((n, g) => n + (collapsed[g.area.code] ? 0 : g.items.length), 0);
  const toggleStatus = (s: (typeof ITEM_STATUSES)[number]) =>
    setFilters({ statuses: filters.statuses.includes(s) ? filters.statuses.filter((x) => x !== s) : [...filters.statuses, s] });

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('checklist.title')}</h1>
        <p className="muted" aria-live="polite">
          {t('checklist.shown', { shown: formatNumber(shownCount, locale), total: formatNumber(summary?.items.length ?? 0, locale) })}
        </p>
      </div>

      <section className="card filters" aria-label={t('checklist.filters')}>
        <label className="search">
          <span className="visually-hidden">{t('checklist.search')}</span>
          <input type="search" placeholder={t('checklist.searchPlaceholder')} value={filters.search} onChange={(e) => setFilters({ search: e.target.value })} />
        </label>
        <fieldset className="chips">
          <legend className="visually-hidden">{t('checklist.statusFilter')}</legend>
          {ITEM_STATUSES.map((s) => (
            <label key={s} className={filters.statuses.includes(s) ? 'chip chip-on' : 'chip'}>
              <input type="checkbox" checked={filters.statuses.includes(s)} onChange={() => toggleStatus(s)} />
              {t(`status.${s}`)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={filters.missingEvidence} onChange={(e) => setFilters({ missingEvidence: e.target.checked })} />
          {t('checklist.missingEvidence')}
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.keyOnly} onChange={(e) => setFilters({ keyOnly: e.target.checked })} />
          {t('checklist.keyOnly')}
        </label>
        {isFiltering(filters) && (
          <button type="button" className="button button-small" onClick={() => setFilters(NO_FILTERS)}>
            {t('checklist.clearFilters')}
          </button>
        )}
      </section>

      <div className="checklist" data-rows-expected={rowsInDom} onKeyDown={arrowNavigation('a.check-row')}>
        {groups.length === 0 && <p className="card empty">{t('checklist.noMatch')}</p>}
        {groups.map(({ area, items }) => {
          const open = !collapsed[area.code];
          const a = summary?.areas.find((x) => x.areaCode === area.code);
          const panelId = `area-${area.code}`;
          return (
            <section key={area.code} className="card area">
              <h2 className="area-head">
                <button type="button" className="area-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => toggleArea(area.code)}>
                  <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
                  <span className="area-title">{pick(area.title, locale)}</span>
                  {a && <span className="area-count">{t('checklist.areaCount', { answered: a.answered, total: a.total })}</span>}
                </button>
              </h2>
              {open && (
                <ul id={panelId} className="rows">
                  {items.map((item) => {
                    const s = statuses.get(item.code);
                    const lacking = lacksEvidence(s) && s?.status !== 'unanswered';
                    return (
                      <li key={item.code}>
                        <a className="check-row" href={href('item', item.code)} data-checklist-row={item.code}>
                          <span className="code">{item.code}</span>
                          <ItemTypeIcon type={item.type} />
                          <span className="row-title">
                            {pick(item.title, locale)}
                            {item.key && <KeyBadge />}
                            {item.confidential && <ConfidentialBadge />}
                          </span>
                          <span className={lacking ? 'evidence-count evidence-lacking' : 'evidence-count'} title={t('checklist.evidenceTitle')}>
                            <Icon name="clip" />{' '}
                            {t('checklist.evidenceOf', { n: s?.evidenceCount ?? 0, required: s?.evidenceRequired ?? item.evidence.minCount })}
                          </span>
                          {s && <StatusBadge status={s.status} />}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
