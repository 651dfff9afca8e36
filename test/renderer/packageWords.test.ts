// The package back end's own words, put in the reader's language.
import i18next from 'i18next';
import { resources } from '../../shared/i18n';
import { periodInWords, trustLabelInWords } from '../../renderer/logic/packageWords';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
});
const t = (lng: string) => (key: string, options?: Record<string, unknown>) => i18n.t(key, { ...options, lng });

test('the school’s own keys are named in the reader’s language; typed labels stay as typed', () => {
  expect(trustLabelInWords('this school', t('zh-CN'))).toBe('本校密钥');
  expect(trustLabelInWords('this school', t('en'))).toBe('this school’s key');
  expect(trustLabelInWords('this school (retired 2024-05-01)', t('zh-CN'))).toBe('本校已停用的密钥（2024-05-01 停用）');
  expect(trustLabelInWords('this school (retired 2024-05-01)', t('en'))).toBe('this school’s retired key (retired 2024-05-01)');
  expect(trustLabelInWords('平江县教育局', t('en'))).toBe('平江县教育局');
  expect(trustLabelInWords('this school, copy', t('zh-CN'))).toBe('this school, copy');
});

test('a report period is written as two dates', () => {
  expect(periodInWords('2024-09-01/2025-08-31', 'zh-CN')).toBe('2024年9月1日 – 2025年8月31日');
  expect(periodInWords('2024-09-01/2025-08-31', 'en')).toBe('September 1, 2024 – August 31, 2025');
  expect(periodInWords('whenever', 'en')).toBe('whenever');
});
