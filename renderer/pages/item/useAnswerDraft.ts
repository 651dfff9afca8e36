// The answer being edited. Clicks save at once; typing saves ~400 ms after the last key.
// The shown value follows the saved one (e.g. after a restore) only while nothing of ours is pending.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerValue } from '../../../shared/domain/answer';
import { useAssessment } from '../../store/assessment';
import { toastError } from '../../store/toasts';

export const TYPING_DELAY_MS = 400;

export type SaveMode = 'now' | 'typing';

export function useAnswerDraft(itemCode: string) {
  const saved = useAssessment((s) => s.answers[itemCode]);
  const saveAnswer = useAssessment((s) => s.saveAnswer);
  const [value, setValue] = useState<AnswerValue | null>(saved?.value ?? null);
  const [note, setNote] = useState(saved?.note ?? '');
  const latest = useRef({ value, note });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(0);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    inFlight.current++;
    saveAnswer(itemCode, latest.current.value, latest.current.note)
      .catch(toastError)
      .finally(() => inFlight.current--);
  }, [itemCode, saveAnswer]);

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

  // Leaving the page saves what was typed but not yet saved.
  useEffect(() => () => { if (timer.current) flush(); }, [flush]);

  useEffect(() => {
    if (timer.current || inFlight.current > 0 || !saved) return;
    latest.current = { value: saved.value, note: saved.note };
    setValue(saved.value);
    setNote(saved.note);
  }, [saved]);

  return { value, note, change, saved };
}
