import { Template, type TemplateInput } from '../../shared/template/schema';
import type { ItemStatus } from '../../shared/domain/status';
import { filterChecklist, missingItems, NO_FILTERS } from '../../renderer/logic/checklistFilter';
import { defaultPeriod } from '../../renderer/logic/period';

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const item = (code: string, title: string, key = false) => ({
  code, type: 'yes_no' as const, title: text(title, `Item ${code}`), guidance: text('g', 'g'),
  evidence: { kinds: ['photo' as const], minCount: 1, description: text('d', 'd') }, weight: 1, key, confidential: false, citations: [{ doc: 'doc', clause: '1' }],
});
const input: TemplateInput = {
  format: 1, id: 't', version: '1.0.0', title: text('模板', 'T'), issuer: text('局', 'Bureau'),
  documents: [{ id: 'doc', title: text('文件', 'Doc'), issuer: text('局', 'B'), year: 2023 }],
  eventKinds: [{ code: 'drill', label: text('演练', 'Drill') }],
  areas: [
    { code: 'SAF', title: text('安全', 'Safety'), items: [item('SAF-01', '消防演练', true), item('SAF-02', '食堂')] },
    { code: 'PE', title: text('体育', 'PE'), items: [item('PE-01', '大课间')] },
  ],
};
const template = Template.parse(input);
const st = (itemCode: string, status: ItemStatus['status'], evidenceCount = 0): ItemStatus => ({ itemCode, status, reasons: [], evidenceCount, evidenceRequired: 1 });
const statuses = new Map([st('SAF-01', 'not_met'), st('SAF-02', 'met', 1), st('PE-01', 'unanswered')].map((s) => [s.itemCode, s]));
const codes = (groups: ReturnType<typeof filterChecklist>) => groups.flatMap((g) => g.items.map((i) => i.code));

test('filters combine: status, missing evidence, key items, search in the current language', () => {
  expect(codes(filterChecklist(template, statuses, NO_FILTERS, 'zh-CN'))).toEqual(['SAF-01', 'SAF-02', 'PE-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, statuses: ['met', 'unanswered'] }, 'zh-CN'))).toEqual(['SAF-02', 'PE-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, missingEvidence: true }, 'zh-CN'))).toEqual(['SAF-01', 'PE-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, keyOnly: true }, 'zh-CN'))).toEqual(['SAF-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: '食堂' }, 'zh-CN'))).toEqual(['SAF-02']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: '食堂' }, 'en'))).toEqual([]);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: 'pe-0' }, 'en'))).toEqual(['PE-01']);
  // Several words: all must match, in any order, split by ASCII or full-width spaces.
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: '消防 演练' }, 'zh-CN'))).toEqual(['SAF-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: '演练\u3000消防' }, 'zh-CN'))).toEqual(['SAF-01']);
  expect(codes(filterChecklist(template, statuses, { ...NO_FILTERS, search: '消防 食堂' }, 'zh-CN'))).toEqual([]);
  // An area with no matching item disappears.
  expect(filterChecklist(template, statuses, { ...NO_FILTERS, keyOnly: true }, 'zh-CN').map((g) => g.area.code)).toEqual(['SAF']);
});

test('"what is missing" lists unanswered, not met and partly met items, key items and heavier items first', () => {
  expect(missingItems(template, statuses).map((m) => m.item.code)).toEqual(['SAF-01', 'PE-01']);
  const heavy = Template.parse({
    ...input,
    areas: [
      { code: 'SAF', title: text('安全', 'Safety'), items: [item('SAF-01', '消防演练'), { ...item('SAF-02', '食堂'), weight: 3 }] },
      { code: 'PE', title: text('体育', 'PE'), items: [item('PE-01', '大课间', true)] },
    ],
  });
  const open = new Map([st('SAF-01', 'not_met'), st('SAF-02', 'unanswered'), st('PE-01', 'partly_met')].map((s) => [s.itemCode, s]));
  expect(missingItems(heavy, open).map((m) => m.item.code)).toEqual(['PE-01', 'SAF-02', 'SAF-01']);
});

test('default periods follow the school year', () => {
  expect(defaultPeriod('school_year', new Date(2024, 9, 15))).toMatchObject({ startDate: '2024-09-01', endDate: '2025-06-30' });
  expect(defaultPeriod('school_year', new Date(2025, 2, 1), 'jul31')).toMatchObject({ startDate: '2024-09-01', endDate: '2025-07-31' });
  expect(defaultPeriod('term', new Date(2025, 0, 10))).toMatchObject({ startDate: '2024-09-01', endDate: '2025-01-31', term: 'autumn' });
  expect(defaultPeriod('term', new Date(2025, 3, 10))).toMatchObject({ startDate: '2025-02-01', endDate: '2025-07-15', term: 'spring' });
});
