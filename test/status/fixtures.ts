// Small builders for status tests: items and templates go through the real zod
// schemas, so defaults (expected, minSelected, holidayMonths, ...) are the real ones.
import type { SchoolProfile } from '../../shared/domain/profile';
import type { ItemStatus } from '../../shared/domain/status';
import { computeItemStatus, type SummaryEvent, type SummaryInput } from '../../shared/status/compute';
import { Item, Template, type ItemInput } from '../../shared/template/schema';

const words = (s: string) => ({ 'zh-CN': `${s}（中）`, en: s });

type BaseField = 'title' | 'guidance' | 'evidence' | 'weight' | 'key' | 'confidential' | 'citations';
/** An item as a test writes it: code, type and type fields; the rest defaults. */
export type ItemSpec = ItemInput extends infer I
  ? I extends ItemInput
    ? Omit<I, BaseField | 'evidence'> & Partial<Pick<I, Exclude<BaseField, 'evidence'>>> & { minEvidence?: number }
    : never
  : never;

export function makeItem(spec: ItemSpec): Item {
  const { minEvidence, ...rest } = spec;
  return Item.parse({
    title: words(`Item ${spec.code}`),
    guidance: words('guidance'),
    evidence: { kinds: ['any'], minCount: minEvidence ?? 0, description: words('evidence') },
    weight: 1,
    key: false,
    confidential: false,
    citations: [{ doc: 'plan', clause: '1' }],
    ...rest,
  });
}

export function makeTemplate(areas: Record<string, ItemSpec[]>, holidayMonths?: number[]): Template {
  return Template.parse({
    format: 1,
    id: 'test-template',
    version: '1.0.0',
    title: words('Test checklist'),
    issuer: words('Test bureau'),
    ...(holidayMonths ? { holidayMonths } : {}),
    documents: [{ id: 'plan', title: words('Plan'), issuer: words('Bureau'), year: 2024 }],
    eventKinds: ['drill', 'meeting', 'lesson'].map((code) => ({ code, label: words(code) })),
    areas: Object.entries(areas).map(([code, items]) => ({ code, title: words(code), items: items.map(makeItem) })),
  });
}

export function makeProfile(over: Partial<SchoolProfile> = {}): SchoolProfile {
  return {
    name: '测试小学',
    code: '1234567890',
    schoolType: 'primary',
    county: '测试县',
    students: 200,
    classes: 6,
    staff: 20,
    boarding: false,
    hasSchoolBus: false,
    hasCanteen: true,
    studentsWithDisabilities: 0,
    ...over,
  };
}

/** The 2024–2025 school year, judged at its end, no profile, nothing answered. */
export function makeInput(template: Template, over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    template,
    profile: null,
    assessment: { id: 'a1', startDate: '2024-09-01', endDate: '2025-08-31', periodKind: 'school_year' },
    answers: {},
    evidenceIds: {},
    events: [],
    asOf: '2025-08-31',
    ...over,
  };
}

export const TERM_1: SummaryInput['assessment'] = {
  id: 't1',
  startDate: '2024-09-01',
  endDate: '2025-01-31',
  periodKind: 'term',
};

export function ev(kind: string, date: string, evidenceIds: string[] = []): SummaryEvent {
  return { kind, date, evidenceIds };
}

/** The status of one item in a one-item template. */
export function statusOf(spec: ItemSpec, over: Partial<SummaryInput> = {}, holidayMonths?: number[]): ItemStatus {
  const template = makeTemplate({ TST: [spec] }, holidayMonths);
  const item = template.areas[0]?.items[0];
  if (!item) throw new Error('fixture template lost its item');
  return computeItemStatus(item, makeInput(template, over));
}

/** Reason keys in order, the usual thing to assert on. */
export const keys = (s: ItemStatus): string[] => s.reasons.map((r) => r.key);
