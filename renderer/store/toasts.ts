// Short messages at the bottom of the window (announced by an aria-live region),
// optionally with one action such as Undo.
import { create } from 'zustand';

export type ToastText = { key: string; params?: Record<string, unknown> } | { error: unknown };

export interface Toast {
  id: number;
  text: ToastText;
  tone: 'info' | 'error';
  action?: { labelKey: string; run: () => void | Promise<void> };
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>, ttlMs?: number): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(toast, ttlMs = toast.action ? 10_000 : 5_000) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] });
    setTimeout(() => get().dismiss(id), ttlMs);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toastError = (error: unknown) => useToasts.getState().push({ text: { error }, tone: 'error' });
export const toastInfo = (key: string, params?: Record<string, unknown>) => useToasts.getState().push({ text: { key, params }, tone: 'info' });
