import type { Locale } from '../../shared/domain/settings';
import { useSession } from '../store/session';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';

const LANGUAGES: { locale: Locale; label: string }[] = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];

/** Switches at once; the choice is saved in settings. */
export function LanguageSwitch() {
  const { t, locale } = useT();
  const saveSettings = useSession((s) => s.saveSettings);
  return (
    <div className="segmented" role="group" aria-label={t('settings.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.locale}
          type="button"
          lang={l.locale}
          aria-pressed={locale === l.locale}
          className={locale === l.locale ? 'segment segment-on' : 'segment'}
          onClick={() => saveSettings({ locale: l.locale }).catch(toastError)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
