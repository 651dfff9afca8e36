// The event log: drills, meetings, lessons… by date, with a kind filter, add/edit and delete with undo.
// Focus follows the work: into the form when it opens, onto the saved row when it closes (back to
// the button that opened it on cancel), onto the next row after a delete.
import { useState } from 'react';
import type { SchoolEvent } from '../../shared/domain/event';
import { useEvents } from '../store/eventLog';
import { useEvidence } from '../store/evidence';
import { useAssessment } from '../store/assessment';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { formatDate, pick } from '../logic/format';
import { href } from '../router';
import { EventForm } from '../components/EventForm';
import { firstControl, focusSoon } from '../components/focusSoon';
import { NoAssessment } from './NoAssessment';

export function EventsPage() {
  const { t, locale } = useT();
  const { events, remove } = useEvents();
  const files = useEvidence((s) => s.files);
  const { template, current } = useAssessment();
  const [kind, setKind] = useState('');
  const [editing, setEditing] = useState<SchoolEvent | 'new' | null>(null);
  if (!template || !current) return <NoAssessment />;

  const kindLabel = (code: string) => {
    const k = template.eventKinds.find((x) => x.code === code);
    return k ? pick(k.label, locale) : code;
  };
  const shown = events.filter((e) => !kind || e.kind === kind);
  const rowOf = (id: string) => document.getElementById(`event-${id}`);
  const addButton = () => document.getElementById('add-event');

  const open = (what: SchoolEvent | 'new') => {
    setEditing(what);
    focusSoon(() => firstControl(document.getElementById('event-form')));
  };
  const done = (saved: SchoolEvent | null) => {
    const was = editing;
    setEditing(null);
    if (saved) focusSoon(() => rowOf(saved.id), addButton);
    else if (was && was !== 'new') focusSoon(() => document.getElementById(`edit-${was.id}`), addButton);
    else focusSoon(addButton);
  };
  const del = (e: SchoolEvent) => {
    const at = shown.findIndex((x) => x.id === e.id);
    const next = shown[at + 1] ?? shown[at - 1];
    remove(e.id)
      .then(() => focusSoon(() => (next ? rowOf(next.id) : null), addButton))
      .catch(toastError);
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('events.title')}</h1>
          <p className="muted">{t('events.intro')}</p>
        </div>
        <button type="button" id="add-event" className="button button-primary" onClick={() => open('new')} disabled={editing !== null}>
          {t('events.add')}
        </button>
      </div>
      {editing && (
        <section className="card" id="event-form" aria-labelledby="event-form-title">
          <h2 id="event-form-title">{editing === 'new' ? t('events.addTitle') : t('events.editTitle')}</h2>
          <EventForm kinds={template.eventKinds} initial={editing === 'new' ? undefined : editing} onDone={done} />
        </section>
      )}
      <section className="card filters" aria-label={t('events.filters')}>
        <label className="inline-select">
          {t('events.kindFilter')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('events.allKinds')}</option>
            {template.eventKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {pick(k.label, locale)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('events.shown', { n: shown.length })}</span>
      </section>
      {shown.length === 0 ? (
        <p className="card empty">{events.length === 0 ? t('events.empty') : t('events.noMatch')}</p>
      ) : (
        <ol className="card event-list" aria-label={t('events.list')}>
          {shown.map((e) => {
            const attached = files.filter((f) => e.evidenceIds.includes(f.id) || f.eventIds.includes(e.id));
            const outside = e.date < current.startDate || e.date > current.endDate;
            return (
              <li key={e.id} id={`event-${e.id}`} className="event-row" tabIndex={-1}>
                <time className="event-date" dateTime={e.date}>{formatDate(e.date, locale)}</time>
                <div className="event-body">
                  <div className="event-title">
                    <span className="tag">{kindLabel(e.kind)}</span> {e.title}
                  </div>
                  <div className="muted small">
                    {e.participants !== null && `${t('events.participantsN', { n: e.participants })} · `}
                    {t('events.files', { n: attached.length })}
                    {outside && ` · ${t('events.outsidePeriod')}`}
                  </div>
                  {e.note && <p className="event-note">{e.note}</p>}
                  {attached.length > 0 && (
                    <ul className="link-chips">
                      {attached.map((f) => (
                        <li key={f.id}>
                          <a href={href('evidence', f.id)}>{f.caption || f.originalName}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <div className="row-actions">
                  <button type="button" id={`edit-${e.id}`} className="button button-small" onClick={() => open(e)} aria-label={t('events.editN', { title: e.title })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button-small button-danger" onClick={() => del(e)} aria-label={t('events.deleteN', { title: e.title })}>
                    {t('common.delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
