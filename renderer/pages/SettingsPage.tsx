// Language, who is filling in, how photos are stored; plus the sections other features add.
import { useEffect, useState } from 'react';
import { PhotoDownscale } from '../../shared/domain/evidence';
import { Locale } from '../../shared/domain/settings';
import { useSession } from '../store/session';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { Field } from '../components/Field';
import { settingsSections } from '../settingsSlots';

export function SettingsPage() {
  const { t } = useT();
  const { settings, saveSettings, info } = useSession();
  const [userName, setUserName] = useState(settings.userName);
  const [nameError, setNameError] = useState('');
  useEffect(() => setUserName(settings.userName), [settings.userName]);

  const saveName = () => {
    const name = userName.trim();
    if (name === settings.userName) return;
    if (name.length < 1 || name.length > 60) {
      setNameError(t('settings.userNameInvalid'));
      return;
    }
    setNameError('');
    saveSettings({ userName: name }).catch(toastError);
  };

  return (
    <div className="page narrow-fields">
      <h1>{t('settings.title')}</h1>
      <section className="card" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('settings.general')}</h2>
        <fieldset className="radios">
          <legend>{t('settings.language')}</legend>
          {Locale.options.map((l) => (
            <label key={l} className="check">
              <input type="radio" name="locale" checked={settings.locale === l} onChange={() => saveSettings({ locale: l }).catch(toastError)} />
              <span lang={l}>{t(`settings.locale.${l}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field label={t('settings.userName')} hint={t('settings.userNameHint')} error={nameError}>
          {(p) => <input {...p} type="text" maxLength={60} value={userName} onChange={(e) => setUserName(e.target.value)} onBlur={saveName} onKeyDown={(e) => e.key === 'Enter' && saveName()} />}
        </Field>
      </section>
      <section className="card" aria-labelledby="settings-photos">
        <h2 id="settings-photos">{t('settings.photos')}</h2>
        <Field label={t('settings.downscale')} hint={t('settings.downscaleHint')}>
          {(p) => (
            <select {...p} value={settings.photoDownscale} onChange={(e) => saveSettings({ photoDownscale: e.target.value as PhotoDownscale }).catch(toastError)}>
              {PhotoDownscale.options.map((o) => (
                <option key={o} value={o}>
                  {o === 'off' ? t('settings.downscaleOff') : t('settings.downscalePx', { px: o })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={settings.keepOriginalPhoto} onChange={(e) => saveSettings({ keepOriginalPhoto: e.target.checked }).catch(toastError)} />
          {t('settings.keepOriginal')}
        </label>
      </section>
      {settingsSections.map((Section, i) => (
        <Section key={i} />
      ))}
      {info && (
        <section className="card" aria-labelledby="settings-about">
          <h2 id="settings-about">{t('settings.about')}</h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('settings.mode')}</dt>
            <dd>{t(`settings.modeName.${info.mode}`)}</dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd className="mono">{info.dataDir}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
