// 整改 / Rectification: the bureau's review (督导意见) with its deadline, per
// item the inspector's finding beside the school's own answer, a form for each
// point to rectify, and the rectification report: a new version bound to the
// review, exported by the ordinary export (which puts it in the outbox).
import { useCallback, useEffect, useState } from 'react';
import type { ReviewDetail, ReviewSummary } from '../../../shared/api/review';
import type { EvidenceFile } from '../../../shared/domain/evidence';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/setup';
import { formatDate, formatDateTime } from '../../logic/format';
import { navigate } from '../../router';
import type { PageProps } from '../../routes';
import { useAssessment } from '../../store/assessment';
import { ExportSection } from '../package/ExportSection';
import { RectificationForm } from './RectificationForm';
import { ReviewImport } from './ReviewImport';

/** Today in this computer's time zone (YYYY-MM-DD), to compare with the deadline. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function RectificationPage({ params }: PageProps) {
  const { t, locale } = useT();
  const [list, setList] = useState<ReviewSummary[] | null>(null);
  const [detail, setDetail] = useState<ReviewDetail | null>(null);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [prepared, setPrepared] = useState<{ assessmentId: string; version: number } | null>(null);
  const current = useAssessment((s) => s.current);
  const select = useAssessment((s) => s.select);
  const wanted = params[0] ?? list?.[0]?.id ?? null;

  const refreshList = useCallback(async () => {
    try {
      setList(await api().call('review.list', {}));
      setEvidence(await api().call('evidence.list', {}));
    } catch (e) {
      setError(e);
    }
  }, []);
  const refreshDetail = useCallback(async () => {
    if (!wanted) return setDetail(null);
    try {
      setDetail(await api().call('review.get', { id: wanted }));
    } catch (e) {
      setError(e);
    }
  }, [wanted]);
  useEffect(() => void refreshList(), [refreshList]);
  useEffect(() => void refreshDetail(), [refreshDetail]);

  const prepare = async () => {
    if (!detail) return;
    setError(null);
    try {
      const p = await api().call('review.prepare', { id: detail.id });
      await select(p.assessmentId);
      setPrepared(p);
      void refreshDetail();
    } catch (e) {
      setError(e);
    }
  };
  // The export below works on the assessment the store has selected: only show it for the bound version.
  const bound = detail?.rectificationAssessmentId ?? null;
  const exportReady = bound !== null && current?.id === bound;

  return (
    <div className="page" data-testid="rectification-page">
      <h1>{t('review.title')}</h1>
      <p className="muted">{t('review.intro')}</p>
      <ErrorText error={error} />
      {list && !list.length && <p data-testid="no-review">{t('review.none')}</p>}
      {list && list.length > 1 && (
        <label className="field">
          <span>{t('review.pick')}</span>
          <select value={wanted ?? ''} onChange={(e) => navigate('review', e.target.value)}>
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {r.campaign} · {formatDate(r.published.slice(0, 10), locale)}
              </option>
            ))}
          </select>
        </label>
      )}
      {detail && (
        <>
          <section className="card" aria-labelledby="review-opinion">
            <h2 id="review-opinion">{t('review.opinion')}</h2>
            <p>{t('review.campaign', { campaign: detail.campaign })}</p>
            <p className="muted">{t('review.reviewer', { name: detail.reviewer, at: formatDateTime(detail.published, locale) })}</p>
            <p style={{ whiteSpace: 'pre-wrap' }} data-testid="review-opinion">
              {detail.opinion}
            </p>
            <p>
              <strong data-testid="review-deadline">{t('review.deadline', { date: formatDate(detail.deadline, locale) })}</strong>
              {detail.deadline < today() && detail.closed < detail.toRectify && <span className="error-text"> · {t('review.overdue')}</span>}
              {detail.total !== null && <> · {t('review.total', { total: detail.total })}</>}
            </p>
            <p className="muted">{t('review.counts', { toRectify: detail.toRectify, entered: detail.entered, closed: detail.closed })}</p>
          </section>
          <section className="card" aria-labelledby="review-items">
            <h2 id="review-items">{t('review.itemsTitle')}</h2>
            <table className="area-table review-table">
              <thead>
                <tr>
                  <th scope="col">{t('review.table.item')}</th>
                  <th scope="col">{t('review.table.school')}</th>
                  <th scope="col">{t('review.table.review')}</th>
                  <th scope="col">{t('review.table.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.points.map((p) => (
                  <tr key={p.code} data-testid={`review-point-${p.code}`}>
                    <th scope="row">
                      <span className="mono">{p.code}</span> {p.title}
                      {p.rectify && (
                        <>
                          {' '}
                          <span className="badge badge-key">{t('review.mustRectify')}</span>
                        </>
                      )}
                    </th>
                    <td>
                      {p.school ? (
                        <>
                          <StatusBadge status={p.school.status} />
                          {p.school.valueText && <div className="muted small">{p.school.valueText}</div>}
                        </>
                      ) : (
                        <span className="muted">{t('review.noAnswer')}</span>
                      )}
                    </td>
                    <td>
                      {p.status && <StatusBadge status={p.status} />}
                      {p.score !== null && <div>{t('review.score', { score: p.score })}</div>}
                    </td>
                    <td>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{p.comment}</span>
                      {p.check && (
                        <div className={p.check.state === 'reopened' ? 'error-text' : 'muted'}>
                          {t(p.check.state === 'closed' ? 'review.check.closed' : 'review.check.reopened', { by: p.check.by, at: formatDateTime(p.check.at, locale), comment: p.check.comment })}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {detail.points
            .filter((p) => p.rectify)
            .map((p) => (
              <RectificationForm key={`${detail.id}/${p.code}`} reviewId={detail.id} point={p} evidence={evidence} onSaved={() => void refreshList()} />
            ))}
          <section className="card" aria-labelledby="review-make">
            <h2 id="review-make">{t('review.make.title')}</h2>
            <p className="muted">{t('review.make.intro', { next: (current?.version ?? 1) + (current?.frozenAt ? 1 : 0) })}</p>
            {!exportReady && (
              <button type="button" className="button button-primary" onClick={() => void prepare()}>
                {t('review.make.button')}
              </button>
            )}
            {prepared && <p role="status">{t('review.make.ready', { version: prepared.version })}</p>}
          </section>
          {exportReady && <ExportSection />}
        </>
      )}
      <ReviewImport
        onDone={(id) => {
          void refreshList();
          if (id) navigate('review', id);
        }}
      />
    </div>
  );
}
