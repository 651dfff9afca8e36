import { useToasts } from '../store/toasts';
import { useT } from '../i18n/setup';
import { useErrorText } from './ErrorText';

export function Toasts() {
  const { t } = useT();
  const { toasts, dismiss } = useToasts();
  const errorTextOf = useErrorText();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span>{'error' in toast.text ? errorTextOf(toast.text.error) : t(toast.text.key, toast.text.params)}</span>
          {toast.action && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                dismiss(toast.id);
                void toast.action?.run();
              }}
            >
              {t(toast.action.labelKey)}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
