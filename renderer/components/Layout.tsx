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

/** `page` is the route; `where` the whole location (page and its parameters). */
export function Layout({ page, where, children }: { page: string; where: string; children: ReactNode }) {
  const { t } = useT();
  const profile = useSession((s) => s.profile);
  const main = useRef<HTMLElement>(null);
  const shown = useRef({ page, where });

  // A new page starts at its top, with focus there for keyboard and screen-reader users. Not on
  // the first page after loading (Tab then starts at the skip link), however often the effect runs.
  // Within a page (the next item, another file), only when the focused element went away with
  // the old content (focus would otherwise fall back to the start of the document); a click on a
  // file tile keeps its place.
  useEffect(() => {
    if (shown.current.where === where) return;
    const pageChanged = shown.current.page !== page;
    shown.current = { page, where };
    const focusLost = !document.activeElement || document.activeElement === document.body;
    if (!pageChanged && !focusLost) return;
    main.current?.scrollTo({ top: 0 });
    main.current?.focus({ preventScroll: true });
  }, [page, where]);

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
