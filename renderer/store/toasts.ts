// Short messages at the bottom of the window (announced by an aria-live region),
// optionally with one action such as Undo. A toast's clock stops while the pointer is on it
// or focus is in it (WCAG 2.2.1: nobody should lose an Undo while reaching for it), and a
// toast with an action lives long enough to be reached from far down a long list.
import { create } from 'zustand';

export type ToastText = { key: string; params?: Record<string, unknown> } | { error: unknown };

export interface Toast {
  id: number;
  text: ToastText;
  tone: 'info' | 'error';
  action?: { labelKey: string; run: () => void | Promise<void> };
}

export const TOAST_MS = 6_000;
export const ACTION_TOAST_MS = 30_000;

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>, ttlMs?: number): number;
  dismiss(id: number): void;
  /** Stop the toast's clock (hovered or focused); resume gives it back the time it had left. */
  pause(id: number): void;
  resume(id: number): void;
  /** Runs the newest toast's action (the keyboard shortcut for Undo); false when there is none. */
  runLatestAction(): boolean;
}

/** The clocks live outside the state: they are not something a component renders. */
const clocks = new Map<number, { timer: ReturnType<typeof setTimeout> | null; left: number; since: number }>();
let nextId = 1;

export const useToasts = create<ToastState>((set, get) => {
  const start = (id: number, ms: number) => {
    clocks.set(id, { timer: setTimeout(() => get().dismiss(id), ms), left: ms, since: Date.now() });
  };
  return {
    toasts: [],
    push(toast, ttlMs = toast.action ? ACTION_TOAST_MS : TOAST_MS) {
      const id = nextId++;
      const kept = get().toasts.slice(-3);
      for (const old of get().toasts) if (!kept.includes(old)) get().dismiss(old.id);
      set({ toasts: [...kept, { ...toast, id }] });
      start(id, ttlMs);
      return id;
    },
    dismiss(id) {
      const clock = clocks.get(id);
      if (clock?.timer) clearTimeout(clock.timer);
      clocks.delete(id);
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    pause(id) {
      const clock = clocks.get(id);
      if (!clock?.timer) return;
      clearTimeout(clock.timer);
      clocks.set(id, { timer: null, left: Math.max(0, clock.left - (Date.now() - clock.since)), since: Date.now() });
    },
    resume(id) {
      const clock = clocks.get(id);
      if (!clock || clock.timer) return;
      // Never less than a few seconds: moving the pointer away should not make it vanish at once.
      start(id, Math.max(clock.left, 4_000));
    },
    runLatestAction() {
      const toast = [...get().toasts].reverse().find((t) => t.action);
      if (!toast?.action) return false;
      get().dismiss(toast.id);
      Promise.resolve(toast.action.run()).catch(toastError);
      return true;
    },
  };
});

export const toastError = (error: unknown) => useToasts.getState().push({ text: { error }, tone: 'error' });
export const toastInfo = (key: string, params?: Record<string, unknown>) => useToasts.getState().push({ text: { key, params }, tone: 'info' });
