// The school profile form (first-run wizard and the profile page). It validates with
// the shared schema, so the message for a bad school code is the one the back end uses.
import { toHalfWidthDigits } from '../../shared/text/halfWidth';
import { useState, type FormEvent } from 'react';
import { SchoolProfile } from '../../shared/domain/profile';
import { SCHOOL_TYPES, type SchoolType } from '../../shared/template/schema';
import { useT } from '../i18n/setup';
import { Field } from './Field';
import { ErrorText } from './ErrorText';
import { useSchemaSubmit } from './useSchemaSubmit';
import { ProfileV2Fields, profileV2Of } from './ProfileV2Fields';

type Counts = 'students' | 'classes' | 'staff' | 'studentsWithDisabilities';
type Flags = 'boarding' | 'hasSchoolBus' | 'hasCanteen';
const COUNTS: Counts[] = ['students', 'classes', 'staff', 'studentsWithDisabilities'];
const FLAGS: Flags[] = ['boarding', 'hasSchoolBus', 'hasCanteen'];

interface Draft {
  name: string;
  code: string;
  schoolType: SchoolType;
  county: string;
  counts: Record<Counts, string>;
  flags: Record<Flags, boolean>;
  v2: ReturnType<typeof profileV2Of>;
}

function toDraft(p: SchoolProfile | null): Draft {
  return {
    name: p?.name ?? '',
    code: p?.code ?? '',
    schoolType: p?.schoolType ?? 'primary',
    county: p?.county ?? '',
    counts: { students: String(p?.students ?? ''), classes: String(p?.classes ?? ''), staff: String(p?.staff ?? ''), studentsWithDisabilities: String(p?.studentsWithDisabilities ?? 0) },
    flags: { boarding: p?.boarding ?? false, hasSchoolBus: p?.hasSchoolBus ?? false, hasCanteen: p?.hasCanteen ?? false },
    v2: profileV2Of(p),
  };
}

/** "" stays a string so the schema reports the field as missing rather than as 0. */
const num = (typed: string): number | string => {
  const s = toHalfWidthDigits(typed);
  return s.trim() === '' ? '' : Number(s);
};

export function ProfileForm({ initial, submitLabel, onSubmit }: { initial: SchoolProfile | null; submitLabel: string; onSubmit: (p: SchoolProfile) => Promise<void> }) {
  const { t } = useT();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { errors, serverError, busy, submit: submitParsed } = useSchemaSubmit(SchoolProfile, 'profile', onSubmit);

  const submit = (e: FormEvent<HTMLFormElement>) =>
    submitParsed(e, {
      name: draft.name,
      code: toHalfWidthDigits(draft.code).trim(),
      schoolType: draft.schoolType,
      county: draft.county,
      ...Object.fromEntries(COUNTS.map((c) => [c, num(draft.counts[c])])),
      ...draft.flags,
      ...draft.v2,
    });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('profile.formLabel')}>
      <div className="form-grid">
        <Field label={t('profile.name')} error={errors.name}>
          {(p) => <input {...p} type="text" value={draft.name} autoComplete="organization" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label={t('profile.code')} hint={t('profile.codeHint')} error={errors.code}>
          {(p) => <input {...p} type="text" inputMode="numeric" maxLength={10} value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />}
        </Field>
        <Field label={t('profile.schoolType')} error={errors.schoolType}>
          {(p) => (
            <select {...p} value={draft.schoolType} onChange={(e) => setDraft({ ...draft, schoolType: e.target.value as SchoolType })}>
              {SCHOOL_TYPES.map((st) => (
                <option key={st} value={st}>
                  {t(`schoolType.${st}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('profile.county')} error={errors.county}>
          {(p) => <input {...p} type="text" value={draft.county} onChange={(e) => setDraft({ ...draft, county: e.target.value })} />}
        </Field>
        {COUNTS.map((c) => (
          <Field key={c} label={t(`profile.${c}`)} error={errors[c]}>
            {(p) => (
              <input {...p} type="text" inputMode="numeric" value={draft.counts[c]} onChange={(e) => setDraft({ ...draft, counts: { ...draft.counts, [c]: e.target.value } })} />
            )}
          </Field>
        ))}
      </div>
      <fieldset className="checks">
        <legend>{t('profile.facilities')}</legend>
        {FLAGS.map((f) => (
          <label key={f} className="check">
            <input type="checkbox" checked={draft.flags[f]} onChange={(e) => setDraft({ ...draft, flags: { ...draft.flags, [f]: e.target.checked } })} />
            {t(`profile.${f}`)}
          </label>
        ))}
      </fieldset>
      <ProfileV2Fields value={draft.v2} onChange={(v2) => setDraft({ ...draft, v2 })} />
      {Object.keys(errors).length > 0 && (
        <p className="error-text" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <ErrorText error={serverError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
