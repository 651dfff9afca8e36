// Optimistic concurrency on answers: a save names the revision it started from; a save
// over a revision another window wrote meanwhile is refused with the current answer, and
// nothing is overwritten. Negative quantities are refused, and nothing saved changes.
import { ApiError } from '../../shared/api/define';
import { createFixtureAssessment, openTestCore, type TestCore } from '../fixtures/core';

let t: TestCore;
beforeEach(() => (t = openTestCore()));
afterEach(() => t.cleanup());

const caught = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

test('the second save over a stale revision is a conflict carrying the other answer; the first stays', () => {
  const a = createFixtureAssessment(t.core);
  const first = t.core.answers.save({ assessmentId: a, itemCode: 'EDU-04', value: { type: 'text', value: '第一个窗口' }, note: 'A', baseRevision: 0 });
  expect(first.revision).toBe(1);
  // Window B also started from "nothing saved" and saves later.
  const e = caught(() => t.core.answers.save({ assessmentId: a, itemCode: 'EDU-04', value: { type: 'text', value: '第二个窗口' }, note: 'B', baseRevision: 0 }));
  expect(e.code).toBe('conflict');
  expect(e.message).toBe('answer.conflict');
  expect(e.params).toMatchObject({ revision: 1, note: 'A' });
  expect(JSON.parse(String(e.params?.value))).toEqual({ type: 'text', value: '第一个窗口' });
  expect(t.core.answers.list(a).find((x) => x.itemCode === 'EDU-04')).toMatchObject({ revision: 1, note: 'A' });
  // Having seen it, B keeps its own: saved over revision 1.
  const kept = t.core.answers.save({ assessmentId: a, itemCode: 'EDU-04', value: { type: 'text', value: '第二个窗口' }, note: 'B', baseRevision: 1 });
  expect(kept.revision).toBe(2);
  expect(t.core.answers.history(a, 'EDU-04').map((r) => r.note)).toEqual(['B', 'A']);
});

test('the same state sent twice (autosave) is no conflict and no new revision', () => {
  const a = createFixtureAssessment(t.core);
  const v = { type: 'text' as const, value: '同样的内容' };
  t.core.answers.save({ assessmentId: a, itemCode: 'EDU-04', value: v, note: '', baseRevision: 0 });
  expect(t.core.answers.save({ assessmentId: a, itemCode: 'EDU-04', value: v, note: '', baseRevision: 0 }).revision).toBe(1);
});

test('a negative count is refused, naming the item, and the saved answer is unchanged', () => {
  const a = createFixtureAssessment(t.core);
  t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: 3 }, note: '' });
  const e = caught(() => t.core.answers.save({ assessmentId: a, itemCode: 'SAF-03', value: { type: 'number', value: -3 }, note: '' }));
  expect(e.code).toBe('invalid_args');
  expect(e.message).toBe('answer.negative');
  expect(e.params).toEqual({ itemCode: 'SAF-03', value: -3 });
  expect(t.core.answers.list(a).find((x) => x.itemCode === 'SAF-03')?.value).toEqual({ type: 'number', value: 3 });
});
