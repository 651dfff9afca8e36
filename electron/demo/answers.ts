// Answers a real school might give: most items met, some partly, some not, some left open.
import type { AnswerValue } from '../../shared/domain/answer';
import type { SchoolProfile } from '../../shared/domain/profile';
import type { Item, Target } from '../../shared/template/schema';
import { effectiveTarget } from '../../shared/status/compute';
import type { Rng } from './random';

export type DemoOutcome = 'met' | 'partly' | 'not_met' | 'unanswered';

/** Roughly 60 % met, 12 % partly (usually short of evidence), 13 % not met, 15 % open. */
export function pickOutcome(rng: Rng): DemoOutcome {
  const x = rng.next();
  return x < 0.6 ? 'met' : x < 0.72 ? 'partly' : x < 0.85 ? 'not_met' : 'unanswered';
}

const NOTES: Record<Exclude<DemoOutcome, 'unanswered'>, readonly string[]> = {
  met: ['', '', '', '材料已归档至档案室。', '经校务会研究通过。', '相关记录由办公室统一保管。'],
  partly: ['部分佐证材料待补充。', '本学期已启动,下学期完善。', '记录不完整,正在补录。'],
  not_met: ['受条件限制暂未落实,已列入整改清单。', '已向教育局申请支持。', '计划下学年解决。'],
};

function figure(target: Target | undefined, meets: boolean, rng: Rng, isPercent: boolean): number {
  const clamp = (v: number): number => (isPercent ? Math.max(0, Math.min(100, v)) : Math.max(0, v));
  if (!target) return rng.int(8, 40);
  switch (target.op) {
    case 'gte':
      return clamp(meets ? (isPercent ? Math.min(100, target.value + rng.int(0, 4)) : target.value + rng.int(0, Math.max(2, Math.round(target.value * 0.3)))) : Math.floor(target.value * 0.7));
    case 'lte':
      return clamp(meets ? Math.max(0, target.value - rng.int(0, Math.round(target.value * 0.2))) : Math.ceil(target.value * 1.4) + 1);
    case 'eq':
      return clamp(meets ? target.value : target.value + 1);
    case 'between':
      return clamp(meets ? Math.round((target.min + target.max) / 2) : target.max + 1);
  }
}

/** The value (and note) to save for an item, or null to leave it unanswered. */
export function demoAnswer(item: Item, outcome: DemoOutcome, profile: SchoolProfile, rng: Rng): { value: AnswerValue; note: string } | null {
  if (outcome === 'unanswered') return null;
  const meets = outcome !== 'not_met';
  const note = rng.pick(NOTES[outcome]);
  switch (item.type) {
    case 'yes_no':
      return { value: { type: 'yes_no', value: meets ? item.expected : !item.expected }, note };
    case 'number':
      return { value: { type: 'number', value: figure(effectiveTarget(item, profile), meets, rng, false) }, note };
    case 'percentage':
      return { value: { type: 'percentage', value: figure(effectiveTarget(item, profile), meets, rng, true) }, note };
    case 'single_choice': {
      const options = item.options.filter((o) => o.meets === meets);
      return options.length ? { value: { type: 'single_choice', value: rng.pick(options).value }, note } : null;
    }
    case 'multi_choice': {
      const chosen = new Set(item.required);
      const others = item.options.map((o) => o.value).filter((v) => !chosen.has(v));
      while (chosen.size < Math.max(item.minSelected, item.required.length + 2) && others.length)
        chosen.add(others.splice(rng.int(0, others.length - 1), 1)[0]!);
      if (!meets) chosen.delete(item.required[0] ?? [...chosen][0]!);
      return { value: { type: 'multi_choice', values: [...chosen] }, note };
    }
    case 'text':
      return {
        value: { type: 'text', value: meets ? '学校已制定相关制度,明确责任分工,按学期检查落实情况并形成书面记录。' : '待完善。' },
        note,
      };
    case 'checklist': {
      const parts = item.parts.map((p) => p.value);
      if (outcome === 'met') return { value: { type: 'checklist', parts }, note };
      const keep = outcome === 'partly' ? Math.max(1, parts.length - rng.int(1, 2)) : 0;
      return { value: { type: 'checklist', parts: parts.slice(0, keep) }, note };
    }
    case 'event_log':
      return note ? { value: { type: 'event_log' }, note } : null;
  }
}
