// The submit step every form shares: parse the draft with the shared schema (the
// same one the back end applies), show one message per field and move focus to the
// first field at fault, or hand the parsed value on and show a refusal from the
// back end under the form.
import { useState, type FormEvent } from 'react';
import i18next from 'i18next';
import type { z } from 'zod';
import { useT } from '../i18n/setup';
import { focusFirstInvalid } from './focusFirstInvalid';

/**
 * `prefix` names the form's messages: a field's message is `<prefix>.error.<field>`,
 * unless the schema's own message is an i18n key (e.g. the school code's), which wins.
 */
export function useSchemaSubmit<S extends z.ZodType>(schema: S, prefix: string, onValid: (value: z.output<S>) => Promise<void>) {
  const { t } = useT();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>, candidate: unknown) => {
    e.preventDefault();
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        found[field] ??= i18next.exists(issue.message) ? t(issue.message) : t(`${prefix}.error.${field}`, { defaultValue: t('form.invalid') });
      }
      setErrors(found);
      focusFirstInvalid(e.currentTarget);
      return;
    }
    setErrors({});
    setServerError(null);
    setBusy(true);
    try {
      await onValid(parsed.data);
    } catch (error) {
      setServerError(error);
    } finally {
      setBusy(false);
    }
  };

  return { errors, serverError, busy, submit };
}
