// Which checklist rows show under the current filters. Pure, so it is unit-tested.
import type { Area, Item, Template } from '../../shared/template/schema';
import type { ItemStatus, ItemStatusKind } from '../../shared/domain/status';
import type { Locale } from '../../shared/domain/settings';
import { pick } from './format';

export interface ChecklistFilters {
  statuses: ItemStatusKind[]; // empty = any status
  missingEvidence: boolean;
  keyOnly: boolean;
  search: string;
}

export const NO_FILTERS: ChecklistFilters = { statuses: [], missingEvidence: false, keyOnly: false, search: '' };

export const isFiltering = (f: ChecklistFilters): boolean => f.statuses.length > 0 || f.missingEvidence || f.keyOnly || f.search.replace(/\u3000/g, ' ').trim() !== '';

export function lacksEvidence(status: ItemStatus | undefined): boolean {
  return !!status && status.status !== 'not_applicable' && status.evidenceCount < status.evidenceRequired;
}

export function itemMatches(item: Item, status: ItemStatus | undefined, f: ChecklistFilters, locale: Locale): boolean {
  if (f.keyOnly && !item.key) return false;
  if (f.statuses.length > 0 && !f.statuses.includes(status?.status ?? 'unanswered')) return false;
  if (f.missingEvidence && !lacksEvidence(status)) return false;
  // Every word of the query must occur ("消防 演练"); words are split at ASCII and full-width spaces.
  const words = f.search.toLowerCase().split(/[\s\u3000]+/).filter((w) => w !== '');
  if (words.length > 0) {
    const hay = `${item.code} ${pick(item.title, locale)}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

export interface AreaRows {
  area: Area;
  items: Item[];
}

export function filterChecklist(template: Template, statuses: Map<string, ItemStatus>, f: ChecklistFilters, locale: Locale): AreaRows[] {
  return template.areas
    .map((area) => ({ area, items: area.items.filter((item) => itemMatches(item, statuses.get(item.code), f, locale)) }))
    .filter((a) => a.items.length > 0);
}

/**
 * Items that still need work (unanswered, not met, partly met), most important first:
 * key items (一票否决), then by weight, then in template order.
 */
export function missingItems(template: Template, statuses: Map<string, ItemStatus>): { item: Item; status: ItemStatus }[] {
  const out: { item: Item; status: ItemStatus }[] = [];
  for (const area of template.areas)
    for (const item of area.items) {
      const s = statuses.get(item.code);
      if (s && (s.status === 'unanswered' || s.status === 'not_met' || s.status === 'partly_met')) out.push({ item, status: s });
    }
  // Array.prototype.sort is stable: equal items keep template order.
  return out.sort((a, b) => Number(b.item.key) - Number(a.item.key) || b.item.weight - a.item.weight);
}
