// i18next for the page: zh-CN first, English second, switchable while running.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/domain/settings';
import { resources } from '../../shared/i18n';

export async function initI18n(locale: Locale = 'zh-CN'): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes; template text is never HTML
    returnNull: false,
  });
  document.documentElement.lang = locale;
}

export async function applyLocale(locale: Locale): Promise<void> {
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** t() plus the current locale typed as ours (for pick(), Intl formatting). */
export function useT() {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { t, locale };
}
