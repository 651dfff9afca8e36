// Top-level: load the session, run the first-run wizard when there is no profile, else the pages.
import { useEffect, useState } from 'react';
import { useSession } from './store/session';
import { useAssessment } from './store/assessment';
import { useEvidence } from './store/evidence';
import { useEvents } from './store/eventLog';
import { useLocation } from './router';
import { DEFAULT_PAGE, findRoute } from './routes';
import { Layout } from './components/Layout';
import { ErrorText } from './components/ErrorText';
import { SetupWizard } from './pages/SetupWizard';
import { PageError } from './components/PageError';
import { useT } from './i18n/setup';

function Loading() {
  const { t } = useT();
  return (
    <div className="center-screen" role="status" aria-live="polite">
      {t('common.loading')}
    </div>
  );
}

function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useT();
  return (
    <div className="center-screen">
      <div className="card narrow">
        <h1>{t('app.loadFailed')}</h1>
        <ErrorText error={error} />
        <button type="button" className="button button-primary" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}

/** Loads what every page shows once the school exists. */
function useWorkspace(enabled: boolean) {
  const [state, setState] = useState<{ ready: boolean; error: unknown }>({ ready: false, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    Promise.all([useAssessment.getState().load(), useEvidence.getState().load(), useEvents.getState().load()])
      .then(() => live && setState({ ready: true, error: null }))
      .catch((error: unknown) => live && setState({ ready: false, error }));
    return () => {
      live = false;
    };
  }, [enabled, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

export function App() {
  const { phase, loadError, load } = useSession();
  const workspace = useWorkspace(phase === 'ready');
  const location = useLocation();

  useEffect(() => {
    void load();
  }, [load]);

  if (phase === 'loading') return <Loading />;
  if (phase === 'failed') return <Failed error={loadError} retry={() => void load()} />;
  if (phase === 'setup') return <SetupWizard />;
  if (workspace.error) return <Failed error={workspace.error} retry={workspace.retry} />;
  if (!workspace.ready) return <Loading />;

  if (location.malformed) return <PageError kind="badRoute" />;
  const route = findRoute(location.page) ?? findRoute(DEFAULT_PAGE);
  const Page = route?.component;
  const where = [location.page, ...location.params].join('/');
  return (
    <Layout page={route?.page ?? DEFAULT_PAGE} where={where}>
      {/* Not keyed by the parameters: a page whose content depends on them keys that part itself
          (the item page its body), so choosing a file in the library keeps the grid and its focus. */}
      {Page && <Page params={location.params} />}
    </Layout>
  );
}
