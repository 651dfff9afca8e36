// First run: the school profile, then the first assessment.
import { useState } from 'react';
import { useSession } from '../store/session';
import { useAssessment } from '../store/assessment';
import { useT } from '../i18n/setup';
import { ProfileForm } from '../components/ProfileForm';
import { AssessmentForm } from '../components/AssessmentForm';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { navigate } from '../router';

export function SetupWizard() {
  const { t } = useT();
  const { saveProfile, setPhase, profile } = useSession();
  const [step, setStep] = useState<1 | 2>(profile ? 2 : 1);
  return (
    <div className="wizard">
      <header className="wizard-head">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">✓</span>
          <span>{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="wizard-main" id="main">
        <h1>{t('wizard.title')}</h1>
        <p className="lead">{t('wizard.intro')}</p>
        <ol className="steps" aria-label={t('wizard.steps')}>
          <li className={step === 1 ? 'step step-on' : 'step step-done'} aria-current={step === 1 ? 'step' : undefined}>
            {t('wizard.step1')}
          </li>
          <li className={step === 2 ? 'step step-on' : 'step'} aria-current={step === 2 ? 'step' : undefined}>
            {t('wizard.step2')}
          </li>
        </ol>
        <section className="card">
          {step === 1 ? (
            <>
              <h2>{t('wizard.profileTitle')}</h2>
              <ProfileForm
                initial={profile}
                submitLabel={t('wizard.next')}
                onSubmit={async (p) => {
                  await saveProfile(p);
                  setStep(2);
                }}
              />
            </>
          ) : (
            <>
              <h2>{t('wizard.assessmentTitle')}</h2>
              <p className="muted">{t('wizard.assessmentIntro')}</p>
              <AssessmentForm
                submitLabel={t('wizard.finish')}
                onSubmit={async (a) => {
                  await useAssessment.getState().create(a);
                  navigate('dashboard');
                  setPhase('ready');
                }}
              />
            </>
          )}
        </section>
      </main>
    </div>
  );
}
