// The bureau's review of this item, beside the school's own answer on the
// checklist item page (nothing when no review names the item).
import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/api/contract';
import { api } from '../../bridge';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/setup';
import { formatDateTime } from '../../logic/format';
import { href } from '../../router';

export function ReviewBeside({ code }: { code: string }) {
  const { t, locale } = useT();
  const [found, setFound] = useState<ResultOf<'review.forItem'>>(null);
  useEffect(() => {
    let live = true;
    api()
      .call('review.forItem', { code })
      .then((r) => live && setFound(r))
      .catch(() => live && setFound(null)); // the item page works without it
    return () => {
      live = false;
    };
  }, [code]);
  if (!found) return null;
  const p = found.point;
  return (
    <section className="card" data-testid="review-beside">
      <h2>{t('review.item.title', { campaign: found.campaign })}</h2>
      <p>
        {p.status && <StatusBadge status={p.status} />}
        {p.score !== null && <> {t('review.score', { score: p.score })}</>}
        {p.rectify && (
          <>
            {' '}
            <span className="badge badge-key">{t('review.mustRectify')}</span>
          </>
        )}
      </p>
      {p.comment && <p style={{ whiteSpace: 'pre-wrap' }}>{p.comment}</p>}
      {p.check && (
        <p className="muted">
          {t(p.check.state === 'closed' ? 'review.check.closed' : 'review.check.reopened', { by: p.check.by, at: formatDateTime(p.check.at, locale), comment: p.check.comment })}
        </p>
      )}
      <a href={href('review', found.reviewId)}>{t('review.item.open')}</a>
    </section>
  );
}
