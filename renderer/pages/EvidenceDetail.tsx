// The detail pane of one file: preview, caption and date, the items and events it documents.
import { useState } from 'react';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { api } from '../bridge';
import { useEvidence } from '../store/evidence';
import { useAssessment, itemByCode } from '../store/assessment';
import { useEvents } from '../store/eventLog';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { formatBytes, formatDate, formatDateTime, pick } from '../logic/format';
import { href } from '../router';
import { EvidenceThumb } from '../components/EvidenceThumb';
import { EvidenceMetaEditor } from '../components/EvidenceMetaEditor';

export function EvidenceDetail({ file, onClose }: { file: EvidenceFile; onClose: () => void }) {
  const { t, locale } = useT();
  const { link, unlink, remove } = useEvidence();
  const { current, template, assessments } = useAssessment();
  const events = useEvents((s) => s.events);
  const [toLink, setToLink] = useState('');
  const frozen = !!current?.frozenAt;
  const items = template?.areas.flatMap((a) => a.items) ?? [];
  const linkable = items.filter((i) => !file.links.some((l) => l.assessmentId === current?.id && l.itemCode === i.code));

  return (
    <aside className="card detail" aria-label={t('evidence.detail')} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="section-head">
        <h2 className="file-name" title={file.originalName}>{file.originalName}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <a href={api().evidenceUrl(file.sha256, 'original')} target="_blank" rel="noreferrer" className="thumb-link" aria-label={t('evidence.openOriginal', { name: file.originalName })}>
        <EvidenceThumb file={file} size="large" />
      </a>
      <dl className="facts">
        <dt>{t('evidence.size')}</dt>
        <dd>{formatBytes(file.size, locale)}{file.width && file.height ? ` · ${file.width}×${file.height}` : ''}</dd>
        <dt>{t('evidence.added')}</dt>
        <dd>{formatDateTime(file.addedAt, locale)} · {file.addedBy}</dd>
      </dl>
      <EvidenceMetaEditor file={file} />
      <h3>{t('evidence.linkedItems')}</h3>
      {file.links.length === 0 ? (
        <p className="muted">{t('evidence.noLinks')}</p>
      ) : (
        <ul className="link-chips">
          {file.links.map((l) => {
            const other = l.assessmentId !== current?.id;
            const found = other ? undefined : itemByCode(template, l.itemCode);
            const there = other ? assessments.find((a) => a.id === l.assessmentId) : undefined;
            const label = other
              ? `${l.itemCode} (${there ? `${there.label} · ${t('assessment.versionN', { n: there.version })}` : '?'})`
              : `${l.itemCode} ${found ? pick(found.item.title, locale) : ''}`;
            return (
              <li key={`${l.assessmentId}/${l.itemCode}`}>
                {other ? <span>{label}</span> : <a href={href('item', l.itemCode)}>{label}</a>}
                {!other && !frozen && (
                  <button type="button" className="icon-button" aria-label={t('evidence.removeLink', { code: l.itemCode })} onClick={() => unlink(file.id, l).catch(toastError)}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {current && !frozen && (
        <div className="inline-form">
          <label className="inline-select grow">
            <span className="visually-hidden">{t('evidence.chooseItem')}</span>
            <select value={toLink} onChange={(e) => setToLink(e.target.value)}>
              <option value="">{t('evidence.chooseItem')}</option>
              {linkable.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.code} {pick(i.title, locale)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-small" disabled={!toLink} onClick={() => link(file.id, { assessmentId: current.id, itemCode: toLink }).then(() => setToLink('')).catch(toastError)}>
            {t('item.link')}
          </button>
        </div>
      )}
      {file.eventIds.length > 0 && (
        <>
          <h3>{t('evidence.linkedEvents')}</h3>
          <ul className="link-chips">
            {file.eventIds.map((id) => {
              const ev = events.find((e) => e.id === id);
              return <li key={id}>{ev ? `${formatDate(ev.date, locale)} ${ev.title}` : id}</li>;
            })}
          </ul>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={() => remove(file.id).then(onClose).catch(toastError)}>
          {t('evidence.delete')}
        </button>
      </div>
    </aside>
  );
}
