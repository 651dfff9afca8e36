import { useAssessment } from '../store/assessment';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { navigate } from '../router';

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
        {assessments.map((a) => (
          <option key={a.id} value={a.id}>
            {a.frozenAt ? `${a.label} · ${t('assessment.frozenShort')}` : a.label}
          </option>
        ))}
        <option value={NEW}>{t('topbar.newAssessment')}</option>
      </select>
    </label>
  );
}
