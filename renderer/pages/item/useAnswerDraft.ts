// The answer being edited. Clicks save at once; typing saves ~400 ms after the last key.
// The shown value follows the saved one (e.g. after a restore) only while nothing of ours is pending.
//
// Never lose a keystroke (issue 8 §2):
// - pending typing is sent at once when the page is hidden, unloaded or left
//   (pagehide, visibilitychange, beforeunload; the web bridge sends it keepalive);
// - if a save failed and its text is not on disk, leaving the page asks first;
// - a save over a revision another window saved meanwhile is refused by the back end
//   and becomes a conflict that shows both answers and lets the person choose.
import { useCallback, useEffect, useRef, useState } from 'react';
import { AnswerValue, type Answer } from '../../../shared/domain/answer';
import { ApiError } from '../../../shared/api/define';
import { useAssessment } from '../../store/assessment';
import { toastError } from '../../store/toasts';

export const TYPING_DELAY_MS = 400;

export type SaveMode = 'now' | 'typing';

export interface Draft {
  value: AnswerValue | null;
  note: string;
}

export interface SaveConflict {
  theirs: Answer;
  mine: Draft;
}

/** The other window's answer, as the conflict error carries it. */
export function conflictAnswer(e: unknown, assessmentId: string, itemCode: string): Answer | null {
  if (!(e instanceof ApiError) || e.code !== 'conflict' || e.message !== 'answer.conflict' || !e.params) return null;
  const p = e.params;
  const value = AnswerValue.nullable().safeParse(JSON.parse(String(p.value ?? 'null')));
  if (!value.success) return null;
  return {
    assessmentId,
    itemCode,
    value: value.data,
    note: String(p.note ?? ''),
    revision: Number(p.revision),
    savedBy: String(p.savedBy ?? ''),
    savedAt: String(p.savedAt ?? ''),
  };
}

export function useAnswerDraft(itemCode: string) {
  const saved = useAssessment((s) => s.answers[itemCode]);
  const assessmentId = useAssessment((s) => s.current?.id ?? '');
  const saveAnswer = useAssessment((s) => s.saveAnswer);
  const adoptAnswer = useAssessment((s) => s.adoptAnswer);
  const [value, setValue] = useState<AnswerValue | null>(saved?.value ?? null);
  const [note, setNote] = useState(saved?.note ?? '');
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  const latest = useRef<Draft>({ value, note });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(0);
  /** A save failed and what it carried is not on disk. */
  const unsaved = useRef(false);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    inFlight.current++;
    const sent = latest.current;
    saveAnswer(itemCode, sent.value, sent.note)
      .then(() => (unsaved.current = false))
      .catch((e: unknown) => {
        const theirs = conflictAnswer(e, assessmentId, itemCode);
        if (theirs) return setConflict({ theirs, mine: sent });
        unsaved.current = true;
        toastError(e);
      })
      .finally(() => inFlight.current--);
  }, [itemCode, assessmentId, saveAnswer]);

  const change = useCallback(
    (next: { value?: AnswerValue | null; note?: string }, mode: SaveMode) => {
      latest.current = { value: next.value !== undefined ? next.value : latest.current.value, note: next.note ?? latest.current.note };
      setValue(latest.current.value);
      setNote(latest.current.note);
      if (mode === 'now') flush();
      else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, TYPING_DELAY_MS);
      }
    },
    [flush],
  );

  /** Resolves a conflict: keep mine (saved over theirs) or take theirs. */
  const resolve = useCallback(
    (keep: 'mine' | 'theirs') => {
      if (!conflict) return;
      adoptAnswer(conflict.theirs);
      setConflict(null);
      if (keep === 'mine') {
        latest.current = conflict.mine;
        flush();
      } else {
        latest.current = { value: conflict.theirs.value, note: conflict.theirs.note };
        setValue(conflict.theirs.value);
        setNote(conflict.theirs.note);
      }
    },
    [conflict, adoptAnswer, flush],
  );

  // Leaving the item page saves what was typed but not yet saved.
  useEffect(() => () => { if (timer.current) flush(); }, [flush]);

  // Leaving the page itself (reload, tab closed, window hidden): send pending typing now.
  useEffect(() => {
    const sendNow = (): void => {
      if (timer.current) flush();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') sendNow();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      sendNow();
      // Something could not be saved: let the browser ask before the text is gone.
      if (unsaved.current) e.preventDefault();
    };
    window.addEventListener('pagehide', sendNow);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', sendNow);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [flush]);

  useEffect(() => {
    if (timer.current || inFlight.current > 0 || !saved || conflict) return;
    latest.current = { value: saved.value, note: saved.note };
    setValue(saved.value);
    setNote(saved.note);
  }, [saved, conflict]);

  return { value, note, change, saved, conflict, resolve };
}
