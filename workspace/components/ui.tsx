// Small presentational pieces of the workspace (its own, not the school app's:
// those are tied to the app's i18n instance and store).
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { onLinkClick } from '../router';
import { useT } from '../i18n';

export function Link(props: { href: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} className={props.className} aria-current={props['aria-current']} onClick={onLinkClick}>
      {props.children}
    </a>
  );
}

export function errorText(e: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e instanceof ApiError && e.code === 'network') return t('error.network', { detail: e.message });
  return e instanceof Error ? e.message : String(e);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  return (
    <div className="ws-error" role="alert">
      <strong>{t('error.title')}</strong> <span>{errorText(error, t)}</span>
      {onRetry && (
        <button type="button" className="ws-btn ws-btn-small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p className="ws-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="ws-empty">{children}</p>;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; data: T };

/** Loads once per key; reload() fetches again (after a change) without clearing what is shown. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload: () => void } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (data) => live && setValue({ state: 'done', data }),
      (error: unknown) => live && setValue({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  useEffect(() => setValue({ state: 'loading' }), [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...value, reload };
}

/** A labelled field: the label is tied to the control by id, the hint by aria-describedby. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="ws-field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <small id={hintId} className="ws-hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A horizontal stacked bar of counts, drawn in SVG; the caller gives the text alternative. */
export function StackedBar({ parts, total, label, height = 18 }: { parts: { value: number; className: string }[]; total: number; label: string; height?: number }) {
  let x = 0;
  const whole = Math.max(total, 1);
  return (
    <svg className="ws-bar" role="img" aria-label={label} viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height}>
      <title>{label}</title>
      <rect x="0" y="0" width="100" height={height} className="seg-empty" />
      {parts.map((p, i) => {
        const w = (p.value / whole) * 100;
        const r = <rect key={i} x={x} y="0" width={w} height={height} className={p.className} />;
        x += w;
        return r;
      })}
    </svg>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  return <progress className="ws-progress" value={value} max={Math.max(max, 1)} aria-label={label} title={label} />;
}

/** A modal dialog (the native <dialog>: focus is trapped and Escape closes it). */
export function ConfirmDialog({ open, title, text, yes, no, onYes, onNo }: { open: boolean; title: string; text: string; yes: string; no: string; onYes: () => void; onNo: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="ws-dialog" aria-labelledby={titleId} onCancel={onNo}>
      <h2 id={titleId}>{title}</h2>
      <p>{text}</p>
      <div className="ws-actions">
        <button type="button" className="ws-btn ws-btn-primary" onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="ws-btn" onClick={onNo} autoFocus>
          {no}
        </button>
      </div>
    </dialog>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return <span className={`ws-badge st-${status}`}>{t(`status.${status}`)}</span>;
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useT();
  return <span className={`ws-badge sub-${state}`}>{t(`state.${state}`)}</span>;
}
