// The app's error page: an address it cannot read (a malformed #/ route) or a page that
// threw while rendering. Either way the user sees what happened and a way back, never a
// blank window; saved data is untouched (every write already went through the bridge).
import { Component, type ReactNode } from 'react';
import { href } from '../router';
import { DEFAULT_PAGE } from '../routes';
import { useT } from '../i18n/setup';

export function PageError({ kind }: { kind: 'badRoute' | 'crash' }) {
  const { t } = useT();
  return (
    <div className="center-screen">
      <div className="card narrow" role="alert">
        <h1>{t(kind === 'badRoute' ? 'route.badTitle' : 'route.crashTitle')}</h1>
        <p>{t(kind === 'badRoute' ? 'route.badBody' : 'route.crashBody')}</p>
        <a className="button button-primary" href={href(DEFAULT_PAGE)}>
          {t('route.home')}
        </a>
      </div>
    </div>
  );
}

/** Catches a render error anywhere below it; navigating elsewhere tries again. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failedAt: string | null }> {
  override state = { failedAt: null as string | null };

  static getDerivedStateFromError(): { failedAt: string } {
    return { failedAt: window.location.hash };
  }

  override componentDidMount(): void {
    window.addEventListener('hashchange', this.retry);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('hashchange', this.retry);
  }

  override componentDidCatch(error: unknown): void {
    console.warn('[selfcheck] page failed to render', error);
  }

  private retry = (): void => {
    if (this.state.failedAt !== null && window.location.hash !== this.state.failedAt) this.setState({ failedAt: null });
  };

  override render(): ReactNode {
    return this.state.failedAt !== null ? <PageError kind="crash" /> : this.props.children;
  }
}
