// A frozen (exported) assessment keeps the figures it was exported with: nothing done
// afterwards to evidence, events, the profile or the calendar changes its summary.
// Deleting a file it links is refused, naming it, until a newer version continues it.
import { ApiError } from '../../shared/api/define';
import { createFixtureAssessment, fixtureProfile, openTestCore, type TestCore } from '../fixtures/core';
import { jpeg, pdf } from '../fixtures/files';

let t: TestCore;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2024-11-20T02:00:00.000Z');
  t = openTestCore({ now: () => new Date(clock) });
});
afterEach(() => t.cleanup());

const refusal = (fn: () => unknown): { code: string; key: string; params: unknown } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, key: e.message, params: e.params };
    throw e;
  }
  throw new Error('expected a refusal');
};

async function exportedAssessment() {
  const core = t.core;
  core.profile.save(fixtureProfile);
  const a = createFixtureAssessment(core);
  core.answers.save({ assessmentId: a, itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, note: '' });
  const plan = await core.evidence.import({ name: 'plan.pdf', bytes: pdf('plan'), link: { assessmentId: a, itemCode: 'SAF-01' } });
  const drill = core.events.save({ kind: 'fire_drill', date: '2024-10-15', title: '十月演练', participants: 300, note: '' });
  const photo = await core.evidence.import({ name: 'drill.jpg', bytes: await jpeg(64, 48), eventId: drill.id });
  core.assessments.freeze(a);
  return { a, plan, drill, photo };
}

test('events, event files, the profile and the clock no longer move a frozen summary', async () => {
  const { a, drill, photo } = await exportedAssessment();
  const before = t.core.summary.compute(a);
  const saf02 = before.items.find((i) => i.itemCode === 'SAF-02');
  expect(saf02).toMatchObject({ eventCount: 1, evidenceCount: 1 });

  // Each of these would change a live summary; they stay allowed (events and files are
  // the school's, and a continued version needs them) but the frozen figures stay.
  t.core.events.save({ kind: 'fire_drill', date: '2024-11-12', title: '十一月演练', participants: 280, note: '' });
  t.core.events.save({ ...drill, date: '2025-07-01' });
  t.core.evidence.delete(photo.id);
  t.core.profile.save({ ...fixtureProfile, hasSchoolBus: true });
  clock = Date.parse('2025-06-30T02:00:00.000Z');
  t.core.events.delete(drill.id);

  expect(t.core.summary.compute(a)).toEqual(before);
  expect(t.core.summary.compute(a, '2025-08-31')).toEqual(before); // a frozen summary has no "as of"
  t.reopen();
  expect(t.core.summary.compute(a)).toEqual(before);

  // A new version starts from today's facts.
  const next = t.core.assessments.continueFrozen(a, 'me');
  const live = t.core.summary.compute(next.id);
  expect(live.items.find((i) => i.itemCode === 'SAF-02')).toMatchObject({ eventCount: 1, evidenceCount: 0 });
  expect(live.items.find((i) => i.itemCode === 'SAF-04')?.status).not.toBe('not_applicable');
  expect(t.core.summary.compute(a)).toEqual(before);
});

test('a file a frozen assessment links can be neither deleted nor unlinked until a new version continues it', async () => {
  const { a, plan } = await exportedAssessment();
  const before = t.core.summary.compute(a);

  expect(refusal(() => t.core.evidence.delete(plan.id))).toEqual({
    code: 'conflict',
    key: 'evidence.inFrozenAssessment',
    params: { id: a, label: '2024–2025 学年', version: 1 },
  });
  expect(refusal(() => t.core.evidence.unlink(plan.id, { assessmentId: a, itemCode: 'SAF-01' }))).toMatchObject({
    code: 'conflict',
    key: 'assessment.frozen',
  });
  expect(t.core.evidence.get(plan.id)).toMatchObject({ deletedAt: null, links: [{ assessmentId: a, itemCode: 'SAF-01' }] });
  expect(t.core.summary.compute(a)).toEqual(before);

  // Continued: the new version can drop the file, and then it can be deleted.
  const next = t.core.assessments.continueFrozen(a, 'me');
  t.core.evidence.unlink(plan.id, { assessmentId: next.id, itemCode: 'SAF-01' });
  expect(t.core.evidence.delete(plan.id).deletedAt).not.toBeNull();
  expect(t.core.summary.compute(a)).toEqual(before);
});

test('freezing stores the summary with the assessment; the database keeps it fixed', async () => {
  const { a } = await exportedAssessment();
  const row = t.core.db.prepare('SELECT frozen_summary FROM assessments WHERE id = ?').get(a) as { frozen_summary: string | null };
  expect(JSON.parse(row.frozen_summary ?? 'null')).toEqual(t.core.summary.compute(a));
  expect(() => t.core.db.prepare("UPDATE assessments SET frozen_summary = '{}' WHERE id = ?").run(a)).toThrow(/frozen/);
  expect(() => t.core.db.prepare('UPDATE assessments SET frozen_at = NULL, frozen_summary = NULL WHERE id = ?').run(a)).toThrow(/frozen/);
});
