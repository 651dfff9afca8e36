// 复核: the reviewer's finding per item (status, score out of the item's
// maximum on v2 instruments, comment, 须整改), the overall opinion and the
// rectification deadline; saved as a draft (PUT) and published (POST) after a
// confirmation, since publishing signs it and sends it to the school for
// good. Once published: per point to rectify, its state, what the school
// reported, and close / reopen with a comment.
import { useEffect, useMemo, useState } from 'react';
import { ITEM_STATUSES } from '../../shared/domain/status';
import type { Me, ReviewDraft, ReviewPointInput, ReviewPointView, ReviewView } from '../../shared/bureau/api';
import type { ReportJson } from '../../shared/report/schema';
import { api } from '../api';
import { ConfirmDialog, Empty, ErrorBox, errorText, Field, Loading, StatusBadge, useLoad } from '../components/ui';
import { formatNumber, formatTime, useT } from '../i18n';

type PointDraft = { status: string; score: string; comment: string; rectify: boolean };

function in30Days(): string {
  const d = new Date(Date.now() + 30 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ReviewPanel({ me, campaign, school, report, onChanged }: { me: Me; campaign: string; school: string; report: ReportJson | null; onChanged: () => void }) {
  const { t } = useT();
  const review = useLoad(() => api.review(campaign, school), `review:${campaign}:${school}`);
  // The school's header (review state, 整改 counts) changes with the review too.
  const changed = (): void => {
    review.reload();
    onChanged();
  };
  const mayEdit = me.role === 'admin' || me.role === 'reviewer';
  if (review.state === 'loading') return <Loading />;
  if (review.state === 'error') return <ErrorBox error={review.error} onRetry={review.reload} />;
  const r = review.data;
  if (r?.state === 'published') return <PublishedReview review={r} report={report} mayCheck={mayEdit} onChange={changed} />;
  if (!mayEdit)
    return (
      <section aria-labelledby="review-title">
        <h2 id="review-title">{t('review.title')}</h2>
        <p className="ws-muted">{t('review.readOnly')}</p>
        {r ? <p>{t('review.draftBy', { reviewer: r.reviewer, at: r.updatedAt })}</p> : <Empty>{t('review.none')}</Empty>}
      </section>
    );
  if (!report) return <Empty>{t('review.noReport')}</Empty>;
  return <ReviewForm campaign={campaign} school={school} report={report} review={r} onChange={changed} />;
}

function ReviewForm({ campaign, school, report, review, onChange }: { campaign: string; school: string; report: ReportJson; review: ReviewView | null; onChange: () => void }) {
  const { t, locale } = useT();
  const max = useMemo(() => new Map(report.score?.points.map((p) => [p.code, p]) ?? []), [report]);
  const initial = useMemo(() => {
    const byCode = new Map(review?.points.map((p) => [p.code, p]) ?? []);
    const out: Record<string, PointDraft> = {};
    for (const item of report.items) {
      const p = byCode.get(item.code);
      out[item.code] = { status: p?.status ?? '', score: p?.score === null || p?.score === undefined ? '' : String(p.score), comment: p?.comment ?? '', rectify: p?.rectify ?? false };
    }
    return out;
  }, [report, review]);
  const [points, setPoints] = useState(initial);
  const [opinion, setOpinion] = useState(review?.opinion ?? '');
  const [deadline, setDeadline] = useState(review?.deadline ?? in30Days());
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setPoints(initial), [initial]);

  const set = (code: string, patch: Partial<PointDraft>): void => setPoints((p) => ({ ...p, [code]: { ...(p[code] ?? { status: '', score: '', comment: '', rectify: false }), ...patch } }));

  const draft = (): ReviewDraft => {
    const list: ReviewPointInput[] = [];
    for (const item of report.items) {
      const p = points[item.code];
      if (!p || (!p.status && !p.score && !p.comment && !p.rectify)) continue;
      list.push({ code: item.code, status: p.status ? (p.status as ReviewPointInput['status']) : null, score: p.score === '' ? null : Number(p.score), comment: p.comment, rectify: p.rectify });
    }
    return { opinion, deadline, points: list };
  };

  const save = async (): Promise<boolean> => {
    setBusy(true);
    setMsg(null);
    try {
      await api.saveReview(campaign, school, draft());
      setMsg({ ok: true, text: t('review.saved', { at: formatTime(new Date().toISOString(), locale) }) });
      return true;
    } catch (e) {
      setMsg({ ok: false, text: errorText(e, t) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const publish = async (): Promise<void> => {
    setConfirming(false);
    if (!(await save())) return;
    setBusy(true);
    try {
      await api.publishReview(campaign, school);
      onChange();
    } catch (e) {
      setMsg({ ok: false, text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="review-title" className="ws-review">
      <h2 id="review-title">{t('review.title')}</h2>
      {review && <p className="ws-muted">{t('review.draftBy', { reviewer: review.reviewer, at: formatTime(review.updatedAt, locale) })}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save().then((ok) => ok && onChange());
        }}
      >
        {report.areas.map((area) => {
          const items = report.items.filter((i) => i.areaCode === area.areaCode);
          if (items.length === 0) return null;
          return (
            <fieldset key={area.areaCode} className="ws-area">
              <legend>{area.title}</legend>
              <table className="ws-table ws-table-compact ws-review-table">
                <colgroup>
                  <col className="c-item" />
                  <col className="c-self" />
                  <col className="c-status" />
                  <col className="c-score" />
                  <col />
                  <col className="c-rectify" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('school.items')}</th>
                    <th scope="col">{t('school.tabs.report')}</th>
                    <th scope="col">{t('review.status')}</th>
                    <th scope="col">{t('school.reviewScore')}</th>
                    <th scope="col">{t('review.comment')}</th>
                    <th scope="col">{t('review.rectify')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => {
                    const p = points[item.code] ?? { status: '', score: '', comment: '', rectify: false };
                    const sp = max.get(item.code);
                    return (
                      <tr key={item.code} data-code={item.code}>
                        <th scope="row">
                          <code>{item.code}</code> {item.title}
                          {item.key && <span className="ws-badge ws-key">{t('school.key')}</span>}
                        </th>
                        <td>
                          <StatusBadge status={item.status} />
                          {sp && <span className="ws-muted ws-small"> {t('school.points', { self: formatNumber(sp.self, locale), max: formatNumber(sp.max, locale) })}</span>}
                        </td>
                        <td>
                          <select aria-label={`${item.code} ${t('review.status')}`} value={p.status} onChange={(e) => set(item.code, { status: e.target.value })}>
                            <option value="">{t('review.statusNone')}</option>
                            {ITEM_STATUSES.filter((s) => s !== 'unanswered').map((s) => (
                              <option key={s} value={s}>
                                {t(`status.${s}`)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          {sp ? (
                            <input
                              type="number"
                              className="ws-num-input"
                              min={0}
                              max={sp.max}
                              step="any"
                              aria-label={`${item.code} ${t('review.score', { max: sp.max })}`}
                              value={p.score}
                              onChange={(e) => set(item.code, { score: e.target.value })}
                            />
                          ) : (
                            '—'
                          )}
                          {sp && <span className="ws-muted ws-small"> / {formatNumber(sp.max, locale)}</span>}
                        </td>
                        <td>
                          <input type="text" aria-label={`${item.code} ${t('review.comment')}`} value={p.comment} maxLength={2000} onChange={(e) => set(item.code, { comment: e.target.value })} />
                        </td>
                        <td className="ws-center">
                          <input type="checkbox" aria-label={`${item.code} ${t('review.rectify')}`} checked={p.rectify} onChange={(e) => set(item.code, { rectify: e.target.checked })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </fieldset>
          );
        })}
        <Field label={t('review.opinion')}>{(id) => <textarea id={id} rows={6} value={opinion} maxLength={20000} onChange={(e) => setOpinion(e.target.value)} />}</Field>
        <Field label={t('review.deadline')}>{(id) => <input id={id} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />}</Field>
        {msg && (
          <p className={msg.ok ? 'ws-ok' : 'ws-error'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </p>
        )}
        <div className="ws-actions">
          <button type="submit" className="ws-btn" disabled={busy}>
            {busy ? t('review.saving') : t('review.save')}
          </button>
          <button type="button" className="ws-btn ws-btn-primary" disabled={busy} onClick={() => setConfirming(true)}>
            {t('review.publish')}
          </button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={t('review.confirmTitle')} text={t('review.confirm')} yes={t('review.confirmYes')} no={t('review.cancel')} onYes={() => void publish()} onNo={() => setConfirming(false)} />
    </section>
  );
}

function PublishedReview({ review, report, mayCheck, onChange }: { review: ReviewView; report: ReportJson | null; mayCheck: boolean; onChange: () => void }) {
  const { t, locale } = useT();
  const titles = new Map(report?.items.map((i) => [i.code, i.title]) ?? []);
  const toRectify = review.points.filter((p) => p.rectify);
  return (
    <section aria-labelledby="review-title" className="ws-review">
      <h2 id="review-title">{t('review.title')}</h2>
      <p className="ws-ok" data-testid="published">
        {t('review.published', { at: formatTime(review.publishedAt, locale), reviewer: review.reviewer })}
      </p>
      {review.total !== null && <p>{review.level ? t('review.total', { total: formatNumber(review.total, locale), level: t(`level.${review.level}`) }) : t('review.totalOnly', { total: formatNumber(review.total, locale) })}</p>}
      <h3>{t('review.opinion')}</h3>
      <p className="ws-pre">{review.opinion || '—'}</p>
      <p>
        {t('review.deadline')}：{review.deadline}
      </p>
      <h3>{t('review.points')}</h3>
      {toRectify.length === 0 ? (
        <Empty>{t('review.noRectifyPoints')}</Empty>
      ) : (
        <ol className="ws-items">
          {toRectify.map((p) => (
            <RectifyPoint key={p.code} review={review} point={p} title={titles.get(p.code) ?? ''} mayCheck={mayCheck} onChange={onChange} />
          ))}
        </ol>
      )}
      <details className="ws-all-points">
        <summary>{t('review.allPoints', { n: review.points.length })}</summary>
        <table className="ws-table ws-table-compact">
          <thead>
            <tr>
              <th scope="col">{t('school.items')}</th>
              <th scope="col">{t('review.status')}</th>
              <th scope="col" className="num">{t('school.reviewScore')}</th>
              <th scope="col">{t('review.comment')}</th>
              <th scope="col">{t('review.rectify')}</th>
            </tr>
          </thead>
          <tbody>
            {review.points.map((p) => (
              <tr key={p.code}>
                <th scope="row">
                  <code>{p.code}</code> {titles.get(p.code) ?? ''}
                </th>
                <td>{p.status ? <StatusBadge status={p.status} /> : '—'}</td>
                <td className="num">{formatNumber(p.score, locale)}</td>
                <td>{p.comment || '—'}</td>
                <td>{p.rectify ? '✓' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function RectifyPoint({ review, point, title, mayCheck, onChange }: { review: ReviewView; point: ReviewPointView; title: string; mayCheck: boolean; onChange: () => void }) {
  const { t, locale } = useT();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = point.rectification;
  const act = async (what: 'close' | 'reopen'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'close') await api.closePoint(review.id, point.code, { comment });
      else await api.reopenPoint(review.id, point.code, { comment });
      setComment('');
      onChange();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const state = point.state ?? 'open';
  return (
    <li className="ws-item" data-code={point.code}>
      <div className="ws-item-head">
        <code>{point.code}</code> <span className="ws-item-title">{title}</span> <span className={`ws-badge pt-${state}`}>{t(`review.pointState.${state}`)}</span>
      </div>
      {point.comment && <p>{point.comment}</p>}
      {r ? (
        <dl className="ws-facts ws-small">
          <div>
            <dt>{t('review.measures')}</dt>
            <dd className="ws-pre">{r.measures}</dd>
          </div>
          <div>
            <dt>{t('review.responsible')}</dt>
            <dd>{r.responsible}</dd>
          </div>
          <div>
            <dt>{t('review.rectDeadline')}</dt>
            <dd>{r.deadline ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('review.rectState')}</dt>
            <dd>
              {t(`review.rectStatus.${r.status}`)} · {t('review.evidenceCount', { n: r.evidenceCount })} · {t('review.receivedAt', { at: formatTime(r.receivedAt, locale) })}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="ws-muted ws-small">{t('review.noRectification')}</p>
      )}
      {point.checkedBy && <p className="ws-small">{t('review.checked', { by: point.checkedBy, at: formatTime(point.checkedAt, locale), comment: point.checkComment ?? '' })}</p>}
      {mayCheck && (
        <div className="ws-check">
          <Field label={`${point.code} ${t('review.checkComment')}`}>{(id) => <input id={id} type="text" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />}</Field>
          <button type="button" className="ws-btn ws-btn-primary" disabled={busy || state === 'closed'} onClick={() => void act('close')}>
            {t('review.close')}
          </button>
          <button type="button" className="ws-btn" disabled={busy || state === 'open' || state === 'reopened'} onClick={() => void act('reopen')}>
            {t('review.reopen')}
          </button>
          {error && (
            <p className="ws-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
