// Moving a v1 assessment to v2: answers carry where the meaning is unchanged,
// evidence links follow the map, the rest is listed for a fresh answer.
import type { AnswerValue } from '../../shared/domain/answer';
import { MigrationError, planMigration } from '../../shared/template/migrate';
import { allItems } from '../../shared/template/schema';
import { meetingAnswer, profileOf, SCHOOL_V2, V1 } from './helpers';

const profile = profileOf('primary');
const v1Answers: Record<string, AnswerValue | null> = Object.fromEntries(allItems(V1).map((i) => [i.code, meetingAnswer(i, profile)]));
const v1Evidence = Object.fromEntries(allItems(V1).map((i) => [i.code, [`file-${i.code}`]]));
const previous = { template: V1, answers: v1Answers, evidence: v1Evidence, eventKinds: V1.eventKinds.map((k) => k.code) };

it('carries answers only on rows the map marks as unchanged, and lists the rest', () => {
  const plan = planMigration(SCHOOL_V2, previous);
  const eventPoints = new Set(allItems(SCHOOL_V2).filter((i) => i.type === 'event_log').map((i) => i.code));
  // Event points are answered by their events, which carry by kind (below).
  const carryRows = SCHOOL_V2.predecessor!.map.filter((r) => r.carry && !eventPoints.has(r.to[0]!));
  expect(plan.answers.length).toBe(carryRows.length);
  expect(plan.answers.length).toBeGreaterThan(20);
  for (const a of plan.answers) {
    const row = carryRows.find((r) => r.from.includes(a.from))!;
    expect(row.to).toEqual([a.to]);
    expect(a.value).toEqual(v1Answers[a.from]);
  }
  // Every non-event v2 point is either carried or listed as fresh, never both.
  const v2Codes = allItems(SCHOOL_V2).filter((i) => i.type !== 'event_log').map((i) => i.code);
  const carried = plan.answers.map((a) => a.to);
  expect([...carried, ...plan.fresh].sort()).toEqual(v2Codes.sort());
  // A split item's answer does not carry; its evidence goes to every part.
  const split = SCHOOL_V2.predecessor!.map.find((r) => r.change === 'split')!;
  for (const to of split.to) {
    expect(carried).not.toContain(to);
    expect(plan.evidence).toContainEqual({ from: split.from[0], to, fileIds: [`file-${split.from[0]}`] });
  }
  // Dropped items take nothing along.
  const dropped = SCHOOL_V2.predecessor!.map.find((r) => r.change === 'dropped')!;
  expect(plan.evidence.some((e) => e.from === dropped.from[0])).toBe(false);
});

it('keeps events whose kind the new template knows, and names the others', () => {
  const plan = planMigration(SCHOOL_V2, previous);
  const kinds = SCHOOL_V2.eventKinds.map((k) => k.code);
  expect(plan.eventKinds.carried.every((k) => kinds.includes(k))).toBe(true);
  expect(plan.eventKinds.dropped.every((k) => !kinds.includes(k))).toBe(true);
  expect(plan.eventKinds.carried.length + plan.eventKinds.dropped.length).toBe(previous.eventKinds.length);
});

it('refuses to move from a template that is not the predecessor', () => {
  expect(() => planMigration(SCHOOL_V2, { ...previous, template: { ...V1, version: '1.1.0' } })).toThrow(MigrationError);
  expect(() => planMigration(V1, previous)).toThrow(/no predecessor/);
});
