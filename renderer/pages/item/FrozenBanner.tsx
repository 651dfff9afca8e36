// Shown on an item of a frozen (exported) assessment: it is read-only, and the way on is a new
// version that carries its answers and evidence links over (assessments.continue). When a newer
// version exists already, the banner leads there instead of making a second one.
import { useState } from 'react';
import type { Assessment } from '../../../shared/domain/assessment';
import { successorOf, useAssessment } from '../../store/assessment';
import { useEvidence } from '../../store/evidence';
import { toastError, toastInfo } from '../../store/toasts';
import { useT } from '../../i18n/setup';
import { formatDateTime } from '../../logic/format';
import { Icon } from '../../components/Icon';

export function FrozenBanner({ assessment }: { assessment: Assessment }) {
  const { t, locale } = useT();
  const { assessments, continueFrozen, select } = useAssessment();
  const [busy, setBusy] = useState(false);
  const successor = successorOf(assessments, assessment.id);

  const startNext = async () => {
    setBusy(true);
    try {
      const next = await continueFrozen(assessment.id);
      await useEvidence.getState().load(); // the files now carry links to the new version too
      await select(next.id);
      toastInfo('item.continued', { n: next.version });
      // The button is gone with the banner: keyboard users go on from the top of the page.
      document.getElementById('main')?.focus();
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="banner banner-frozen" role="region" aria-label={t('assessment.frozenShort')} data-testid="frozen-banner">
      <p>
        <Icon name="lock" /> {t('item.frozenBanner', { version: assessment.version, date: formatDateTime(assessment.frozenAt ?? '', locale) })}
        {successor && <> {t('item.successor', { n: successor.version })}</>}
      </p>
      {successor ? (
        <button type="button" className="button button-primary" onClick={() => select(successor.id).catch(toastError)}>
          {t('item.openSuccessor', { n: successor.version })}
        </button>
      ) : (
        <>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void startNext()} aria-describedby="continue-hint">
            {t('item.continue', { next: assessment.version + 1 })}
          </button>
          <p id="continue-hint" className="muted small">
            {t('item.continueHint', { version: assessment.version })}
          </p>
        </>
      )}
    </div>
  );
}
