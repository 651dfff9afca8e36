// The summary counts each evidence file once per item, however many ways it is linked.
import { createFixtureAssessment, fixtureProfile, openTestCore, type TestCore } from '../fixtures/core';
import { jpeg } from '../fixtures/files';

let t: TestCore;
beforeEach(() => (t = openTestCore()));
afterEach(() => t.cleanup());

test('a file linked to an event_log item and to one of its counted events counts once', async () => {
  t.core.profile.save(fixtureProfile);
  const a = createFixtureAssessment(t.core);
  const drill = t.core.events.save({ kind: 'fire_drill', date: '2024-10-15', title: '消防演练', participants: 300, note: '' });
  const photo = await t.core.evidence.import({ name: 'drill.jpg', bytes: await jpeg(64, 48), eventId: drill.id });
  const evidenceOf = () => t.core.summary.compute(a, '2024-10-20').items.find((i) => i.itemCode === 'SAF-02')?.evidenceCount;
  expect(evidenceOf()).toBe(1);

  t.core.evidence.link(photo.id, { assessmentId: a, itemCode: 'SAF-02' });
  expect(evidenceOf()).toBe(1); // the same file, now linked twice

  const plan = await t.core.evidence.import({ name: 'plan.jpg', bytes: await jpeg(64, 48, { color: '#123' }), link: { assessmentId: a, itemCode: 'SAF-02' } });
  expect(plan.links).toHaveLength(1);
  expect(evidenceOf()).toBe(2); // a second, distinct file

  t.core.evidence.delete(photo.id);
  expect(evidenceOf()).toBe(1); // deleted files count nowhere
});
