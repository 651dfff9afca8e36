import i18next from 'i18next';
import { useT } from '../i18n/setup';
import { errorText } from '../logic/errorText';

export function useErrorText() {
  const { t } = useT();
  return (error: unknown) => errorText(error, t, (key) => i18next.exists(key));
}

/** An error shown where it happened, announced to screen readers. */
export function ErrorText({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="error-text" role="alert">
      {text(error)}
    </p>
  );
}
