import { useAssessment } from '../store/assessment';
import { useT } from '../i18n/setup';
import { AssessmentForm } from '../components/AssessmentForm';
import { navigate } from '../router';

export function NewAssessmentPage() {
  const { t } = useT();
  const create = useAssessment((s) => s.create);
  return (
    <div className="page">
      <h1>{t('assessment.newTitle')}</h1>
      <p className="lead">{t('assessment.newIntro')}</p>
      <section className="card">
        <AssessmentForm
          submitLabel={t('assessment.create')}
          onSubmit={async (a) => {
            await create(a);
            navigate('dashboard');
          }}
        />
      </section>
    </div>
  );
}
