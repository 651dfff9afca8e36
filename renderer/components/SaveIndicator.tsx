import { useSaveState } from '../store/saveState';
import { useT } from '../i18n/setup';
import { formatTime } from '../logic/format';
import { useErrorText } from './ErrorText';

/** "已保存 10:42" only after the back end confirmed the write. */
export function SaveIndicator() {
  const { t, locale } = useT();
  const { pending, savedAt, error, retry } = useSaveState();
  const errorTextOf = useErrorText();
  let content;
  if (pending > 0) content = <span className="save save-busy">{t('save.saving')}</span>;
  else if (error)
    content = (
      <span className="save save-error" title={errorTextOf(error)}>
        {t('save.failed')}
        {retry && (
          <button type="button" className="link-button" onClick={retry}>
            {t('save.retry')}
          </button>
        )}
      </span>
    );
  else if (savedAt) content = <span className="save save-ok">{t('save.savedAt', { time: formatTime(savedAt, locale) })}</span>;
  // The bar may cut this one short on a narrow window: the title keeps it readable.
  else content = <span className="save save-idle" title={t('save.idle')}>{t('save.idle')}</span>;
  return (
    <div className="save-indicator" role="status" aria-live="polite" data-testid="save-indicator">
      {content}
    </div>
  );
}
