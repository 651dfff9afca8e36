// 登录: name and password; the server's own message on failure (wrong
// password, locked after repeated failures), then back to the page asked for.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { WORKSPACE_BASE, type Me } from '../../shared/bureau/api';
import { api } from '../api';
import { errorText, Field } from '../components/ui';
import { useT } from '../i18n';
import { href, navigate, useLocation } from '../router';

/** Only a path of this workspace is a place to return to (no open redirect). */
function safeNext(next: string | null): string {
  if (next && next.startsWith(WORKSPACE_BASE + '/') && !next.startsWith('//') && !next.startsWith(href.login())) return next;
  return href.campaigns();
}

export function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const { t } = useT();
  const { query } = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.login({ name: name.trim(), password });
      onLogin(me);
      navigate(safeNext(query.get('next')), true);
    } catch (err) {
      setError(errorText(err, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="ws-login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="ws-muted">{t('login.intro')}</p>
      {query.get('expired') && <p className="ws-note" role="status">{t('login.expired')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('login.name')}>
          {(id) => <input id={id} ref={nameRef} name="username" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />}
        </Field>
        <Field label={t('login.password')}>
          {(id) => <input id={id} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
        </Field>
        {error && (
          <p className="ws-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="ws-btn ws-btn-primary" disabled={busy || !name || !password}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
