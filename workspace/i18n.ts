// The workspace's own i18next instance (not the school app's): zh-CN first,
// English second; the choice is kept in localStorage for the next visit.
import i18next, { type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { workspaceMessages } from '../shared/i18n/workspace';

export type WsLocale = 'zh-CN' | 'en';
export const WS_LOCALES: readonly WsLocale[] = ['zh-CN', 'en'];
const KEY = 'selfcheck.bureau.locale';

export const wsI18n: i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  let saved: string | null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    saved = null;
  }
  const lng: WsLocale = saved === 'en' ? 'en' : 'zh-CN';
  await wsI18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: workspaceMessages['zh-CN'] }, en: { translation: workspaceMessages.en } },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export async function setLocale(l: WsLocale): Promise<void> {
  await wsI18n.changeLanguage(l);
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function useT() {
  const { t, i18n } = useTranslation(undefined, { i18n: wsI18n });
  const locale: WsLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { t, locale };
}

export function formatTime(iso: string | null | undefined, locale: WsLocale): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

export function formatNumber(n: number | null | undefined, locale: WsLocale, digits = 1): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
