// Stored Chinese words shown in English mode: the wizard's assessment labels and the default user.
import i18next from 'i18next';
import { resources } from '../../shared/i18n';
import { assessmentLabel, userLabel } from '../../renderer/logic/displayNames';

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } }));
const en = (key: string, o?: Record<string, unknown>) => i18n.t(key, { ...o, lng: 'en' });
const zh = (key: string, o?: Record<string, unknown>) => i18n.t(key, { ...o, lng: 'zh-CN' });

test('wizard labels are re-worded, typed labels are kept', () => {
  expect(assessmentLabel('2026–2027 学年', en)).toBe('School year 2026–2027');
  expect(assessmentLabel('2026–2027 学年第一学期', en)).toBe('Autumn term 2026–2027');
  expect(assessmentLabel('2026–2027 学年第二学期', en)).toBe('Spring term 2026–2027');
  expect(assessmentLabel('2026–2027 学年', zh)).toBe('2026–2027 学年');
  expect(assessmentLabel('迎检专项 2026', en)).toBe('迎检专项 2026');
});

test('the default user reads "Principal" in English; a typed name is kept', () => {
  expect(userLabel('校长', en)).toBe('Principal');
  expect(userLabel('校长', zh)).toBe('校长');
  expect(userLabel('李老师', en)).toBe('李老师');
});

test('the package page is named for what it holds, in both languages', () => {
  expect([zh('nav.package'), en('nav.package')]).toEqual(['导出与核验', 'Export & verify']);
  // Chinese texts of this branch use full-width punctuation.
  const texts = JSON.stringify(resources['zh-CN'].translation);
  expect(zh('error.evidence.vanished', { name: 'a.pdf' })).toMatch(/，/);
  expect(texts).not.toMatch(/[\u4e00-\u9fff][,;?]|[,;?][\u4e00-\u9fff]/);
});
