// The profile fields the v2 instrument's applicability reads (issue 9 §3):
// 公办/民办, urban/town/rural, teaching point or small school. Kept apart from
// ProfileForm so the form's own fields stay as they were.
import type { SchoolProfile } from '../../shared/domain/profile';
import { useT } from '../i18n/setup';
import { Field } from './Field';

export type ProfileV2 = Required<Pick<SchoolProfile, 'ownership' | 'locality' | 'teachingPoint'>>;

export const profileV2Of = (p: SchoolProfile | null): ProfileV2 => ({
  ownership: p?.ownership ?? 'public',
  locality: p?.locality ?? 'town',
  teachingPoint: p?.teachingPoint ?? false,
});

export function ProfileV2Fields({ value, onChange }: { value: ProfileV2; onChange: (v: ProfileV2) => void }) {
  const { t } = useT();
  return (
    <div className="form-grid">
      <Field label={t('profileV2.ownership')}>
        {(p) => (
          <select {...p} value={value.ownership} onChange={(e) => onChange({ ...value, ownership: e.target.value as ProfileV2['ownership'] })}>
            <option value="public">{t('profileV2.public')}</option>
            <option value="private">{t('profileV2.private')}</option>
          </select>
        )}
      </Field>
      <Field label={t('profileV2.locality')}>
        {(p) => (
          <select {...p} value={value.locality} onChange={(e) => onChange({ ...value, locality: e.target.value as ProfileV2['locality'] })}>
            <option value="urban">{t('profileV2.urban')}</option>
            <option value="town">{t('profileV2.town')}</option>
            <option value="rural">{t('profileV2.rural')}</option>
          </select>
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={value.teachingPoint} onChange={(e) => onChange({ ...value, teachingPoint: e.target.checked })} />
        {t('profileV2.teachingPoint')}
      </label>
    </div>
  );
}
