// The evidence library: every file kept, what it proves, and its size on disk.
import { useState } from 'react';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { useEvidence } from '../store/evidence';
import { useAssessment } from '../store/assessment';
import { useT } from '../i18n/setup';
import { formatBytes, formatDate, formatDay, formatNumber } from '../logic/format';
import { arrowNavigation } from '../logic/arrowKeys';
import { href, navigate } from '../router';
import type { PageProps } from '../routes';
import { EvidenceThumb } from '../components/EvidenceThumb';
import { FilePicker } from '../components/FilePicker';
import { ImportProgressBar } from '../components/ImportProgressBar';
import { PhoneIntakeButton } from '../components/PhoneIntake';
import { toastError } from '../store/toasts';
import { EvidenceDetail } from './EvidenceDetail';

type LinkFilter = 'all' | 'linked' | 'unlinked';

function matches(f: EvidenceFile, q: string, links: LinkFilter, assessmentId: string | undefined): boolean {
  const here = f.links.some((l) => l.assessmentId === assessmentId);
  if (links === 'linked' && !here) return false;
  if (links === 'unlinked' && (here || f.eventIds.length > 0)) return false;
  if (!q) return true;
  return `${f.originalName} ${f.caption} ${f.links.map((l) => l.itemCode).join(' ')}`.toLowerCase().includes(q);
}

export function EvidencePage({ params }: PageProps) {
  const { t, locale } = useT();
  const { files, stats, importFiles, importing } = useEvidence();
  const current = useAssessment((s) => s.current);
  const [query, setQuery] = useState('');
  const [links, setLinks] = useState<LinkFilter>('all');
  const selectedId = params[0];
  const selected = files.find((f) => f.id === selectedId);
  const shown = files.filter((f) => matches(f, query.trim().toLowerCase(), links, current?.id)).sort((a, b) => b.addedAt.localeCompare(a.addedAt));

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('evidence.title')}</h1>
          {stats && (
            <p className="muted" data-testid="evidence-stats">
              {t('evidence.stats', { files: formatNumber(stats.files, locale), size: formatBytes(stats.bytes, locale), stored: formatBytes(stats.storedBytes, locale) })}
            </p>
          )}
        </div>
        <div className="evidence-actions">
          <FilePicker label={t('evidence.add')} onFiles={(f) => importFiles(f, {}).catch(toastError)} disabled={importing !== null} />
          <PhoneIntakeButton />
        </div>
      </div>
      <ImportProgressBar />
      <section className="card filters" aria-label={t('evidence.filters')}>
        <label className="search">
          <span className="visually-hidden">{t('evidence.search')}</span>
          <input type="search" placeholder={t('evidence.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label className="inline-select">
          {t('evidence.show')}
          <select value={links} onChange={(e) => setLinks(e.target.value as LinkFilter)}>
            <option value="all">{t('evidence.showAll')}</option>
            <option value="linked">{t('evidence.showLinked')}</option>
            <option value="unlinked">{t('evidence.showUnlinked')}</option>
          </select>
        </label>
        <span className="muted">{t('evidence.shown', { n: shown.length })}</span>
      </section>
      <div className={selected ? 'library with-detail' : 'library'}>
        {shown.length === 0 ? (
          <p className="card empty">{files.length === 0 ? t('evidence.empty') : t('evidence.noMatch')}</p>
        ) : (
          <ul className="grid" aria-label={t('evidence.files')} onKeyDown={arrowNavigation('button.tile')}>
            {shown.map((f) => {
              const linkedTo = f.links.length + f.eventIds.length > 0 ? t('evidence.linkedTo', { items: [...new Set(f.links.map((l) => l.itemCode))].join(t('list.sep')) || '–', events: f.eventIds.length }) : t('evidence.notLinked');
              return (
                <li key={f.id}>
                  <button type="button" className={f.id === selectedId ? 'tile tile-on' : 'tile'} aria-pressed={f.id === selectedId} onClick={() => navigate('evidence', f.id)}>
                    <EvidenceThumb file={f} />
                    <span className="tile-name" title={f.originalName}>{f.caption || f.originalName}</span>
                    <span className="tile-meta">
                      {formatBytes(f.size, locale)} · {f.takenOn ? formatDate(f.takenOn, locale) : formatDay(f.addedAt, locale)}
                    </span>
                    <span className="tile-links" title={linkedTo}>{linkedTo}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {selected && <EvidenceDetail key={selected.id} file={selected} onClose={() => (window.location.hash = href('evidence'))} />}
      </div>
    </div>
  );
}
