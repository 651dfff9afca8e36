// Moving a school from one template version to the next (issue 9 §4): what
// carries over and what needs a fresh answer, from the new template's code map.
// Pure: the store applies the plan in one transaction.
//
// Rules:
// - Answers carry only on rows marked `carry` (meaning unchanged), and only
//   when the answer still fits the new point's type.
// - Evidence links carry on every row that maps an old item to new points
//   (same, reworded, retyped, split, merged): the files still prove the topic;
//   the school checks them when it answers afresh.
// - Events are dated records of one kind, not of an item: they carry when the
//   new template knows their kind; the others are listed.
// - Every new point without a carried answer needs a fresh one (event points
//   are answered by their events and are not listed).
import type { AnswerValue } from '../domain/answer';
import { allItems, type Template } from './schema';

export interface PreviousAssessment {
  template: Template;
  answers: Record<string, AnswerValue | null>;
  /** Evidence file ids linked to each old item. */
  evidence: Record<string, readonly string[]>;
  /** Event kinds recorded in the old assessment. */
  eventKinds: readonly string[];
}

export interface MigrationPlan {
  answers: { from: string; to: string; value: AnswerValue }[];
  evidence: { from: string; to: string; fileIds: readonly string[] }[];
  eventKinds: { carried: string[]; dropped: string[] };
  /** New points that need a fresh answer, in template order. */
  fresh: string[];
}

export class MigrationError extends Error {}

export function planMigration(next: Template, previous: PreviousAssessment): MigrationPlan {
  const pred = next.predecessor;
  if (!pred) throw new MigrationError(`template ${next.id} ${next.version} names no predecessor to move from`);
  if (pred.id !== previous.template.id || pred.version !== previous.template.version)
    throw new MigrationError(
      `template ${next.id} ${next.version} moves from ${pred.id} ${pred.version}, not from ${previous.template.id} ${previous.template.version}`,
    );
  const newItems = new Map(allItems(next).map((i) => [i.code, i]));
  const answers: MigrationPlan['answers'] = [];
  const evidence: MigrationPlan['evidence'] = [];
  for (const row of pred.map) {
    for (const from of row.from) {
      const files = previous.evidence[from] ?? [];
      for (const to of row.to) if (files.length > 0) evidence.push({ from, to, fileIds: files });
      const value = previous.answers[from];
      const to = row.to[0];
      if (!row.carry || !value || value.type === 'event_log' || !to || row.to.length !== 1) continue;
      if (newItems.get(to)?.type === value.type) answers.push({ from, to, value });
    }
  }
  const kinds = new Set(next.eventKinds.map((k) => k.code));
  const answered = new Set(answers.map((a) => a.to));
  return {
    answers,
    evidence,
    eventKinds: {
      carried: previous.eventKinds.filter((k) => kinds.has(k)),
      dropped: previous.eventKinds.filter((k) => !kinds.has(k)),
    },
    fresh: allItems(next)
      .filter((i) => i.type !== 'event_log' && !answered.has(i.code))
      .map((i) => i.code),
  };
}
