import { useAssessment } from '../store/assessment';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { navigate } from '../router';
import { assessmentLabel } from '../logic/displayNames';

const NEW = '__new__';

export function AssessmentSelect() {
  const { t } = useT();
  const { assessments, current, select } = useAssessment();
  return (
    <label className="topbar-select">
      <span className="topbar-select-label">{t('topbar.assessment')}</span>
      <select
        value={current?.id ?? ''}
        onChange={(e) => {
          if (e.target.value === NEW) navigate('new-assessment');
          else select(e.target.value).catch(toastError);
        }}
      >
        {!current && <option value="">{t('topbar.noAssessment')}</option>}
        {assessments.map((a) => {
          // Versions of one assessment share its label: tell them apart by number.
          const versioned = a.version > 1 || assessments.some((o) => o.replacesId === a.id);
          const parts = [assessmentLabel(a.label, t), versioned && t('assessment.versionN', { n: a.version }), a.frozenAt && t('assessment.frozenShort')].filter(Boolean);
          return (
            <option key={a.id} value={a.id}>
              {parts.join(' · ')}
            </option>
          );
        })}
        <option value={NEW}>{t('topbar.newAssessment')}</option>
      </select>
    </label>
  );
}
