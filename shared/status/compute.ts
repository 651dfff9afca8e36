// The status of every checklist item and the figures built on them. Pure: the
// main process, the reports and the UI all call this with the same inputs and
// get the same answer. The rules live next to the code that applies them:
//   applies.ts   not applicable (school type, profile conditions)
//   values.ts    answered values against targets and choices
//   targets.ts   number / percentage targets and school-type overrides
//   frequency.ts what a frequency rule asks of the period
//   eventStatus.ts recorded events against that
//   summary.ts   area and overall figures, failed key items
// and the evidence rule is below.
import type { AnswerValue } from '../domain/answer';
import type { SchoolProfile } from '../domain/profile';
import type { AssessmentSummary, ItemStatus } from '../domain/status';
import type { Item, Template } from '../template/schema';
import { notApplicable } from './applies';
import { judgeEvents } from './eventStatus';
import { checkPeriod, type AssessmentPeriod } from './frequency';
import { reason } from './reasonKeys';
import { failedKeyItems, summarize, type ItemWithStatus } from './summary';
import { judgeValue, type Judgement } from './values';

export interface SummaryEvent {
  kind: string;
  date: string;
  evidenceIds: string[];
}

export interface SummaryInput {
  template: Template;
  profile: SchoolProfile | null;
  assessment: AssessmentPeriod & { id: string };
  /** By item code; a missing code or null means unanswered. */
  answers: Record<string, AnswerValue | null>;
  /**
   * Ids of the non-deleted evidence files linked directly to the item, by item code.
   * Ids, not counts: a file may also be linked to an event the item counts, and is counted once.
   */
  evidenceIds: Record<string, readonly string[]>;
  /** Non-deleted events (of any kind, any date: the rules pick theirs). */
  events: SummaryEvent[];
  /** 'YYYY-MM-DD': the day the status is computed for. */
  asOf: string;
}

/**
 * The status of one item.
 *
 * Evidence rule: an item's evidence count is the number of distinct files among
 * those linked directly to it and, for event_log items, those linked to the
 * events counted for it (a file linked both ways counts once).
 * When that is below the item's minCount:
 * - a value that meets the target becomes partly_met, the evidence reason first;
 * - partly_met and not_met stay as they are, the evidence reason added last;
 * - unanswered items get no evidence reason (nothing to prove yet).
 * Not applicable items require no evidence (evidenceRequired 0).
 */
export function computeItemStatus(item: Item, input: SummaryInput): ItemStatus {
  const files = new Set(input.evidenceIds[item.code] ?? []);
  const na = notApplicable(item, input.profile);
  if (na) return { itemCode: item.code, status: 'not_applicable', reasons: [na], evidenceCount: files.size, evidenceRequired: 0 };

  const need = item.evidence.minCount;
  if (item.type === 'event_log') {
    const j = judgeEvents(item.frequency, input.assessment, input.asOf, input.template.holidayMonths, input.events);
    for (const e of j.counted) for (const id of e.evidenceIds) files.add(id);
    const have = files.size;
    return {
      itemCode: item.code,
      ...withEvidence(j, have, need),
      evidenceCount: have,
      evidenceRequired: need,
      eventCount: j.counted.length,
      eventRequired: j.required,
    };
  }
  const j = judgeValue(item, input.answers[item.code], input.profile);
  return { itemCode: item.code, ...withEvidence(j, files.size, need), evidenceCount: files.size, evidenceRequired: need };
}

/** Every item's status, per-area and overall figures, and the failed key items. */
export function computeSummary(input: SummaryInput, now: Date = new Date()): AssessmentSummary {
  checkPeriod(input.assessment, input.asOf);
  // Each event rule looks at its own kind only: hand it just those events.
  const eventsByKind = new Map<string, SummaryEvent[]>();
  for (const e of input.events) {
    const list = eventsByKind.get(e.kind);
    if (list) list.push(e);
    else eventsByKind.set(e.kind, [e]);
  }
  const statusOf = (item: Item): ItemStatus =>
    computeItemStatus(item, item.type === 'event_log' ? { ...input, events: eventsByKind.get(item.frequency.eventKind) ?? [] } : input);
  const perArea = input.template.areas.map((area) => ({
    areaCode: area.code,
    entries: area.items.map((item): ItemWithStatus => ({ item, status: statusOf(item) })),
  }));
  const all = perArea.flatMap((a) => a.entries);
  return {
    assessmentId: input.assessment.id,
    items: all.map((e) => e.status),
    areas: perArea.map((a) => ({ areaCode: a.areaCode, ...summarize(a.entries) })),
    overall: summarize(all),
    failedKeyItems: failedKeyItems(all),
    computedAt: now.toISOString(),
  };
}

/** Only status and reasons: a judgement may carry more (counted events) that ItemStatus must not. */
function withEvidence(j: Judgement, have: number, need: number): Judgement {
  if (j.status === 'unanswered' || have >= need) return { status: j.status, reasons: j.reasons };
  const short = reason('reason.evidence.short', { have, need });
  // "Meets the requirement" beside a 部分达标 badge would contradict it: say what does meet.
  const answerOnly = j.reasons.map((r) => (r.key === 'reason.met.value' || r.key === 'reason.met.noTarget' ? reason('reason.met.answerOnly') : r));
  if (j.status === 'met') return { status: 'partly_met', reasons: [short, ...answerOnly] };
  return { status: j.status, reasons: [...j.reasons, short] };
}

// What the UI and the reports need besides the two functions above.
export { effectiveTarget, meetsTarget } from './targets';
export { requiredEvents, eventsInPeriod, type AssessmentPeriod, type EventBucket, type EventRequirement } from './frequency';
export { summarize, failedKeyItems, type Figures, type ItemWithStatus } from './summary';
export { REASON_KEYS, REASON_PARAMS, type ReasonKey } from './reasonKeys';
