// The toasts, and the ways to reach a toast's Undo from anywhere: Ctrl+Z (⌘Z) outside text
// fields runs it, its clock stops while hovered or focused, and when a focused toast goes away
// focus returns to where the user came from instead of falling to the page's start.
import { useEffect, useRef } from 'react';
import { useToasts, type Toast } from '../store/toasts';
import { useT } from '../i18n/setup';
import { useErrorText } from './ErrorText';

/** Where Ctrl+Z belongs to the browser's own text undo. */
function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

export const UNDO_SHORTCUT = 'Control+Z';

export function Toasts() {
  const { t } = useT();
  const { toasts, dismiss, pause, resume, runLatestAction } = useToasts();
  const errorTextOf = useErrorText();
  const region = useRef<HTMLDivElement>(null);
  /** The element focus came from when it entered the toasts. */
  const cameFrom = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || editsText(e.target)) return;
      if (runLatestAction()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runLatestAction]);

  // A toast that held focus has gone: give focus back rather than lose it to <body>.
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const back = cameFrom.current;
    if (!back) return;
    cameFrom.current = null;
    (back.isConnected ? back : document.getElementById('main'))?.focus();
  }, [toasts]);

  const close = (toast: Toast, run: boolean) => {
    dismiss(toast.id);
    if (run) runAction(toast);
  };

  return (
    <div
      ref={region}
      className="toasts"
      role="status"
      aria-live="polite"
      onFocus={(e) => {
        if (e.relatedTarget instanceof HTMLElement && !region.current?.contains(e.relatedTarget)) cameFrom.current = e.relatedTarget;
      }}
      onBlur={(e) => {
        if (e.relatedTarget instanceof HTMLElement && !region.current?.contains(e.relatedTarget)) cameFrom.current = null;
      }}
    >
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.tone}`}
          data-toast-id={toast.id}
          onMouseEnter={() => pause(toast.id)}
          onMouseLeave={() => resume(toast.id)}
          onFocus={() => pause(toast.id)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget)) resume(toast.id);
          }}
        >
          <span>{'error' in toast.text ? errorTextOf(toast.text.error) : t(toast.text.key, toast.text.params)}</span>
          {toast.action && (
            <button type="button" className="button button-small" aria-keyshortcuts={UNDO_SHORTCUT} onClick={() => close(toast, true)}>
              {t(toast.action.labelKey)} <kbd className="toast-key">{t('a11y.undoKey')}</kbd>
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={() => close(toast, false)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

function runAction(toast: Toast): void {
  Promise.resolve(toast.action?.run()).catch((error: unknown) => useToasts.getState().push({ text: { error }, tone: 'error' }));
}
