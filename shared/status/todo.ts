// The monthly to-do ("本月待办"): for each applicable event_log item that asks
// for events per month / quarter / term, what the unit under way still needs
// (due this month or later in its unit) and which judged units were missed
// (overdue). Events dated after asOf are plans: they show as planned and do not
// make a unit done before their day has come.
//
// Rules:
// - The unit under way is the one containing asOf, when it falls due this month
//   (a month always; a quarter or term in its last month). It is listed when its counted
//   events (dated up to asOf) are fewer than the rule's min: 'planned' when the
//   plans dated inside it make up the rest, else 'due'.
// - A unit whose due day has passed, on or after judgeFrom, that holds fewer
//   than min events is 'overdue' (events can still be recorded for it).
// - Order: overdue first, then due, then planned; key items first within each,
//   then heavier items, then template order.
import type { Item, Template } from '../template/schema';
import { requiredEvents, type AssessmentPeriod } from './frequency';

export type TodoState = 'overdue' | 'due' | 'planned';

export interface TodoEntry {
  itemCode: string;
  eventKind: string;
  state: TodoState;
  /** The unit's label: '2024-10', '2024-Q4', a term's months. */
  unit: string;
  /** Last day to do it in ('YYYY-MM-DD'). */
  due: string;
  have: number;
  need: number;
  /** Future-dated events inside the unit. */
  planned: number;
}

const ORDER: Record<TodoState, number> = { overdue: 0, due: 1, planned: 2 };

export function monthlyTodo(
  template: Template,
  period: AssessmentPeriod,
  asOf: string,
  events: readonly { kind: string; date: string }[],
  applies: (itemCode: string) => boolean,
): TodoEntry[] {
  const judgeFrom = period.judgeFrom ?? period.startDate;
  const out: { entry: TodoEntry; item: Item; index: number }[] = [];
  let index = 0;
  for (const area of template.areas)
    for (const item of area.items) {
      index += 1;
      if (item.type !== 'event_log' || !applies(item.code)) continue;
      const req = requiredEvents(item.frequency, period, asOf, template.holidayMonths);
      if (req.mode !== 'each') continue;
      const mine = events.filter((e) => e.kind === item.frequency.eventKind);
      for (const b of req.buckets) {
        const inside = mine.filter((e) => e.date >= b.start && e.date <= b.end);
        const have = inside.filter((e) => e.date <= asOf).length;
        const planned = inside.length - have;
        if (have >= req.perBucket) continue;
        const base = { itemCode: item.code, eventKind: item.frequency.eventKind, unit: b.label, due: b.due, have, need: req.perBucket, planned };
        // A quarter or term under way is this month's to-do only in the month it falls due.
        if (b.start <= asOf && asOf <= b.end && asOf < b.due && b.due.slice(0, 7) === asOf.slice(0, 7))
          out.push({ entry: { ...base, state: have + planned >= req.perBucket ? 'planned' : 'due' }, item, index });
        else if (b.due <= asOf && b.due >= judgeFrom && !(asOf === b.due && have + planned >= req.perBucket))
          out.push({ entry: { ...base, state: asOf === b.due ? 'due' : 'overdue' }, item, index });
      }
    }
  out.sort(
    (a, b) =>
      ORDER[a.entry.state] - ORDER[b.entry.state] ||
      Number(b.item.key) - Number(a.item.key) ||
      b.item.weight - a.item.weight ||
      a.index - b.index ||
      a.entry.due.localeCompare(b.entry.due),
  );
  return out.map((o) => o.entry);
}
