// The save indicator's source of truth: "saving…" while any write is in flight,
// "saved HH:MM" only after the back end confirmed the write (it commits before it answers).
import { create } from 'zustand';
import { ApiError } from '../../shared/api/define';

/**
 * Whether sending the same write again could succeed: a network or disk hiccup could,
 * but a refusal (a refused file, bad input, a conflict, a frozen assessment) would only
 * be refused again, so it gets no "retry" that re-sends it.
 */
export const worthRetrying = (error: unknown): boolean => !(error instanceof ApiError) || error.code === 'io' || error.code === 'internal';

interface SaveState {
  pending: number;
  savedAt: Date | null;
  error: unknown;
  retry: (() => void) | null;
  /** Wraps a write; `retry` is offered when it fails. */
  track<T>(write: () => Promise<T>): Promise<T>;
}

export const useSaveState = create<SaveState>((set, get) => ({
  pending: 0,
  savedAt: null,
  error: null,
  retry: null,
  async track(write) {
    set({ pending: get().pending + 1 });
    try {
      const result = await write();
      set({ pending: get().pending - 1, savedAt: new Date(), error: null, retry: null });
      return result;
    } catch (error) {
      if (worthRetrying(error)) set({ pending: get().pending - 1, error, retry: () => void get().track(write).catch(() => undefined) });
      // A refusal is told by its own message (toast, conflict dialog); the indicator does not stay on "failed".
      else set({ pending: get().pending - 1, error: null, retry: null });
      throw error;
    }
  },
}));

export const tracked = <T>(write: () => Promise<T>): Promise<T> => useSaveState.getState().track(write);
