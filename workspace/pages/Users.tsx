// 用户 (administrators): the accounts with role, scope and lock state, and a
// form to add one. Passwords are only ever sent, never shown.
import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type Scope } from '../../shared/bureau/api';
import { api } from '../api';
import { Empty, ErrorBox, errorText, Field, Loading, useLoad } from '../components/ui';
import { formatTime, useT } from '../i18n';

const list = (s: string): string[] =>
  s
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function UsersPage() {
  const { t, locale } = useT();
  const users = useLoad(() => api.users(), 'users');
  const c = (k: string): string => t(`users.col.${k}`);
  const scopeText = (s: Scope): string => (s === null ? t('users.all') : t('users.scopeText', { counties: s.counties.join('、') || '—', schools: s.schools.join('、') || '—' }));
  return (
    <>
      <h1>{t('users.title')}</h1>
      {users.state === 'loading' && <Loading />}
      {users.state === 'error' && <ErrorBox error={users.error} onRetry={users.reload} />}
      {users.state === 'done' &&
        (users.data.length === 0 ? (
          <Empty>{t('users.empty')}</Empty>
        ) : (
          <div className="ws-table-wrap">
            <table className="ws-table" data-testid="users">
              <thead>
                <tr>
                  <th scope="col">{c('name')}</th>
                  <th scope="col">{c('role')}</th>
                  <th scope="col">{c('scope')}</th>
                  <th scope="col">{c('createdAt')}</th>
                  <th scope="col">{c('state')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.name}>
                    <th scope="row">{u.name}</th>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>{scopeText(u.scope)}</td>
                    <td>{formatTime(u.createdAt, locale)}</td>
                    <td>{u.disabled ? t('users.disabled') : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? t('users.locked', { at: formatTime(u.lockedUntil, locale) }) : t('users.active')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <AddUser onDone={users.reload} />
    </>
  );
}

function AddUser({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState('');
  const [counties, setCounties] = useState('');
  const [schools, setSchools] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    const cs = list(counties);
    const ss = list(schools);
    const scope: Scope = role === 'admin' || (cs.length === 0 && ss.length === 0) ? null : { counties: cs, schools: ss };
    try {
      await api.addUser({ name: name.trim(), role, password, scope });
      setMsg({ ok: true, text: t('users.add.added', { name: name.trim() }) });
      setName('');
      setPassword('');
      setCounties('');
      setSchools('');
      onDone();
    } catch (err) {
      setMsg({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ws-card" aria-labelledby="add-user">
      <h2 id="add-user">{t('users.add.title')}</h2>
      <form onSubmit={(e) => void submit(e)} className="ws-form-grid">
        <Field label={t('users.add.name')}>{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} pattern="\S+" autoComplete="off" />}</Field>
        <Field label={t('users.add.role')}>
          {(id) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.add.password')}>{(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} autoComplete="new-password" />}</Field>
        {role !== 'admin' && (
          <>
            <Field label={t('users.add.counties')}>{(id) => <input id={id} value={counties} onChange={(e) => setCounties(e.target.value)} />}</Field>
            <Field label={t('users.add.schools')}>{(id) => <input id={id} value={schools} onChange={(e) => setSchools(e.target.value)} />}</Field>
          </>
        )}
        {msg && (
          <p className={msg.ok ? 'ws-ok' : 'ws-error'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </p>
        )}
        <div>
          <button type="submit" className="ws-btn ws-btn-primary" disabled={busy}>
            {t('users.add.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
