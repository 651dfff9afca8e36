// Targets of number and percentage items, and the school-type overrides.
import type { SchoolProfile } from '../domain/profile';
import type { Reason } from '../domain/status';
import type { Item, Target } from '../template/schema';
import { reason } from './reasonKeys';

/** Figures are typed by hand; tolerate float noise such as 0.1 + 0.2 in "eq" checks. */
const EPSILON = 1e-9;

/**
 * The target that holds for this school, or undefined when the item has none.
 * Rule: the first override listing the profile's school type wins; otherwise the
 * item's own target. Without a profile the item's own target holds.
 * Items that are neither number nor percentage have no target.
 */
export function effectiveTarget(item: Item, profile: SchoolProfile | null): Target | undefined {
  if (item.type !== 'number' && item.type !== 'percentage') return undefined;
  const override = profile ? item.targetOverrides?.find((o) => o.schoolTypes.includes(profile.schoolType)) : undefined;
  return override ? override.target : item.target;
}

export function meetsTarget(value: number, target: Target): boolean {
  switch (target.op) {
    case 'gte':
      return value >= target.value - EPSILON;
    case 'lte':
      return value <= target.value + EPSILON;
    case 'eq':
      return Math.abs(value - target.value) <= EPSILON;
    case 'between':
      return value >= target.min - EPSILON && value <= target.max + EPSILON;
  }
}

/** The unit as message parameters: zh attaches directly ("4节"), en gets a space unless it is "%". */
export function unitParams(item: Item): { unitZh: string; unitEn: string } {
  if (item.type === 'percentage') return { unitZh: '%', unitEn: '%' };
  if (item.type === 'number') return { unitZh: item.unit['zh-CN'], unitEn: ` ${item.unit.en}` };
  return { unitZh: '', unitEn: '' };
}

/** Why `value` misses `target` (the caller has checked that it does). */
export function missedTargetReason(value: number, target: Target, unit: { unitZh: string; unitEn: string }): Reason {
  switch (target.op) {
    case 'gte':
      return reason('reason.value.belowTarget', { value, target: target.value, ...unit });
    case 'lte':
      return reason('reason.value.aboveTarget', { value, target: target.value, ...unit });
    case 'eq':
      return reason('reason.value.notEqual', { value, target: target.value, ...unit });
    case 'between':
      return reason('reason.value.outOfRange', { value, min: target.min, max: target.max, ...unit });
  }
}
