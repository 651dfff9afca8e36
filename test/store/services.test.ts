import { ApiError } from '../../shared/api/define';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { createCore } from '../../electron/services/core';
import { DataDirLockedError } from '../../electron/config/lock';
import { createFixtureAssessment, fixtureProfile, openTestCore, type TestCore } from '../fixtures/core';
import { fixtureTemplate, fixtureTemplateInput } from '../fixtures/template';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return `${e.code}:${e.message}`;
    throw e;
  }
  throw new Error('expected an ApiError');
};

describe('core services on a real database', () => {
  let t: TestCore;
  beforeEach(() => (t = openTestCore()));
  afterEach(() => t.cleanup());

  test('first run installs the seed template and creates no assessment', () => {
    expect(t.core.templates.list().map((x) => `${x.id}@${x.version}:${x.itemCount}`)).toEqual(['fixture-checklist@1.0.0:9']);
    expect(t.core.assessments.list()).toEqual([]);
    expect(t.core.profile.get()).toBeNull();
    t.core.profile.save(fixtureProfile);
    t.reopen();
    expect(t.core.templates.list()).toHaveLength(1); // installing again is a no-op
    expect(t.core.assessments.list()).toEqual([]);
    expect(t.core.profile.get()).toEqual(fixtureProfile);
  });

  test('a template id+version cannot be reinstalled with other content', () => {
    expect(t.core.templates.install(fixtureTemplateInput)).toBe('already_installed');
    const changed = { ...fixtureTemplateInput, title: { 'zh-CN': '改过的', en: 'Changed' } };
    expect(codeOf(() => t.core.templates.install(changed))).toBe('conflict:template.conflict');
    expect(t.core.templates.get(fixtureTemplate.id, '1.0.0').title.en).toBe('Fixture checklist');
    expect(t.core.templates.install({ ...changed, version: '1.1.0' })).toBe('installed');
    expect(codeOf(() => t.core.templates.install({ format: 1, id: 'x' }))).toBe('bad_package:template.invalid');
  });

  test('settings merge over defaults and persist', () => {
    expect(t.core.settings.get()).toEqual(DEFAULT_SETTINGS);
    t.core.settings.save({ photoDownscale: '1024', userName: '王老师' });
    t.reopen();
    expect(t.core.settings.get()).toEqual({ ...DEFAULT_SETTINGS, photoDownscale: '1024', userName: '王老师' });
  });

  test('answers: each save is a revision, history keeps all, restore writes a new one', () => {
    const a = createFixtureAssessment(t.core);
    const s1 = t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: 1 }, note: '' });
    const s2 = t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: 3 }, note: '两名保安' });
    const same = t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: 3 }, note: '两名保安' });
    expect([s1.revision, s2.revision, same.revision]).toEqual([1, 2, 2]);
    expect(s2.savedBy).toBe(DEFAULT_SETTINGS.userName);
    const cleared = t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: null, note: '' });
    expect(cleared).toMatchObject({ value: null, revision: 3 });

    const history = t.core.answers.history(a, 'SAF-03');
    expect(history.map((h) => h.revision)).toEqual([3, 2, 1]);
    const first = history.find((h) => h.revision === 1)!;
    const restored = t.core.answers.restore(first.id);
    expect(restored).toMatchObject({ value: { type: 'number', value: 1 }, note: '', revision: 4 });
    t.reopen();
    expect(t.core.answers.list(a)).toEqual([restored]);
    expect(t.core.answers.history(a, 'SAF-03')).toHaveLength(4);
  });

  test('answers are checked against their item', () => {
    const a = createFixtureAssessment(t.core);
    const save = (itemCode: string, value: unknown) => () =>
      t.core.answers.save({ assessmentId: a, itemCode, value: value as never, note: '' });
    expect(codeOf(save('NOPE-01', { type: 'yes_no', value: true }))).toBe('invalid_args:answer.unknownItem');
    expect(codeOf(save('SAF-01', { type: 'number', value: 3 }))).toBe('invalid_args:answer.wrongType');
    expect(codeOf(save('EDU-02', { type: 'single_choice', value: 'bogus' }))).toBe('invalid_args:answer.unknownOption');
    expect(codeOf(save('EDU-03', { type: 'multi_choice', values: ['art', 'x'] }))).toBe('invalid_args:answer.unknownOption');
    expect(codeOf(save('EDU-05', { type: 'checklist', parts: ['roster', 'nah'] }))).toBe('invalid_args:answer.unknownOption');
    expect(codeOf(() => t.core.answers.list('missing'))).toBe('not_found:assessment.notFound');
    expect(codeOf(() => t.core.answers.restore(9999))).toBe('not_found:answer.revisionNotFound');
    const ok = t.core.answers.save({ assessmentId: a, itemCode: 'EDU-03', value: { type: 'multi_choice', values: ['art', 'art', 'sport'] }, note: '' });
    expect(ok.value).toEqual({ type: 'multi_choice', values: ['art', 'sport'] });
    expect(t.core.answers.list(a)).toHaveLength(1); // nothing else was written
  });

  test('a frozen assessment refuses edits; continuing it makes a new version', () => {
    const a = createFixtureAssessment(t.core);
    t.core.answers.save({ assessmentId: a, itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, note: 'ok' });
    const rev = t.core.answers.history(a, 'SAF-01')[0]!;
    t.core.assessments.freeze(a);
    const save = () => t.core.answers.save({ assessmentId: a, itemCode: 'SAF-01', value: { type: 'yes_no', value: false }, note: '' });
    expect(codeOf(save)).toBe('conflict:assessment.frozen');
    expect(codeOf(() => t.core.answers.restore(rev.id))).toBe('conflict:assessment.frozen');
    // The database refuses too, even if a service forgot to check.
    expect(() => t.core.db.prepare("UPDATE answers SET note = 'x' WHERE assessment_id = ?").run(a)).toThrow(/frozen/);
    expect(t.core.answers.list(a)[0]).toMatchObject({ value: { type: 'yes_no', value: true }, revision: 1 });

    const next = t.core.assessments.continueFrozen(a, 'me');
    expect(next).toMatchObject({ replacesId: a, version: 2, frozenAt: null });
    expect(t.core.answers.list(next.id)[0]).toMatchObject({ itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, revision: 1 });
    expect(t.core.answers.save({ assessmentId: next.id, itemCode: 'SAF-01', value: { type: 'yes_no', value: false }, note: '' }).revision).toBe(2);
    expect(codeOf(() => t.core.assessments.continueFrozen(a, 'me'))).toBe('conflict:assessment.alreadyContinued');
    expect(t.core.assessments.list().filter((x) => x.replacesId === a)).toHaveLength(1);
  });

  test('assessments need an installed template', () => {
    const create = () =>
      t.core.assessments.create({ templateId: 'nope', templateVersion: '1.0.0', periodKind: 'term', label: 'x', startDate: '2024-09-01', endDate: '2025-01-31' });
    expect(codeOf(create)).toBe('not_found:template.notFound');
    const id = createFixtureAssessment(t.core);
    expect(t.core.assessments.get(id)).toMatchObject({ label: '2024–2025 学年', version: 1, frozenAt: null, replacesId: null });
  });

  test('events: create, update, soft delete, undelete; unknown kinds refused', () => {
    const e = t.core.events.save({ kind: 'fire_drill', date: '2024-10-10', title: '十月消防演练', participants: 300, note: '' });
    expect(e).toMatchObject({ kind: 'fire_drill', deletedAt: null, evidenceIds: [] });
    const updated = t.core.events.save({ id: e.id, kind: 'fire_drill', date: '2024-10-11', title: '改期', participants: null, note: 'n' });
    expect(updated).toMatchObject({ id: e.id, date: '2024-10-11', title: '改期', participants: null, createdAt: e.createdAt });
    expect(codeOf(() => t.core.events.save({ kind: 'party', date: '2024-10-10', title: 'x', participants: null, note: '' }))).toBe(
      'invalid_args:event.unknownKind',
    );
    t.core.events.delete(e.id);
    expect(t.core.events.list()).toEqual([]);
    expect(t.core.events.list(true)[0]!.deletedAt).not.toBeNull();
    expect(codeOf(() => t.core.events.save({ ...updated, note: 'x' }))).toBe('conflict:event.deleted');
    t.core.events.undelete(e.id);
    expect(t.core.events.list().map((x) => x.id)).toEqual([e.id]);
  });

  test('summary combines answers, evidence and events through the shared rules', () => {
    t.core.profile.save(fixtureProfile);
    const a = createFixtureAssessment(t.core);
    t.core.answers.save({ assessmentId: a, itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, note: '' });
    t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: 0 }, note: '' });
    const s = t.core.summary.compute(a, '2025-06-30');
    const status = (code: string) => s.items.find((i) => i.itemCode === code)?.status;
    expect(status('SAF-01')).toBe('partly_met'); // met, but no evidence file yet
    expect(status('SAF-03')).toBe('not_met');
    expect(status('SAF-04')).toBe('not_applicable'); // no school bus
    expect(status('EDU-01')).toBe('unanswered');
    expect(s.items).toHaveLength(9);
  });

  test('a data folder is opened by one core at a time', () => {
    expect(() => createCore({ dataDir: t.dir, mode: 'cli', seedTemplate: fixtureTemplate })).toThrow(DataDirLockedError);
    t.core.close();
    const again = createCore({ dataDir: t.dir, mode: 'cli', seedTemplate: fixtureTemplate, purgeAtStart: false });
    expect(again.templates.list()).toHaveLength(1);
    t.core = again;
  });
});
