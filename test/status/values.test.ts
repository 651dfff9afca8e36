// Answered values of every item type against what the item asks for.
import type { AnswerValue } from '../../shared/domain/answer';
import { keys, statusOf, type ItemSpec } from './fixtures';

const answer = (code: string, value: AnswerValue | null) => ({ answers: { [code]: value } });

describe('yes_no', () => {
  const item: ItemSpec = { code: 'YN-01', type: 'yes_no' };
  it('is met when the answer is the expected one (yes by default)', () => {
    const s = statusOf(item, answer('YN-01', { type: 'yes_no', value: true }));
    expect(s.status).toBe('met');
    expect(keys(s)).toEqual(['reason.met.value']);
  });
  it('is not met on "no"', () => {
    const s = statusOf(item, answer('YN-01', { type: 'yes_no', value: false }));
    expect(s.status).toBe('not_met');
    expect(keys(s)).toEqual(['reason.yesNo.no']);
  });
  it('follows expected=false ("are there unsafe buildings?")', () => {
    const no = statusOf({ ...item, expected: false }, answer('YN-01', { type: 'yes_no', value: false }));
    const yes = statusOf({ ...item, expected: false }, answer('YN-01', { type: 'yes_no', value: true }));
    expect(no.status).toBe('met');
    expect(yes.status).toBe('not_met');
    expect(keys(yes)).toEqual(['reason.yesNo.yes']);
  });
  it('is unanswered when missing or cleared (null)', () => {
    expect(statusOf(item).status).toBe('unanswered');
    const cleared = statusOf(item, answer('YN-01', null));
    expect(cleared.status).toBe('unanswered');
    expect(keys(cleared)).toEqual(['reason.unanswered']);
  });
  it('treats an answer of another type as unanswered, naming both types', () => {
    const s = statusOf(item, answer('YN-01', { type: 'number', value: 1 }));
    expect(s.status).toBe('unanswered');
    expect(s.reasons[0]).toEqual({ key: 'reason.unanswered.wrongType', params: { expected: 'yes_no', got: 'number' } });
  });
});

describe('single_choice', () => {
  const item: ItemSpec = {
    code: 'SC-01',
    type: 'single_choice',
    options: [
      { value: 'full', label: { 'zh-CN': '全部', en: 'All' }, meets: true },
      { value: 'some', label: { 'zh-CN': '部分', en: 'Some' }, meets: false },
    ],
  };
  it('is met by an option that meets', () => {
    expect(statusOf(item, answer('SC-01', { type: 'single_choice', value: 'full' })).status).toBe('met');
  });
  it('is not met by an option that does not, naming it in both languages', () => {
    const s = statusOf(item, answer('SC-01', { type: 'single_choice', value: 'some' }));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]).toEqual({
      key: 'reason.choice.notMeeting',
      params: { option: 'some', optionZh: '部分', optionEn: 'Some' },
    });
  });
  it('is unanswered when the saved option is not in the template', () => {
    const s = statusOf(item, answer('SC-01', { type: 'single_choice', value: 'gone' }));
    expect(s.status).toBe('unanswered');
    expect(s.reasons[0]).toEqual({ key: 'reason.choice.unknownOption', params: { option: 'gone' } });
  });
  it('is unanswered without an answer', () => {
    expect(statusOf(item).status).toBe('unanswered');
  });
});

describe('multi_choice', () => {
  const option = (value: string) => ({ value, label: { 'zh-CN': `选项${value}`, en: `Option ${value}` } });
  const item: ItemSpec = {
    code: 'MC-01',
    type: 'multi_choice',
    options: ['a', 'b', 'c', 'd'].map(option),
    required: ['a', 'b'],
    minSelected: 3,
  };
  const chosen = (...values: string[]) => answer('MC-01', { type: 'multi_choice', values });

  it('is met with every required option and enough options', () => {
    expect(statusOf(item, chosen('a', 'b', 'd')).status).toBe('met');
  });
  it('is not met when a required option is missing, listing it', () => {
    const s = statusOf(item, chosen('a', 'c', 'd'));
    expect(s.status).toBe('not_met');
    expect(s.reasons).toEqual([
      { key: 'reason.multi.missingRequired', params: { missing: 'b', missingZh: '选项b', missingEn: 'Option b' } },
    ]);
  });
  it('is not met with too few options, and lists every shortfall', () => {
    const s = statusOf(item, chosen('a'));
    expect(s.status).toBe('not_met');
    expect(keys(s)).toEqual(['reason.multi.missingRequired', 'reason.multi.tooFew']);
    expect(s.reasons[1]?.params).toEqual({ have: 1, need: 3 });
  });
  it('ignores unknown and repeated values when counting', () => {
    const s = statusOf(item, chosen('a', 'b', 'b', 'zzz'));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.multi.tooFew', params: { have: 2, need: 3 } });
  });
  it('counts an empty selection as an answer (met when nothing is required)', () => {
    const free: ItemSpec = { code: 'MC-02', type: 'multi_choice', options: ['a', 'b'].map(option), minSelected: 0 };
    expect(statusOf(free, answer('MC-02', { type: 'multi_choice', values: [] })).status).toBe('met');
    expect(statusOf(free).status).toBe('unanswered');
  });
});

describe('text', () => {
  const item: ItemSpec = { code: 'TX-01', type: 'text', minLength: 5 };
  const written = (value: string) => answer('TX-01', { type: 'text', value });
  it('is met at the minimum length, counting Chinese characters once each', () => {
    expect(statusOf(item, written('安全工作制度')).status).toBe('met');
    expect(statusOf(item, written('五个汉字啊')).status).toBe('met');
  });
  it('is not met when shorter after trimming', () => {
    const s = statusOf(item, written('  abcd   '));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.text.tooShort', params: { have: 4, need: 5 } });
  });
  it('counts characters outside the BMP once (4 rare CJK characters are 8 UTF-16 units)', () => {
    const s = statusOf(item, written('𠀀𠀁𠀂𠀃'));
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]?.params).toEqual({ have: 4, need: 5 });
  });
  it('is unanswered when only spaces were written', () => {
    expect(statusOf(item, written('   ')).status).toBe('unanswered');
  });
  it('defaults to a minimum of 1 character', () => {
    expect(statusOf({ code: 'TX-02', type: 'text' }, answer('TX-02', { type: 'text', value: 'x' })).status).toBe('met');
  });
});

describe('checklist', () => {
  const parts = ['plan', 'team', 'drill', 'review', 'report'];
  const item: ItemSpec = {
    code: 'CL-01',
    type: 'checklist',
    parts: parts.map((value) => ({ value, label: { 'zh-CN': `部分${value}`, en: value } })),
  };
  const ticked = (...p: string[]) => answer('CL-01', { type: 'checklist', parts: p });

  it('is met with all parts', () => {
    expect(statusOf(item, ticked(...parts)).status).toBe('met');
  });
  it('is partly met with some parts: "3 of 5", naming the missing ones', () => {
    const s = statusOf(item, ticked('plan', 'team', 'drill'));
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({
      key: 'reason.checklist.partial',
      params: { have: 3, need: 5, missing: 'review,report', missingZh: '部分review、部分report', missingEn: 'review, report' },
    });
  });
  it('is not met with no parts', () => {
    const s = statusOf(item, ticked());
    expect(s.status).toBe('not_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.checklist.none', params: { need: 5 } });
  });
  it('ignores unknown and repeated parts', () => {
    const s = statusOf(item, ticked('plan', 'plan', 'other'));
    expect(s.reasons[0]?.params).toMatchObject({ have: 1, need: 5 });
  });
  it('is unanswered without an answer', () => {
    expect(statusOf(item).status).toBe('unanswered');
  });
});
