// Evidence files against the item's minimum count.
import { ev, keys, statusOf, type ItemSpec } from './fixtures';

const yesNo: ItemSpec = { code: 'EVD-01', type: 'yes_no', minEvidence: 2 };
const answered = (value: boolean) => ({ answers: { 'EVD-01': { type: 'yes_no' as const, value } } });

describe('evidence shortfall', () => {
  it('turns a met value into partly met, the evidence reason first', () => {
    const s = statusOf(yesNo, { ...answered(true), evidenceIds: { 'EVD-01': ['f1'] } });
    expect(s.status).toBe('partly_met');
    expect(s.reasons).toEqual([
      { key: 'reason.evidence.short', params: { have: 1, need: 2 } },
      // never "meets the requirement" beside a partly-met badge
      { key: 'reason.met.answerOnly', params: {} },
    ]);
    expect(s.evidenceCount).toBe(1);
    expect(s.evidenceRequired).toBe(2);
  });
  it('leaves a met value met with enough files', () => {
    const s = statusOf(yesNo, { ...answered(true), evidenceIds: { 'EVD-01': ['f1', 'f2'] } });
    expect(s.status).toBe('met');
    expect(keys(s)).toEqual(['reason.met.value']);
  });
  it('keeps a not met value not met, adding the evidence reason after the main one', () => {
    const s = statusOf(yesNo, answered(false));
    expect(s.status).toBe('not_met');
    expect(keys(s)).toEqual(['reason.yesNo.no', 'reason.evidence.short']);
  });
  it('keeps partly met partly met, adding the evidence reason', () => {
    const checklist: ItemSpec = {
      code: 'EVD-02',
      type: 'checklist',
      minEvidence: 1,
      parts: ['a', 'b'].map((value) => ({ value, label: { 'zh-CN': value, en: value } })),
    };
    const s = statusOf(checklist, { answers: { 'EVD-02': { type: 'checklist', parts: ['a'] } } });
    expect(s.status).toBe('partly_met');
    expect(keys(s)).toEqual(['reason.checklist.partial', 'reason.evidence.short']);
  });
  it('says nothing about evidence while the item is unanswered', () => {
    const s = statusOf(yesNo);
    expect(s.status).toBe('unanswered');
    expect(keys(s)).toEqual(['reason.unanswered']);
  });
  it('counts a file listed twice once', () => {
    const s = statusOf(yesNo, { ...answered(true), evidenceIds: { 'EVD-01': ['f1', 'f1'] } });
    expect(s.evidenceCount).toBe(1);
    expect(s.status).toBe('partly_met');
  });
});

describe('evidence of event_log items', () => {
  const drills: ItemSpec = {
    code: 'EVD-03',
    type: 'event_log',
    frequency: { eventKind: 'drill', min: 1, per: 'period' },
    minEvidence: 4,
  };
  const events = [
    ev('drill', '2024-10-10', ['f1', 'f2']),
    ev('drill', '2024-11-10', ['f2', 'f3']), // f2 documents both drills: counted once
    ev('drill', '2024-08-10', ['f8']), // before the period: not counted, nor its file
    ev('meeting', '2024-10-10', ['f9']), // another kind: not this item's evidence
  ];

  it('adds the distinct files of the counted events to the directly linked ones', () => {
    // direct {f0} + distinct event files {f1, f2, f3} = 4
    const s = statusOf(drills, { events, evidenceIds: { 'EVD-03': ['f0'] } });
    expect(s.evidenceCount).toBe(1 + 3);
    expect(s.eventCount).toBe(2);
    expect(s.status).toBe('met');
  });
  it('counts a file linked both to the item and to a counted event once', () => {
    // direct {f1, f8} + event files {f1, f2, f3}: f1 is the same file both ways; f8's event is
    // outside the period, but f8 is linked to the item directly, so it counts.
    const s = statusOf(drills, { events, evidenceIds: { 'EVD-03': ['f1', 'f8'] } });
    expect(s.evidenceCount).toBe(4);
    expect(s.status).toBe('met');
    const short = statusOf(drills, { events, evidenceIds: { 'EVD-03': ['f1', 'f2', 'f3'] } });
    expect(short.evidenceCount).toBe(3);
    expect(short.status).toBe('partly_met');
  });
  it('turns met events into partly met when files are short', () => {
    const s = statusOf(drills, { events });
    expect(s.status).toBe('partly_met');
    expect(s.reasons[0]).toEqual({ key: 'reason.evidence.short', params: { have: 3, need: 4 } });
    expect(keys(s)).toEqual(['reason.evidence.short', 'reason.met.events']);
  });
  it('does not answer an event_log item by files alone', () => {
    const s = statusOf(drills, { asOf: '2025-03-01', evidenceIds: { 'EVD-03': ['f1', 'f2', 'f3', 'f4', 'f5'] } });
    expect(s.status).toBe('unanswered');
    expect(keys(s)).toEqual(['reason.events.noneYet']);
  });
});
