// The frame of every page: skip link, left navigation, top bar, main landmark, toasts.
import { useEffect, useRef, type ReactNode } from 'react';
import { routes } from '../routes';
import { href } from '../router';
import { useSession } from '../store/session';
import { useT } from '../i18n/setup';
import { SaveIndicator } from './SaveIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { AssessmentSelect } from './AssessmentSelect';
import { Toasts } from './Toasts';

export function Layout({ page, children }: { page: string; children: ReactNode }) {
  const { t } = useT();
  const profile = useSession((s) => s.profile);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the new page so keyboard and screen-reader users start at its top.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [page]);

  const activePage = page === 'item' ? 'checklist' : page;
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        {t('common.skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">✓</span>
          <span>{t('app.name')}</span>
        </div>
        <ul>
          {routes
            .filter((r) => r.nav)
            .map((r) => (
              <li key={r.page}>
                <a href={href(r.page)} className={activePage === r.page ? 'nav-link nav-active' : 'nav-link'} aria-current={activePage === r.page ? 'page' : undefined}>
                  <span className="nav-icon" aria-hidden="true">{r.icon}</span>
                  {t(r.nav ?? '')}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <header className="topbar">
        <div className="topbar-school" title={profile?.name}>{profile?.name ?? ''}</div>
        <AssessmentSelect />
        <div className="topbar-spacer" />
        <SaveIndicator />
        <LanguageSwitch />
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        {children}
      </main>
      <Toasts />
    </div>
  );
}
