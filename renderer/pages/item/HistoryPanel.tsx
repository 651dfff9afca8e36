// Earlier revisions of the answer: who saved what and when, with "restore" for each.
import { useEffect, useState } from 'react';
import type { AnswerRevision } from '../../../shared/domain/answer';
import type { Item } from '../../../shared/template/schema';
import { api } from '../../bridge';
import { useAssessment } from '../../store/assessment';
import { toastError } from '../../store/toasts';
import { useT } from '../../i18n/setup';
import { formatDateTime } from '../../logic/format';
import { valueInWords } from '../../logic/words';
import { ErrorText } from '../../components/ErrorText';
import { userLabel } from '../../logic/displayNames';

export function HistoryPanel({ item, assessmentId, currentRevision, disabled }: { item: Item; assessmentId: string; currentRevision: number | undefined; disabled: boolean }) {
  const { t, locale } = useT();
  const restore = useAssessment((s) => s.restore);
  const [open, setOpen] = useState(false);
  const [revisions, setRevisions] = useState<AnswerRevision[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    api()
      .call('answers.history', { assessmentId, itemCode: item.code })
      .then((list) => live && setRevisions([...list].sort((a, b) => b.revision - a.revision)))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [open, assessmentId, item.code, currentRevision]);

  return (
    <section className="card area" aria-labelledby="history-title">
      <h2 id="history-title" className="area-head">
        <button type="button" className="area-toggle" aria-expanded={open} aria-controls="history-list" onClick={() => setOpen(!open)}>
          <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {t('history.title')}
        </button>
      </h2>
      {open && (
        <div id="history-list" className="area-body">
          <ErrorText error={error} />
          {revisions?.length === 0 && <p className="muted">{t('history.empty')}</p>}
          <ol className="history">
            {revisions?.map((r) => (
              <li key={r.id} className="history-row">
                <div className="history-meta">
                  <strong>{t('history.revision', { n: r.revision })}</strong> · {userLabel(r.savedBy, t)} · <time dateTime={r.savedAt}>{formatDateTime(r.savedAt, locale)}</time>
                </div>
                <div className="history-value">{valueInWords(item, r.value, t, locale)}</div>
                {r.note && <div className="muted">{t('history.note', { note: r.note })}</div>}
                {r.revision === currentRevision ? (
                  <span className="badge">{t('history.current')}</span>
                ) : (
                  <button type="button" className="button button-small" disabled={disabled} onClick={() => restore(item.code, r.id).catch(toastError)} aria-label={t('history.restoreN', { n: r.revision })}>
                    {t('history.restore')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
