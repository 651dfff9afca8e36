// One point's 整改 entry: measures, the person responsible, a deadline, a
// status and evidence from the library. Typing saves ~600 ms after the last
// key (and at once when the field is left or the page hidden), through the
// save indicator's tracker like the checklist; a save over another window's
// revision is refused by the back end and shown, never overwritten.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/define';
import type { RectificationEntryView, ReviewPointDetail } from '../../../shared/api/review';
import type { EvidenceFile } from '../../../shared/domain/evidence';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { useT } from '../../i18n/setup';
import { formatTime } from '../../logic/format';
import { tracked } from '../../store/saveState';

const TYPING_DELAY_MS = 600;

interface Draft {
  measures: string;
  responsible: string;
  deadline: string;
  status: 'in_progress' | 'done';
  evidenceIds: string[];
}

const draftOf = (e: RectificationEntryView | null): Draft => ({
  measures: e?.measures ?? '',
  responsible: e?.responsible ?? '',
  deadline: e?.deadline ?? '',
  status: e?.status ?? 'in_progress',
  evidenceIds: e?.evidenceIds ?? [],
});

export function RectificationForm({ reviewId, point, evidence, onSaved }: { reviewId: string; point: ReviewPointDetail; evidence: EvidenceFile[]; onSaved: () => void }) {
  const { t, locale } = useT();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(point.entry));
  const [entry, setEntry] = useState<RectificationEntryView | null>(point.entry);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(draft);
  const revision = useRef(point.entry?.revision ?? 0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const sent = latest.current;
    // One save at a time per point: each starts from the revision the previous one made.
    chain.current = chain.current.then(async () => {
      try {
        const saved = await tracked(() =>
          api().call('review.saveEntry', {
            reviewId,
            code: point.code,
            measures: sent.measures,
            responsible: sent.responsible,
            deadline: sent.deadline || null,
            status: sent.status,
            evidenceIds: sent.evidenceIds,
            revision: revision.current,
          }),
        );
        revision.current = saved.revision;
        setEntry(saved);
        setError(null);
        if (latest.current === sent) setDirty(false);
        onSaved();
      } catch (e) {
        setError(e);
      }
    });
  }, [reviewId, point.code, onSaved]);

  useEffect(() => {
    const hide = () => {
      if (timer.current) flush();
    };
    window.addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', hide);
    return () => {
      window.removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', hide);
      hide(); // leaving the page sends what is pending
    };
  }, [flush]);

  const change = (next: Partial<Draft>, now: boolean) => {
    latest.current = { ...latest.current, ...next };
    setDraft(latest.current);
    setDirty(true);
    if (timer.current) clearTimeout(timer.current);
    if (now) flush();
    else timer.current = setTimeout(flush, TYPING_DELAY_MS);
  };
  const blur = () => {
    if (timer.current) flush();
  };

  const conflict = error instanceof ApiError && error.code === 'conflict';
  return (
    <fieldset className="card inset rectification-form" aria-labelledby={`${id}-h`} data-testid={`rectify-${point.code}`}>
      <h3 id={`${id}-h`}>{t('review.form.title', { code: `${point.code} ${point.title}` })}</h3>
      <label className="field">
        <span>{t('review.form.measures')}</span>
        <textarea rows={3} value={draft.measures} onChange={(e) => change({ measures: e.target.value }, false)} onBlur={blur} />
      </label>
      <label className="field">
        <span>{t('review.form.responsible')}</span>
        <input type="text" value={draft.responsible} onChange={(e) => change({ responsible: e.target.value }, false)} onBlur={blur} />
      </label>
      <label className="field">
        <span>{t('review.form.deadline')}</span>
        <input type="date" value={draft.deadline} onChange={(e) => change({ deadline: e.target.value }, true)} />
      </label>
      <fieldset className="radios">
        <legend>{t('review.form.status')}</legend>
        {(['in_progress', 'done'] as const).map((s) => (
          <label key={s} className="check">
            <input type="radio" name={`${id}-status`} checked={draft.status === s} onChange={() => change({ status: s }, true)} />
            <span>{t(s === 'done' ? 'review.form.done' : 'review.form.inProgress')}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="radios stacked">
        <legend>{t('review.form.evidence')}</legend>
        {!evidence.length && <p className="muted">{t('review.form.noEvidence')}</p>}
        {evidence.map((f) => (
          <label key={f.id} className="check">
            <input
              type="checkbox"
              checked={draft.evidenceIds.includes(f.id)}
              onChange={(e) => change({ evidenceIds: e.target.checked ? [...draft.evidenceIds, f.id] : draft.evidenceIds.filter((x) => x !== f.id) }, true)}
            />
            <span>
              {f.originalName}
              {f.caption && <span className="muted"> · {f.caption}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted" role="status" data-testid={`rectify-state-${point.code}`}>
        {conflict ? (
          <span className="error-text">{t('review.form.conflict')}</span>
        ) : dirty ? (
          t('review.form.unsaved')
        ) : entry ? (
          t('review.form.saved', { by: entry.savedBy, at: formatTime(new Date(entry.savedAt), locale) })
        ) : null}
      </p>
      {!conflict && <ErrorText error={error} />}
    </fieldset>
  );
}
