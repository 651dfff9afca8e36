// An error in words: the API's i18n key when we have it, else the error code, never a stack trace.
import { ApiError } from '../../shared/api/define';
import type { Translate } from './words';

export function errorText(error: unknown, t: Translate, exists: (key: string) => boolean): string {
  if (error instanceof ApiError) {
    const params = { ...(error.params ?? {}), detail: error.detail ?? '' };
    for (const key of [`error.${error.message}`, error.message, `error.code.${error.code}`])
      if (key && exists(key)) return t(key, params);
    return t('error.fallback', { code: error.code, detail: error.detail ?? error.message });
  }
  return t('error.fallback', { code: 'internal', detail: error instanceof Error ? error.message : String(error) });
}
