// Items that do not apply to the school, by school type and by each condition kind.
import { makeProfile, statusOf, type ItemSpec } from './fixtures';

const yesNo = (applicability: ItemSpec['applicability']): ItemSpec => ({
  code: 'APP-01',
  type: 'yes_no',
  applicability,
  minEvidence: 2,
});
const yes = { answers: { 'APP-01': { type: 'yes_no' as const, value: true } } };

describe('applicability', () => {
  it('everything applies while the school has no profile', () => {
    const s = statusOf(yesNo({ schoolTypes: ['kindergarten'], conditions: [{ kind: 'flag', field: 'boarding', equals: true }] }), {
      ...yes,
      evidenceIds: { 'APP-01': ['f1', 'f2'] },
    });
    expect(s.status).toBe('met');
  });

  it('school type: not applicable when the type is not listed, naming it and the allowed types', () => {
    const item = yesNo({ schoolTypes: ['kindergarten', 'special'] });
    const s = statusOf(item, { ...yes, profile: makeProfile({ schoolType: 'primary' }) });
    expect(s.status).toBe('not_applicable');
    expect(s.reasons).toEqual([{ key: 'reason.na.schoolType', params: { schoolType: 'primary', allowed: 'kindergarten,special' } }]);
    // an applicable item needs its evidence; a not applicable one needs none
    expect(s.evidenceRequired).toBe(0);
    expect(statusOf(item, { ...yes, profile: makeProfile({ schoolType: 'special' }) }).status).toBe('partly_met');
  });

  it('flag condition equals true: only boarding schools', () => {
    const item = yesNo({ conditions: [{ kind: 'flag', field: 'boarding', equals: true }] });
    const s = statusOf(item, { profile: makeProfile({ boarding: false }) });
    expect(s.status).toBe('not_applicable');
    expect(s.reasons[0]).toEqual({
      key: 'reason.na.condition.flagTrue',
      params: { field: 'boarding', fieldZh: '实行寄宿', fieldEn: 'board students' },
    });
    expect(statusOf(item, { profile: makeProfile({ boarding: true }) }).status).toBe('unanswered');
  });

  it('flag condition equals false: not for schools with a bus', () => {
    const item = yesNo({ conditions: [{ kind: 'flag', field: 'hasSchoolBus', equals: false }] });
    const s = statusOf(item, { profile: makeProfile({ hasSchoolBus: true }) });
    expect(s.status).toBe('not_applicable');
    expect(s.reasons[0]?.key).toBe('reason.na.condition.flagFalse');
    expect(s.reasons[0]?.params).toMatchObject({ field: 'hasSchoolBus', fieldZh: '有校车' });
    expect(statusOf(item, { profile: makeProfile({ hasSchoolBus: false }) }).status).toBe('unanswered');
  });

  it('count condition gte: staff congress for 80 staff or more', () => {
    const item = yesNo({ conditions: [{ kind: 'count', field: 'staff', op: 'gte', value: 80 }] });
    const s = statusOf(item, { profile: makeProfile({ staff: 79 }) });
    expect(s.status).toBe('not_applicable');
    expect(s.reasons[0]).toEqual({
      key: 'reason.na.condition.countMin',
      params: { field: 'staff', fieldZh: '教职工数', fieldEn: 'staff', value: 80, actual: 79 },
    });
    expect(statusOf(item, { profile: makeProfile({ staff: 80 }) }).status).toBe('unanswered');
  });

  it('count condition lte: small schools only', () => {
    const item = yesNo({ conditions: [{ kind: 'count', field: 'students', op: 'lte', value: 100 }] });
    const s = statusOf(item, { profile: makeProfile({ students: 101 }) });
    expect(s.status).toBe('not_applicable');
    expect(s.reasons[0]?.key).toBe('reason.na.condition.countMax');
    expect(s.reasons[0]?.params).toMatchObject({ value: 100, actual: 101 });
    expect(statusOf(item, { profile: makeProfile({ students: 100 }) }).status).toBe('unanswered');
  });

  it('the school type is checked before the conditions, and every condition must hold', () => {
    const item = yesNo({
      schoolTypes: ['junior'],
      conditions: [
        { kind: 'flag', field: 'hasCanteen', equals: true },
        { kind: 'count', field: 'studentsWithDisabilities', op: 'gte', value: 1 },
      ],
    });
    const wrongType = statusOf(item, { profile: makeProfile({ schoolType: 'primary', hasCanteen: false }) });
    expect(wrongType.reasons[0]?.key).toBe('reason.na.schoolType');
    const secondFails = statusOf(item, { profile: makeProfile({ schoolType: 'junior', hasCanteen: true }) });
    expect(secondFails.reasons[0]?.key).toBe('reason.na.condition.countMin');
    const allHold = statusOf(item, {
      profile: makeProfile({ schoolType: 'junior', hasCanteen: true, studentsWithDisabilities: 3 }),
    });
    expect(allHold.status).toBe('unanswered');
  });

  it('a not applicable event_log item reports no event figures', () => {
    const s = statusOf(
      { code: 'EV-01', type: 'event_log', frequency: { eventKind: 'drill', min: 1, per: 'month' }, applicability: { schoolTypes: ['kindergarten'] } },
      { profile: makeProfile() },
    );
    expect(s.status).toBe('not_applicable');
    expect(s.eventCount).toBeUndefined();
  });
});
