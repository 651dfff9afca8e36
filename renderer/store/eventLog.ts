// The event log: dated activities that event_log items count.
import { create } from 'zustand';
import type { EventInput, SchoolEvent } from '../../shared/domain/event';
import { api } from '../bridge';
import { tracked } from './saveState';
import { useAssessment } from './assessment';
import { useToasts } from './toasts';

interface EventsState {
  events: SchoolEvent[];
  loaded: boolean;
  load(): Promise<void>;
  save(input: EventInput): Promise<SchoolEvent>;
  remove(id: string): Promise<void>;
  undelete(id: string): Promise<void>;
  /** Re-read one event (its evidence list changes when a file is attached). */
  refresh(): Promise<void>;
}

const byDateDesc = (a: SchoolEvent, b: SchoolEvent) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);

export const useEvents = create<EventsState>((set, get) => {
  const put = (event: SchoolEvent) => {
    const others = get().events.filter((e) => e.id !== event.id);
    set({ events: (event.deletedAt ? others : [...others, event]).sort(byDateDesc) });
  };
  return {
    events: [],
    loaded: false,
    async load() {
      const events = await api().call('events.list', {});
      set({ events: [...events].sort(byDateDesc), loaded: true });
    },
    async refresh() {
      await get().load();
    },
    async save(input) {
      const saved = await tracked(() => api().call('events.save', input));
      put(saved);
      await useAssessment.getState().refreshSummary();
      return saved;
    },
    async remove(id) {
      const event = get().events.find((e) => e.id === id);
      put(await tracked(() => api().call('events.delete', { id })));
      await useAssessment.getState().refreshSummary();
      useToasts.getState().push({
        text: { key: 'events.deleted', params: { title: event?.title ?? '' } },
        tone: 'info',
        action: { labelKey: 'common.undo', run: () => get().undelete(id) },
      });
    },
    async undelete(id) {
      put(await tracked(() => api().call('events.undelete', { id })));
      await useAssessment.getState().refreshSummary();
    },
  };
});
