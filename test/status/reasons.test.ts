// Every reason the status code can give has words in both languages, and the
// words only use parameters the code fills in.
import i18next from 'i18next';
import type { Locale } from '../../shared/domain/settings';
import type { Reason } from '../../shared/domain/status';
import { reasonMessages } from '../../shared/i18n/reasons';
import { computeSummary, REASON_KEYS, REASON_PARAMS, type ReasonKey } from '../../shared/status/compute';
import { ev, makeInput, makeProfile, makeTemplate } from './fixtures';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const placeholders = (message: string) => [...message.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);

async function translator(locale: Locale) {
  const t = i18next.createInstance();
  await t.init({
    lng: locale,
    resources: { [locale]: { translation: reasonMessages[locale] } },
    interpolation: { escapeValue: false },
  });
  return (r: Reason) => t.t(r.key, r.params);
}

describe('reason messages', () => {
  it.each(LOCALES)('%s has exactly the keys the code declares, none empty', (locale) => {
    expect(Object.keys(reasonMessages[locale]).sort()).toEqual([...REASON_KEYS].sort());
    for (const key of REASON_KEYS) expect(reasonMessages[locale][key].trim()).not.toBe('');
  });

  it('use only declared parameters, the zh-CN words in Chinese and the en words in English', () => {
    for (const key of REASON_KEYS) {
      const declared: readonly string[] = REASON_PARAMS[key];
      for (const locale of LOCALES) {
        const used = placeholders(reasonMessages[locale][key]);
        for (const p of used) {
          expect(`${key} ${locale} {{${p}}} declared: ${declared.includes(p ?? '')}`).toBe(`${key} ${locale} {{${p}}} declared: true`);
          const wrongLanguage = locale === 'en' ? /Zh$/ : /En$/;
          expect(`${key} ${locale} {{${p}}}`).not.toMatch(wrongLanguage);
        }
      }
    }
  });

  it('zh-CN messages are written in Chinese', () => {
    for (const key of REASON_KEYS) expect(reasonMessages['zh-CN'][key]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('render through i18next with every placeholder filled', async () => {
    const params = (key: ReasonKey) => Object.fromEntries(REASON_PARAMS[key].map((p: string) => [p, `<${p}>`]));
    for (const locale of LOCALES) {
      const t = await translator(locale);
      for (const key of REASON_KEYS) {
        const text = t({ key, params: params(key) });
        expect(text).not.toBe(key);
        expect(text).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('read naturally for a real reason', async () => {
    const evidence = { key: 'reason.evidence.short', params: { have: 1, need: 3 } };
    expect((await translator('zh-CN'))(evidence)).toBe('佐证材料 1 份，要求至少 3 份');
    expect((await translator('en'))(evidence)).toBe('Evidence files: 1, at least 3 required');
    const below = { key: 'reason.value.belowTarget', params: { value: 3, target: 4, unitZh: '节/周', unitEn: ' lessons a week' } };
    expect((await translator('zh-CN'))(below)).toBe('填报为 3节/周，低于要求的 4节/周');
    expect((await translator('en'))(below)).toBe('3 lessons a week is below the required 4 lessons a week');
  });
});

describe('reasons emitted by computeSummary', () => {
  it('all have words in both languages with no placeholder left', async () => {
    const option = (v: string) => ({ value: v, label: { 'zh-CN': `选${v}`, en: `opt ${v}` } });
    const choice = (v: string, meets: boolean) => ({ ...option(v), meets });
    const template = makeTemplate({
      MIX: [
        { code: 'MIX-01', type: 'yes_no', minEvidence: 1 },
        { code: 'MIX-02', type: 'number', unit: { 'zh-CN': '人', en: 'people' }, target: { op: 'between', min: 1, max: 2 } },
        { code: 'MIX-03', type: 'single_choice', options: [choice('a', true), choice('b', false)] },
        { code: 'MIX-04', type: 'multi_choice', options: [option('a'), option('b')], required: ['a'], minSelected: 2 },
        { code: 'MIX-05', type: 'text', minLength: 10 },
        { code: 'MIX-06', type: 'checklist', parts: [option('a'), option('b')] },
        { code: 'MIX-07', type: 'event_log', frequency: { eventKind: 'drill', min: 1, per: 'month' } },
        { code: 'MIX-08', type: 'event_log', frequency: { eventKind: 'lesson', min: 2, per: 'week' } },
        { code: 'MIX-09', type: 'yes_no', applicability: { conditions: [{ kind: 'count', field: 'classes', op: 'gte', value: 12 }] } },
        { code: 'MIX-10', type: 'text' },
      ],
    });
    const summary = computeSummary(
      makeInput(template, {
        profile: makeProfile({ classes: 6 }),
        asOf: '2024-12-15',
        answers: {
          'MIX-01': { type: 'yes_no', value: true },
          'MIX-02': { type: 'number', value: 5 },
          'MIX-03': { type: 'single_choice', value: 'b' },
          'MIX-04': { type: 'multi_choice', values: ['b'] },
          'MIX-05': { type: 'text', value: 'short' },
          'MIX-06': { type: 'checklist', parts: ['a'] },
          'MIX-10': { type: 'yes_no', value: true },
        },
        events: [ev('drill', '2024-09-09'), ev('lesson', '2024-09-10')],
      }),
    );
    const emitted = summary.items.flatMap((s) => s.reasons);
    expect(new Set(emitted.map((r) => r.key)).size).toBeGreaterThanOrEqual(12);
    for (const locale of LOCALES) {
      const t = await translator(locale);
      for (const r of emitted) {
        expect(REASON_KEYS).toContain(r.key);
        expect(t(r)).not.toMatch(/\{\{|\}\}|undefined/);
      }
    }
  });
});
