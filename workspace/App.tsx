// The workspace's frame: who is logged in (GET me), the header with the role
// and the language switch, navigation by role, and the page for the URL.
// A 401 from any call sends the user to the login page, which brings them
// back to the page they were on.
import { useCallback, useEffect, useState } from 'react';
import type { Me, Role } from '../shared/bureau/api';
import { api, setUnauthenticatedHandler } from './api';
import { ErrorBox, Link, Loading } from './components/ui';
import { setLocale, useT, WS_LOCALES, type WsLocale } from './i18n';
import { href, navigate, useLocation, type Route } from './router';
import { LoginPage } from './pages/Login';
import { CampaignsPage } from './pages/Campaigns';
import { CompletenessPage } from './pages/Completeness';
import { SchoolPage } from './pages/School';
import { AnalyticsPage } from './pages/Analytics';
import { UsersPage } from './pages/Users';
import { AuditPage } from './pages/Audit';

type Session = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'out' } | { state: 'in'; me: Me };

/** Which pages a role may open (the server refuses the calls anyway; this keeps the menu honest). */
export function mayOpen(role: Role, route: Route): boolean {
  if (route.page === 'users' || route.page === 'audit') return role === 'admin';
  return true;
}

export function App() {
  const { t } = useT();
  const { route, url } = useLocation();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const load = useCallback(() => {
    setSession({ state: 'loading' });
    api.me().then(
      (me) => setSession(me ? { state: 'in', me } : { state: 'out' }),
      (error: unknown) => setSession({ state: 'error', error }),
    );
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setSession({ state: 'out' });
      const here = location.pathname + location.search;
      if (!here.startsWith(href.login())) navigate(`${href.login(here)}&expired=1`, true);
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  // Logged out on a page route: go to login, remembering where to come back.
  useEffect(() => {
    if (session.state === 'out' && route.page !== 'login') navigate(href.login(url), true);
    if (session.state === 'in' && route.page === 'login') navigate(href.campaigns(), true);
  }, [session.state, route.page, url]);

  useEffect(() => {
    document.title = t('app.title');
  });

  if (session.state === 'loading') return <Loading />;
  if (session.state === 'error')
    return (
      <main className="ws-main">
        <ErrorBox error={session.error} onRetry={load} />
      </main>
    );
  if (session.state === 'out')
    return (
      <Frame me={null} onLogout={() => undefined}>
        {route.page === 'login' ? <LoginPage onLogin={(me) => setSession({ state: 'in', me })} /> : <Loading />}
      </Frame>
    );

  const me = session.me;
  const logout = (): void => {
    void api.logout().finally(() => {
      setSession({ state: 'out' });
      navigate(href.login(), true);
    });
  };
  return (
    <Frame me={me} onLogout={logout}>
      <Page route={route} me={me} />
    </Frame>
  );
}

function Page({ route, me }: { route: Route; me: Me }) {
  const { t } = useT();
  if (!mayOpen(me.role, route)) return <ErrorBox error={new Error(t('error.forbidden'))} />;
  switch (route.page) {
    case 'campaigns':
      return <CampaignsPage me={me} />;
    case 'completeness':
      return <CompletenessPage me={me} campaign={route.campaign} />;
    case 'school':
      return <SchoolPage me={me} campaign={route.campaign} school={route.school} />;
    case 'analytics':
      return <AnalyticsPage campaign={route.campaign} />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
    case 'login':
      return <Loading />;
    default:
      return <ErrorBox error={new Error(t('error.notFound'))} />;
  }
}

function Frame({ me, onLogout, children }: { me: Me | null; onLogout: () => void; children: React.ReactNode }) {
  const { t, locale } = useT();
  const { route } = useLocation();
  const navItems: { key: string; href: string; current: boolean }[] = me
    ? [
        { key: 'campaigns', href: href.campaigns(), current: ['campaigns', 'completeness', 'school', 'analytics'].includes(route.page) },
        ...(me.role === 'admin'
          ? [
              { key: 'users', href: href.users(), current: route.page === 'users' },
              { key: 'audit', href: href.audit(), current: route.page === 'audit' },
            ]
          : []),
      ]
    : [];
  return (
    <>
      <a className="ws-skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="ws-header">
        <span className="ws-brand">{t('app.title')}</span>
        {me && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {navItems.map((n) => (
                <li key={n.key}>
                  <Link href={n.href} aria-current={n.current ? 'page' : undefined}>
                    {t(`nav.${n.key}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="ws-header-end">
          <label className="ws-lang">
            <span>{t('app.language')}</span>
            <select value={locale} onChange={(e) => void setLocale(e.target.value as WsLocale)}>
              {WS_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {l === 'en' ? 'English' : '中文'}
                </option>
              ))}
            </select>
          </label>
          {me && (
            <>
              <span className="ws-who" data-testid="who">
                {t('header.who', { name: me.name, role: t(`role.${me.role}`) })}
              </span>
              <button type="button" className="ws-btn ws-btn-small" onClick={onLogout}>
                {t('header.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" className="ws-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
