import { useSession } from '../store/session';
import { useAssessment } from '../store/assessment';
import { toastInfo } from '../store/toasts';
import { useT } from '../i18n/setup';
import { ProfileForm } from '../components/ProfileForm';

export function ProfilePage() {
  const { t } = useT();
  const { profile, saveProfile } = useSession();
  return (
    <div className="page">
      <h1>{t('profile.title')}</h1>
      <p className="lead">{t('profile.intro')}</p>
      <section className="card">
        <ProfileForm
          initial={profile}
          submitLabel={t('common.save')}
          onSubmit={async (p) => {
            await saveProfile(p);
            // Which items apply depends on the profile.
            await useAssessment.getState().refreshSummary();
            toastInfo('profile.saved');
          }}
        />
      </section>
    </div>
  );
}
