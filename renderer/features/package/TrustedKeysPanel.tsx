// Trusted keys: bureau keys (templates) and registered school keys (report
// packages): list, add from a .pub file or pasted text, remove.
import { useEffect, useState } from 'react';
import type { TrustEntry } from '../../../shared/api/package';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { FileButton } from '../../components/FileButton';
import { useT } from '../../i18n/setup';
import { toastInfo } from '../../store/toasts';

export function TrustedKeysPanel() {
  const { t } = useT();
  const [list, setList] = useState<TrustEntry[]>([]);
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<'bureau' | 'school'>('bureau');
  const [schoolCode, setSchoolCode] = useState('');
  const [error, setError] = useState<unknown>(null);

  const reload = () => api().call('trust.list', {}).then(setList, setError);
  useEffect(() => {
    void reload();
  }, []);

  const add = async () => {
    setError(null);
    try {
      await api().call('trust.import', {
        text,
        label: label.trim() || undefined,
        kind,
        schoolCode: kind === 'school' && schoolCode.trim() ? schoolCode.trim() : undefined,
      });
      setText('');
      setLabel('');
      setSchoolCode('');
      await reload();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (keyId: string) => {
    setError(null);
    try {
      await api().call('trust.remove', { keyId });
      toastInfo('pkg.trust.removed', { keyId });
      await reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card" aria-labelledby="pkg-trust">
      <h2 id="pkg-trust">{t('pkg.trust.title')}</h2>
      <p className="muted">{t('pkg.trust.intro')}</p>
      {list.length === 0 ? (
        <p className="muted">{t('pkg.trust.none')}</p>
      ) : (
        <ul className="rows">
          {list.map((k) => (
            <li key={k.keyId} className="inline-form">
              <span className="row-title">
                {k.label} · {t(`pkg.trust.kindName.${k.kind}`)}
                {k.schoolCode && ` · ${k.schoolCode}`}
                <span className="row-reason mono">{k.keyId}</span>
              </span>
              <button type="button" className="button button-small button-danger" onClick={() => void remove(k.keyId)}>
                {t('pkg.trust.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label={t('pkg.trust.keyText')}>
        {(p) => <textarea {...p} className="mono" rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <FileButton small label={t('pkg.trust.file')} accept=".pub,text/plain" onFile={(f) => void f.text().then(setText, setError)} />
      <Field label={t('pkg.trust.label')}>{(p) => <input {...p} type="text" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />}</Field>
      <Field label={t('pkg.trust.kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'bureau' | 'school')}>
            <option value="bureau">{t('pkg.trust.kindName.bureau')}</option>
            <option value="school">{t('pkg.trust.kindName.school')}</option>
          </select>
        )}
      </Field>
      {kind === 'school' && (
        <Field label={t('pkg.trust.schoolCode')}>{(p) => <input {...p} type="text" inputMode="numeric" maxLength={10} value={schoolCode} onChange={(e) => setSchoolCode(e.target.value)} />}</Field>
      )}
      <button type="button" className="button button-primary" disabled={text.trim() === ''} onClick={() => void add()}>
        {t('pkg.trust.add')}
      </button>
      <ErrorText error={error} />
    </section>
  );
}
