// Number and percentage items against targets, and school-type overrides.
import type { Target } from '../../shared/template/schema';
import { effectiveTarget, meetsTarget } from '../../shared/status/compute';
import { keys, makeItem, makeProfile, statusOf, type ItemSpec } from './fixtures';

const lessons = { 'zh-CN': '节/周', en: 'lessons a week' };
const numberItem = (target?: Target): Extract<ItemSpec, { type: 'number' }> => ({ code: 'NUM-01', type: 'number', unit: lessons, target });
const givenNumber = (value: number) => ({ answers: { 'NUM-01': { type: 'number' as const, value } } });

describe('meetsTarget, each op at and around its bounds', () => {
  it.each<[Target, number, boolean]>([
    [{ op: 'gte', value: 4 }, 4, true],
    [{ op: 'gte', value: 4 }, 3.9, false],
    [{ op: 'lte', value: 45 }, 45, true],
    [{ op: 'lte', value: 45 }, 46, false],
    [{ op: 'eq', value: 100 }, 100, true],
    [{ op: 'eq', value: 0.3 }, 0.1 + 0.2, true], // float noise is tolerated
    [{ op: 'eq', value: 100 }, 99, false],
    [{ op: 'between', min: 10, max: 20 }, 10, true],
    [{ op: 'between', min: 10, max: 20 }, 20, true],
    [{ op: 'between', min: 10, max: 20 }, 9, false],
    [{ op: 'between', min: 10, max: 20 }, 21, false],
  ])('%j with %p -> %p', (target, value, expected) => {
    expect(meetsTarget(value, target)).toBe(expected);
  });
});

describe('number items', () => {
  it('gte: met at the target, below it not met with value, target and unit', () => {
    expect(statusOf(numberItem({ op: 'gte', value: 4 }), givenNumber(4)).status).toBe('met');
    const s = statusOf(numberItem({ op: 'gte', value: 4 }), givenNumber(3));
    expect(s.status).toBe('not_met');
    expect(s.reasons).toEqual([
      { key: 'reason.value.belowTarget', params: { value: 3, target: 4, unitZh: '节/周', unitEn: ' lessons a week' } },
    ]);
  });
  it('lte: above the limit is not met', () => {
    const s = statusOf(numberItem({ op: 'lte', value: 45 }), givenNumber(50));
    expect(s.status).toBe('not_met');
    expect(keys(s)).toEqual(['reason.value.aboveTarget']);
    expect(s.reasons[0]?.params).toMatchObject({ value: 50, target: 45 });
  });
  it('eq: another value is not met', () => {
    const s = statusOf(numberItem({ op: 'eq', value: 1 }), givenNumber(2));
    expect(s.status).toBe('not_met');
    expect(keys(s)).toEqual(['reason.value.notEqual']);
  });
  it('between: outside the range names both bounds', () => {
    const s = statusOf(numberItem({ op: 'between', min: 30, max: 45 }), givenNumber(50));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]).toEqual({
      key: 'reason.value.outOfRange',
      params: { value: 50, min: 30, max: 45, unitZh: '节/周', unitEn: ' lessons a week' },
    });
    expect(statusOf(numberItem({ op: 'between', min: 30, max: 45 }), givenNumber(40)).status).toBe('met');
  });
  it('without a target is met once answered, unanswered before', () => {
    const s = statusOf(numberItem(), givenNumber(0));
    expect(s.status).toBe('met');
    expect(keys(s)).toEqual(['reason.met.noTarget']);
    expect(statusOf(numberItem()).status).toBe('unanswered');
  });
});

describe('percentage items', () => {
  const item: ItemSpec = { code: 'PCT-01', type: 'percentage', target: { op: 'gte', value: 95 } };
  const given = (value: number) => ({ answers: { 'PCT-01': { type: 'percentage' as const, value } } });
  it('compare like numbers and use "%" as the unit in both languages', () => {
    expect(statusOf(item, given(95)).status).toBe('met');
    const s = statusOf(item, given(90));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]?.params).toEqual({ value: 90, target: 95, unitZh: '%', unitEn: '%' });
  });
});

describe('targets overridden by school type (PE lessons: 4 in primary, 2 in senior high)', () => {
  const pe: ItemSpec = {
    ...numberItem({ op: 'gte', value: 3 }),
    targetOverrides: [
      { schoolTypes: ['primary'], target: { op: 'gte', value: 4 } },
      { schoolTypes: ['senior', 'complete_secondary'], target: { op: 'gte', value: 2 } },
    ],
  };
  const item = makeItem(pe);

  it('effectiveTarget picks the override listing the school type, else the item target', () => {
    expect(effectiveTarget(item, makeProfile({ schoolType: 'primary' }))).toEqual({ op: 'gte', value: 4 });
    expect(effectiveTarget(item, makeProfile({ schoolType: 'complete_secondary' }))).toEqual({ op: 'gte', value: 2 });
    expect(effectiveTarget(item, makeProfile({ schoolType: 'junior' }))).toEqual({ op: 'gte', value: 3 });
    expect(effectiveTarget(item, null)).toEqual({ op: 'gte', value: 3 });
  });
  it('effectiveTarget is undefined for items without targets', () => {
    expect(effectiveTarget(makeItem({ code: 'YN-01', type: 'yes_no' }), null)).toBeUndefined();
  });
  it('the same 3 lessons a week fails a primary school, meets a junior and a senior high school', () => {
    const three = givenNumber(3);
    const primary = statusOf(pe, { ...three, profile: makeProfile({ schoolType: 'primary' }) });
    expect(primary.status).toBe('not_met');
    expect(primary.reasons[0]?.params).toMatchObject({ target: 4 });
    expect(statusOf(pe, { ...three, profile: makeProfile({ schoolType: 'junior' }) }).status).toBe('met');
    expect(statusOf(pe, { ...three, profile: makeProfile({ schoolType: 'senior' }) }).status).toBe('met');
  });
  it('an override can give a target to an item that has none', () => {
    const onlyPrimary: ItemSpec = {
      code: 'NUM-02',
      type: 'number',
      unit: lessons,
      targetOverrides: [{ schoolTypes: ['primary'], target: { op: 'gte', value: 4 } }],
    };
    const one = { answers: { 'NUM-02': { type: 'number' as const, value: 1 } } };
    expect(statusOf(onlyPrimary, { ...one, profile: makeProfile({ schoolType: 'primary' }) }).status).toBe('not_met');
    expect(statusOf(onlyPrimary, { ...one, profile: makeProfile({ schoolType: 'junior' }) }).status).toBe('met');
  });
});
