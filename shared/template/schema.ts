// The checklist template: what a bureau publishes and every school fills.
// A template is identified by (id, version); that pair is immutable once
// published, so any change to items makes a new version (lessons-from-peers §8).
import { z } from 'zod';
import { LocalizedText } from './i18nText';
import { KeyIndicator, PointAssessment, Predecessor, SchoolCalendar, Scoring } from './instrument';

export { LocalizedText };

export const SCHOOL_TYPES = [
  'kindergarten',
  'primary',
  'junior',
  'nine_year',
  'senior',
  'complete_secondary',
  'vocational',
  'special',
] as const;
export const SchoolType = z.enum(SCHOOL_TYPES);
export type SchoolType = z.infer<typeof SchoolType>;

/** A comparison a figure must satisfy. `adjustable` marks a default a bureau may change. */
export const Target = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('gte'), value: z.number(), adjustable: z.boolean().optional() }),
  z.strictObject({ op: z.literal('lte'), value: z.number(), adjustable: z.boolean().optional() }),
  z.strictObject({ op: z.literal('eq'), value: z.number(), adjustable: z.boolean().optional() }),
  z.strictObject({
    op: z.literal('between'),
    min: z.number(),
    max: z.number(),
    adjustable: z.boolean().optional(),
  }),
]);
export type Target = z.infer<typeof Target>;

/** A different target for some school types (e.g. PE lessons: 4 a week in grades 1–2, 2 in senior high). */
export const TargetOverride = z.strictObject({
  schoolTypes: z.array(SchoolType).min(1),
  target: Target,
});

export const FREQUENCY_UNITS = ['week', 'month', 'quarter', 'term', 'school_year', 'period'] as const;
export const FrequencyUnit = z.enum(FREQUENCY_UNITS);
export type FrequencyUnit = z.infer<typeof FrequencyUnit>;

/** "At least `min` events of `eventKind` per `per`", counted over the assessment period. */
export const FrequencyRule = z.strictObject({
  eventKind: z.string().min(1),
  min: z.number().int().positive(),
  per: FrequencyUnit,
  adjustable: z.boolean().optional(),
});
export type FrequencyRule = z.infer<typeof FrequencyRule>;

export const EVIDENCE_KINDS = ['photo', 'document', 'record', 'spreadsheet', 'video', 'any'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** What a school keeps to prove the item (佐证材料) and how many files at least. */
export const EvidenceRequirement = z.strictObject({
  kinds: z.array(EvidenceKind).min(1),
  minCount: z.number().int().min(0),
  description: LocalizedText,
});
export type EvidenceRequirement = z.infer<typeof EvidenceRequirement>;

/** Profile fields an applicability condition can test. */
export const PROFILE_FLAGS = ['boarding', 'hasSchoolBus', 'hasCanteen', 'privateSchool', 'rural', 'teachingPoint'] as const;
export type ProfileFlag = (typeof PROFILE_FLAGS)[number];
export const PROFILE_COUNTS = ['students', 'classes', 'staff', 'studentsWithDisabilities'] as const;

export const ProfileCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('flag'), field: z.enum(PROFILE_FLAGS), equals: z.boolean() }),
  z.strictObject({
    kind: z.literal('count'),
    field: z.enum(PROFILE_COUNTS),
    op: z.enum(['gte', 'lte']),
    value: z.number().int().min(0),
  }),
]);
export type ProfileCondition = z.infer<typeof ProfileCondition>;

/** An item applies when the school type is listed (or no list is given) and every condition holds. */
export const Applicability = z.strictObject({
  schoolTypes: z.array(SchoolType).min(1).optional(),
  conditions: z.array(ProfileCondition).optional(),
});
export type Applicability = z.infer<typeof Applicability>;

/** A plan document the checklist cites; citations refer to it by `id`. */
export const SourceDocument = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: LocalizedText,
  issuer: LocalizedText,
  year: z.number().int().min(1949).max(2100),
  /**
   * v2: whose rule it is. Figures may rest only on national and provincial
   * documents (and the county's own); a comparative one (another city, a news
   * report) can back a bureau-adjustable option at most.
   */
  scope: z.enum(['national', 'provincial', 'local', 'comparative']).optional(),
});
export type SourceDocument = z.infer<typeof SourceDocument>;

/** Document id plus clause number as printed in the document, e.g. "3.12" or "二.(三)". */
export const Citation = z.strictObject({
  doc: z.string().min(1),
  clause: z.string().min(1),
});
export type Citation = z.infer<typeof Citation>;

export const ItemCode = z.string().regex(/^[A-Z]{2,4}-\d{2,3}$/, 'item code like "SAF-03"');

const itemBase = {
  code: ItemCode,
  title: LocalizedText,
  guidance: LocalizedText,
  evidence: EvidenceRequirement,
  applicability: Applicability.optional(),
  weight: z.number().positive().max(10),
  /** A failure here is disqualifying (一票否决). */
  key: z.boolean(),
  /** Details never leave the school; reports carry counts only. */
  confidential: z.boolean(),
  citations: z.array(Citation).min(1),
  /** v2: the point's 分值, 评分标准, 评价方式, key indicator and veto definition. */
  assess: PointAssessment.optional(),
  /** v2: a note for the bureau (defaults, sources, what it may adjust), kept apart from the principal's guidance. */
  bureauNote: LocalizedText.optional(),
};

export const ChoiceOption = z.strictObject({
  value: z.string().regex(/^[a-z0-9_]+$/),
  label: LocalizedText,
});

export const Item = z.discriminatedUnion('type', [
  z.strictObject({ ...itemBase, type: z.literal('yes_no'), expected: z.boolean().default(true) }),
  z.strictObject({
    ...itemBase,
    type: z.literal('number'),
    unit: LocalizedText,
    target: Target.optional(),
    targetOverrides: z.array(TargetOverride).optional(),
  }),
  z.strictObject({
    ...itemBase,
    type: z.literal('percentage'),
    target: Target.optional(),
    targetOverrides: z.array(TargetOverride).optional(),
  }),
  z.strictObject({ ...itemBase, type: z.literal('event_log'), frequency: FrequencyRule }),
  z.strictObject({
    ...itemBase,
    type: z.literal('single_choice'),
    options: z.array(ChoiceOption.extend({ meets: z.boolean() })).min(2),
  }),
  z.strictObject({
    ...itemBase,
    type: z.literal('multi_choice'),
    options: z.array(ChoiceOption).min(2),
    /** Options that must all be chosen for the item to be met. */
    required: z.array(z.string()).default([]),
    minSelected: z.number().int().min(0).default(1),
  }),
  z.strictObject({ ...itemBase, type: z.literal('text'), minLength: z.number().int().min(0).default(1) }),
  z.strictObject({
    ...itemBase,
    type: z.literal('checklist'),
    parts: z.array(ChoiceOption).min(1),
  }),
]);
export type Item = z.infer<typeof Item>;
export type ItemInput = z.input<typeof Item>;
export type ItemType = Item['type'];
export const ITEM_TYPES = ['yes_no', 'number', 'percentage', 'event_log', 'single_choice', 'multi_choice', 'text', 'checklist'] as const satisfies readonly ItemType[];

export const Area = z.strictObject({
  code: z.string().regex(/^[A-Z]{2,4}$/),
  title: LocalizedText,
  description: LocalizedText.optional(),
  /** v2: the aspect's key indicators; each item's `assess.indicator` names one. */
  indicators: z.array(KeyIndicator).optional(),
  items: z.array(Item).min(1),
});
export type Area = z.infer<typeof Area>;

export const EventKind = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]+$/),
  label: LocalizedText,
});
export type EventKind = z.infer<typeof EventKind>;

export const TEMPLATE_FORMAT = 1;

export const Template = z
  .object({
    format: z.literal(TEMPLATE_FORMAT),
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version like 1.0.0'),
    title: LocalizedText,
    issuer: LocalizedText,
    /** Months without school (summer holiday by default) are not counted by monthly rules. */
    holidayMonths: z.array(z.number().int().min(1).max(12)).default([7, 8]),
    documents: z.array(SourceDocument).min(1),
    eventKinds: z.array(EventKind).min(1),
    areas: z.array(Area).min(1),
    /** v2: levels and how points become the total. With it, every item must carry `assess`. */
    scoring: Scoring.optional(),
    /** v2: the template this one replaces and how its item codes map. */
    predecessor: Predecessor.optional(),
    /** v2: the school types the instrument is written for (all when absent). */
    schoolTypes: z.array(SchoolType).min(1).optional(),
    /** v2: the school calendar that "per school day / week" points count on. */
    calendar: SchoolCalendar.optional(),
    /** v2: a note for the bureau on the whole instrument. */
    bureauNote: LocalizedText.optional(),
  })
  .superRefine((t, ctx) => {
    checkInstrument(t, ctx);
    const docs = new Set(t.documents.map((d) => d.id));
    const kinds = new Set(t.eventKinds.map((k) => k.code));
    const codes = new Set<string>();
    t.areas.forEach((area, ai) =>
      area.items.forEach((item, ii) => {
        const path = ['areas', ai, 'items', ii];
        if (codes.has(item.code)) ctx.addIssue({ code: 'custom', path, message: `duplicate item code ${item.code}` });
        codes.add(item.code);
        for (const c of item.citations)
          if (!docs.has(c.doc)) ctx.addIssue({ code: 'custom', path, message: `${item.code} cites unknown document ${c.doc}` });
        if (item.type === 'event_log' && !kinds.has(item.frequency.eventKind))
          ctx.addIssue({ code: 'custom', path, message: `${item.code} counts unknown event kind ${item.frequency.eventKind}` });
        if (item.type === 'multi_choice')
          for (const r of item.required)
            if (!item.options.some((o) => o.value === r))
              ctx.addIssue({ code: 'custom', path, message: `${item.code} requires unknown option ${r}` });
      }),
    );
  });
export type Template = z.infer<typeof Template>;

/** v2 consistency: scored templates give every item an assessment whose indicator exists. */
function checkInstrument(
  t: { scoring?: unknown; areas: { code: string; indicators?: KeyIndicator[]; items: { code: string; type: string; key: boolean; assess?: PointAssessment }[] }[] },
  ctx: z.RefinementCtx,
): void {
  t.areas.forEach((area, ai) => {
    const indicators = new Set((area.indicators ?? []).map((k) => k.code));
    area.items.forEach((item, ii) => {
      const path = ['areas', ai, 'items', ii];
      const a = item.assess;
      if (!a) {
        if (t.scoring) ctx.addIssue({ code: 'custom', path, message: `${item.code} has no "assess" but the template is scored` });
        return;
      }
      if (!indicators.has(a.indicator))
        ctx.addIssue({ code: 'custom', path, message: `${item.code} names unknown key indicator ${a.indicator} of area ${area.code}` });
      const isVeto = a.rule.kind === 'veto';
      if (isVeto !== item.key) ctx.addIssue({ code: 'custom', path, message: `${item.code}: key items and only they use the veto rule` });
      if (isVeto && !a.veto) ctx.addIssue({ code: 'custom', path, message: `${item.code}: a veto point must say who decides and what counts` });
      if (a.rule.kind === 'target' && item.type !== 'number' && item.type !== 'percentage')
        ctx.addIssue({ code: 'custom', path, message: `${item.code}: the target rule needs a number or percentage item` });
      if (a.rule.kind === 'deduct' && item.type !== 'checklist' && item.type !== 'event_log')
        ctx.addIssue({ code: 'custom', path, message: `${item.code}: the deduct rule needs a checklist or event item` });
      if ((isVeto || a.rule.kind === 'not_scored') !== (a.points === 0))
        ctx.addIssue({ code: 'custom', path, message: `${item.code}: veto and not-scored points have 0 分值, all others more` });
    });
  });
}
export type TemplateInput = z.input<typeof Template>;

export const allItems = (t: Template): Item[] => t.areas.flatMap((a) => a.items);
