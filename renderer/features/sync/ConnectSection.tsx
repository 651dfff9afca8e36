// Connecting: the bureau's connection file, or the URL and key typed in. The
// fingerprint is shown for the principal to compare with the bureau's.
import { useState } from 'react';
import type { SyncStatus } from '../../../shared/api/sync';
import { FileButton } from '../../components/FileButton';
import { useT } from '../../i18n/setup';

type ConnectArgs = { connectionFile: string } | { server: string; bureauKey: string };

export function ConnectSection({ status, onConnect }: { status: SyncStatus | null; onConnect: (args: ConnectArgs) => Promise<void> }) {
  const { t } = useT();
  const [server, setServer] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (args: ConnectArgs) => {
    setBusy(true);
    try {
      await onConnect(args);
    } finally {
      setBusy(false);
    }
  };
  const s = status?.server;
  return (
    <section className="card" aria-labelledby="sync-connect">
      <h2 id="sync-connect">{t('sync.connect.title')}</h2>
      {s && (
        <div role="status" data-testid="sync-connected">
          <p>{t('sync.connect.connected', { name: s.serverName, url: s.url })}</p>
          <p className="mono">{t('sync.connect.fingerprint', { fp: s.fingerprint })}</p>
          {s.lastError && <p className="muted">{t('sync.connect.lastError', { error: s.lastError })}</p>}
        </div>
      )}
      <p className="muted">{t('sync.connect.fileHint')}</p>
      <FileButton label={t('sync.connect.file')} accept=".json,application/json" disabled={busy} onFile={(f) => void f.text().then((text) => run({ connectionFile: text }))} />
      <p>{t('sync.connect.orType')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run({ server: server.trim(), bureauKey: key.trim() });
        }}
      >
        <label className="field sync-field">
          {t('sync.connect.server')}
          <input type="url" placeholder="https://" value={server} onChange={(e) => setServer(e.target.value)} required />
        </label>
        <label className="field sync-field">
          {t('sync.connect.key')}
          <input type="text" className="mono" placeholder="RW…" value={key} onChange={(e) => setKey(e.target.value)} required />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('sync.connect.submit')}
        </button>
      </form>
    </section>
  );
}
