// Files proving this item: add (chooser or drop), caption and date, unlink, link from the library.
import { useState } from 'react';
import type { Item } from '../../../shared/template/schema';
import type { Assessment } from '../../../shared/domain/assessment';
import type { ItemStatus } from '../../../shared/domain/status';
import { useEvidence } from '../../store/evidence';
import { useEvents } from '../../store/eventLog';
import { href } from '../../router';
import { toastError } from '../../store/toasts';
import { useT } from '../../i18n/setup';
import { formatBytes, pick } from '../../logic/format';
import { FilePicker } from '../../components/FilePicker';
import { ImportProgressBar } from '../../components/ImportProgressBar';
import { PhoneIntakeButton } from '../../components/PhoneIntake';
import { EvidenceThumb } from '../../components/EvidenceThumb';
import { EvidenceMetaEditor } from '../../components/EvidenceMetaEditor';
import { Dialog } from '../../components/Dialog';

interface Props {
  item: Item;
  assessment: Assessment;
  status: ItemStatus | undefined;
  disabled: boolean;
}

export function EvidenceSection({ item, assessment, status, disabled }: Props) {
  const { t, locale } = useT();
  const { files, importFiles, unlink, link } = useEvidence();
  const events = useEvents((s) => s.events);
  const assessmentId = assessment.id;
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [query, setQuery] = useState('');
  const target = { assessmentId, itemCode: item.code };
  const isLinked = (f: (typeof files)[number]) => f.links.some((l) => l.assessmentId === assessmentId && l.itemCode === item.code);
  // Photos first (they say the most at a glance), then in the order they were added.
  const linked = files.filter(isLinked).sort((a, b) => Number(b.hasThumbnail) - Number(a.hasThumbnail) || a.addedAt.localeCompare(b.addedAt));
  // An event_log item also counts the files attached to its events in the period (see shared/status/compute.ts).
  const counted = item.type === 'event_log' ? events.filter((e) => e.kind === item.frequency.eventKind && e.date >= assessment.startDate && e.date <= assessment.endDate) : [];
  const viaEvents = counted.length === 0 ? [] : files.filter((f) => !isLinked(f) && counted.some((e) => e.evidenceIds.includes(f.id) || f.eventIds.includes(e.id)));
  const candidates = files.filter((f) => !isLinked(f) && `${f.originalName} ${f.caption}`.toLowerCase().includes(query.trim().toLowerCase()));

  const add = async (chosen: File[]) => {
    setBusy(true);
    try {
      await importFiles(chosen, { link: target });
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="evidence-title">
      <div className="section-head">
        <h2 id="evidence-title">{t('item.evidenceTitle')}</h2>
        <span className={status && status.evidenceCount < status.evidenceRequired ? 'evidence-count evidence-lacking' : 'evidence-count'} data-testid="item-evidence-count">
          {t('checklist.evidenceOf', { n: status?.evidenceCount ?? linked.length, required: status?.evidenceRequired ?? item.evidence.minCount })}
        </span>
      </div>
      <p className="muted">
        {pick(item.evidence.description, locale)} ({item.evidence.kinds.map((k) => t(`evidenceKind.${k}`)).join(t('list.sep'))})
      </p>
      {linked.length === 0 && viaEvents.length === 0 && <p className="muted">{t('item.noEvidence')}</p>}
      {linked.length > 0 && (
        <ul className="evidence-list" aria-label={t('item.linkedFiles')}>
          {linked.map((f) => (
            <li key={f.id} className="evidence-card">
              <a href={href('evidence', f.id)} className="thumb-link" aria-label={t('evidence.open', { name: f.originalName })}>
                <EvidenceThumb file={f} />
              </a>
              <div className="evidence-body">
                <div className="file-name" title={f.originalName}>{f.originalName}</div>
                <div className="muted small">{formatBytes(f.size, locale)}</div>
                <EvidenceMetaEditor file={f} disabled={disabled} />
              </div>
              {!disabled && (
                <button type="button" className="button button-small" onClick={() => unlink(f.id, target).catch(toastError)} aria-label={t('item.unlinkFile', { name: f.originalName })}>
                  {t('item.unlink')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {viaEvents.length > 0 && (
        <>
          <h3 id="event-files-title">{t('item.eventFiles')}</h3>
          <p className="muted small">{t('item.eventFilesHint')}</p>
          <ul className="link-chips" aria-labelledby="event-files-title">
            {viaEvents.map((f) => (
              <li key={f.id}>
                <a href={href('evidence', f.id)}>{f.caption || f.originalName}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {!disabled && (
        <div className="evidence-actions">
          <FilePicker label={t('item.addFiles')} onFiles={add} disabled={busy} />
          <button type="button" className="button" onClick={() => setPicking(true)}>
            {t('item.linkExisting')}
          </button>
          <PhoneIntakeButton link={target} />
        </div>
      )}
      <ImportProgressBar />
      <Dialog title={t('item.linkExisting')} open={picking} onClose={() => setPicking(false)} wide>
        <label className="search">
          <span className="visually-hidden">{t('evidence.search')}</span>
          <input type="search" placeholder={t('evidence.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {candidates.length === 0 ? (
          <p className="muted">{t('item.nothingToLink')}</p>
        ) : (
          <ul className="pick-list">
            {candidates.map((f) => (
              <li key={f.id}>
                <EvidenceThumb file={f} />
                <span className="file-name">{f.caption || f.originalName}</span>
                <button type="button" className="button button-small" onClick={() => link(f.id, target).catch(toastError)} aria-label={t('item.linkFile', { name: f.originalName })}>
                  {t('item.link')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Dialog>
    </section>
  );
}
