import i18next from 'i18next';
import { resources } from '../../shared/i18n';
import { Item } from '../../shared/template/schema';
import { expectationInWords, reasonInWords, targetInWords, valueInWords, effectiveTarget } from '../../renderer/logic/words';
import { errorText } from '../../renderer/logic/errorText';
import { ApiError } from '../../shared/api/define';

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } }));
const t = (lng: string) => (key: string, opts?: Record<string, unknown>) => i18n.t(key, { ...opts, lng });

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const base = { title: text('题', 'Q'), guidance: text('说明', 'Guide'), evidence: { kinds: ['photo' as const], minCount: 1, description: text('照片', 'Photos') }, weight: 1, key: false, confidential: false, citations: [{ doc: 'd', clause: '1' }] };

const number = Item.parse({
  ...base, code: 'PE-01', type: 'number', unit: text('节', 'lessons'),
  target: { op: 'gte', value: 3 }, targetOverrides: [{ schoolTypes: ['senior'], target: { op: 'gte', value: 2 } }],
});
const multi = Item.parse({
  ...base, code: 'SAF-05', type: 'multi_choice', required: ['fire'], minSelected: 2,
  options: [{ value: 'fire', label: text('消防', 'Fire') }, { value: 'water', label: text('防溺水', 'Drowning') }],
});

test('targets in words, with the override for the school type and units per language', () => {
  if (number.type !== 'number') throw new Error('type');
  expect(effectiveTarget(number, 'senior')).toEqual({ op: 'gte', value: 2 });
  expect(effectiveTarget(number, 'primary')).toEqual({ op: 'gte', value: 3 });
  expect(expectationInWords(number, 'primary', t('zh-CN'), 'zh-CN')).toBe('不少于 3节');
  expect(expectationInWords(number, 'senior', t('en'), 'en')).toBe('at least 2 lessons');
  expect(targetInWords({ op: 'between', min: 90, max: 100 }, '%', t('en'), 'en')).toBe('between 90 and 100%');
  expect(targetInWords({ op: 'gte', value: 1200.5 }, '%', t('en'), 'en')).toBe('at least 1,200.5%');
});

test('saved values in words', () => {
  expect(valueInWords(number, { type: 'number', value: 7 }, t('zh-CN'), 'zh-CN')).toBe('7节');
  expect(valueInWords(number, null, t('zh-CN'), 'zh-CN')).toBe('（已清除）');
  expect(valueInWords(multi, { type: 'multi_choice', values: ['water', 'fire'] }, t('zh-CN'), 'zh-CN')).toBe('防溺水、消防');
  expect(valueInWords(multi, { type: 'multi_choice', values: ['fire'] }, t('en'), 'en')).toBe('Fire');
  expect(expectationInWords(multi, undefined, t('en'), 'en')).toBe('Must include: Fire (at least 2 chosen)');
});

test('reasons with or without their namespace, and unknown ones shown by key', () => {
  expect(reasonInWords({ key: 'reason.evidence.short', params: { have: 1, need: 2 } }, t('en'))).toMatch(/1/);
  expect(reasonInWords({ key: 'evidence.short', params: { have: 1, need: 2 } }, t('zh-CN'))).toBe('佐证材料 1 份，要求至少 2 份');
  expect(reasonInWords({ key: 'reason.nope', params: {} }, t('zh-CN'))).toBe('（reason.nope）');
});

test('API errors in words: specific key, then the code, never a raw stack', () => {
  const exists = (k: string) => i18n.exists(k, { lng: 'zh-CN' });
  expect(errorText(new ApiError('conflict', 'assessment.frozen'), t('zh-CN'), exists)).toBe('此评估已冻结（已导出上报），不能再修改。');
  expect(errorText(new ApiError('io', 'something.new'), t('zh-CN'), exists)).toBe('读写磁盘失败。');
  expect(errorText(new Error('boom'), t('en'), exists)).toBe('Something went wrong (internal) boom');
});
