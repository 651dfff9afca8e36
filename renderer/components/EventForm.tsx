// Add or edit one event: kind, date, title, participants, note, and files that document it.
import { useState, type FormEvent } from 'react';
import { EventInput, type SchoolEvent } from '../../shared/domain/event';
import type { EventKind } from '../../shared/template/schema';
import { useEvents } from '../store/eventLog';
import { useEvidence } from '../store/evidence';
import { useT } from '../i18n/setup';
import { pick, todayIso } from '../logic/format';
import { Field } from './Field';
import { ErrorText } from './ErrorText';
import { useSchemaSubmit } from './useSchemaSubmit';
import { FilePicker } from './FilePicker';

interface Props {
  kinds: EventKind[];
  initial?: SchoolEvent;
  fixedKind?: string;
  onDone: (saved: SchoolEvent | null) => void;
}

export function EventForm({ kinds, initial, fixedKind, onDone }: Props) {
  const { t, locale } = useT();
  const save = useEvents((s) => s.save);
  const importFiles = useEvidence((s) => s.importFiles);
  const [kind, setKind] = useState(initial?.kind ?? fixedKind ?? kinds[0]?.code ?? '');
  const [date, setDate] = useState(initial?.date ?? todayIso());
  const [title, setTitle] = useState(initial?.title ?? '');
  const [participants, setParticipants] = useState(initial?.participants === null || initial?.participants === undefined ? '' : String(initial.participants));
  const [note, setNote] = useState(initial?.note ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const { errors, serverError, busy, submit: submitParsed } = useSchemaSubmit(EventInput, 'events', async (input) => {
    const saved = await save(input);
    if (files.length > 0) {
      await importFiles(files, { eventId: saved.id });
      await useEvents.getState().refresh();
    }
    onDone(saved);
  });

  const submit = (e: FormEvent<HTMLFormElement>) =>
    submitParsed(e, { id: initial?.id, kind, date, title, participants: participants.trim() === '' ? null : Number(participants), note });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={initial ? t('events.editTitle') : t('events.addTitle')}>
      <div className="form-grid">
        <Field label={t('events.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} disabled={!!fixedKind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {pick(k.label, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('events.date')} error={errors.date}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('events.titleField')} error={errors.title}>
          {(p) => <input {...p} type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('events.participants')} error={errors.participants}>
          {(p) => <input {...p} type="number" min={0} step={1} value={participants} onChange={(e) => setParticipants(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('events.note')} error={errors.note}>
        {(p) => <textarea {...p} rows={3} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FilePicker label={t('events.attach')} onFiles={(f) => setFiles([...files, ...f])} />
      {files.length > 0 && (
        <ul className="file-names">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name}
              <button type="button" className="icon-button" aria-label={t('events.removeFile', { name: f.name })} onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={serverError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
