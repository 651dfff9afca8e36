import { useT } from '../i18n/setup';
import { href } from '../router';

/** Shown by pages that need an assessment when none exists yet. */
export function NoAssessment() {
  const { t } = useT();
  return (
    <div className="page">
      <div className="card empty">
        <h1>{t('assessment.none')}</h1>
        <p>{t('assessment.noneHint')}</p>
        <a className="button button-primary" href={href('new-assessment')}>
          {t('assessment.create')}
        </a>
      </div>
    </div>
  );
}
