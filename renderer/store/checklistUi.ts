// Checklist filters and folded areas survive a visit to an item page.
import { create } from 'zustand';
import { NO_FILTERS, type ChecklistFilters } from '../logic/checklistFilter';

interface ChecklistUiState {
  filters: ChecklistFilters;
  collapsed: Record<string, boolean>;
  setFilters(patch: Partial<ChecklistFilters>): void;
  toggleArea(code: string): void;
}

export const useChecklistUi = create<ChecklistUiState>((set, get) => ({
  filters: NO_FILTERS,
  collapsed: {},
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  toggleArea: (code) => set({ collapsed: { ...get().collapsed, [code]: !get().collapsed[code] } }),
}));
