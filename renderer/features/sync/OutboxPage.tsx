// "Send & receipts": connect to the bureau's server, the outbox with each
// package's state and progress, send now, receipts (download, import from a
// stick), the clock warning and the template offer. The page polls sync.status;
// the main process does all the network work.
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/api/sync';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { useT } from '../../i18n/setup';
import type { PageProps } from '../../routes';
import { ConnectSection } from './ConnectSection';
import { OutboxTable } from './OutboxTable';
import { ReceiptsImport } from './ReceiptsImport';

const POLL_MS = 1000;

export function OutboxPage(_props: PageProps) {
  const { t } = useT();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [installed, setInstalled] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api().call('sync.status', {}));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = async (fn: () => Promise<SyncStatus | void>) => {
    setError(null);
    try {
      const s = await fn();
      if (s) setStatus(s);
      else await refresh();
    } catch (e) {
      setError(e);
    }
  };

  const s = status;
  const skewMin = s?.clock?.skewMs != null ? Math.round(Math.abs(s.clock.skewMs) / 60_000) : 0;
  return (
    <div className="page">
      <h1>{t('sync.title')}</h1>
      <p className="muted">{t('sync.intro')}</p>
      {s?.clock?.warn && (
        <p className="error-text" role="alert" data-testid="clock-warning">
          {t('sync.clock', { minutes: skewMin })}
        </p>
      )}
      <ConnectSection status={s} onConnect={(args) => act(() => api().call('sync.connect', args))} />
      {s?.offers
        .filter((o) => !o.installedAt)
        .map((o) => (
          <p key={o.sha512} role="status" className="card">
            {t('sync.template.available', { id: o.templateId, version: o.version })}{' '}
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                void act(async () => {
                  const r = await api().call('sync.installTemplate', { sha512: o.sha512 });
                  setInstalled(t('sync.template.installed', { id: r.templateId, version: r.version }));
                })
              }
            >
              {t('sync.template.install')}
            </button>
          </p>
        ))}
      {installed && <p role="status">✓ {installed}</p>}
      <section className="card" aria-labelledby="sync-outbox">
        <h2 id="sync-outbox">{t('nav.sync')}</h2>
        <button type="button" className="button button-primary" disabled={!s?.server || s.sending} onClick={() => void act(() => api().call('sync.sendNow', {}))}>
          {s?.sending ? t('sync.sending') : t('sync.sendNow')}
        </button>
        <ErrorText error={error} />
        {s && <OutboxTable status={s} onError={setError} />}
      </section>
      <ReceiptsImport onDone={() => void refresh()} />
    </div>
  );
}
