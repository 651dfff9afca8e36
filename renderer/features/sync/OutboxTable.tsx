// One row per package: its state in words, upload progress, and its receipt to download.
import type { SyncStatus } from '../../../shared/api/sync';
import { api } from '../../bridge';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n/setup';
import { formatBytes } from '../../logic/format';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function OutboxTable({ status, onError }: { status: SyncStatus; onError: (e: unknown) => void }) {
  const { t, locale } = useT();
  if (!status.items.length) return <p className="muted">{t('sync.empty')}</p>;
  const receiptOf = (sha512: string) => status.receipts.find((r) => r.sha512 === sha512);
  return (
    <table className="area-table sync-table">
      <thead>
        <tr>
          <th scope="col">{t('sync.table.bag')}</th>
          <th scope="col">{t('sync.table.size')}</th>
          <th scope="col">{t('sync.table.state')}</th>
          <th scope="col">{t('sync.table.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {status.items.map((i) => {
          const r = receiptOf(i.sha512);
          const pct = i.size ? Math.floor((100 * i.sent) / i.size) : 0;
          const text =
            i.state === 'uploading' || (i.state === 'queued' && i.sent > 0)
              ? t('sync.state.uploading', { sent: formatBytes(i.sent, locale), total: formatBytes(i.size, locale), pct })
              : i.state === 'failed'
                ? t('sync.state.failed', { at: i.nextAttemptAt ? new Date(i.nextAttemptAt).toLocaleString(locale) : '', error: i.lastError ?? '' })
                : i.state === 'received'
                  ? t('sync.state.received', { seq: r?.seq ?? '?', received: r ? new Date(r.received).toLocaleString(locale) : '' })
                  : i.state === 'conflict' || i.state === 'rejected'
                    ? t(`sync.state.${i.state}`, { reason: i.reason ?? '' })
                    : t('sync.state.queued');
          return (
            <tr key={i.sha512} data-state={i.state} data-bag={i.bagId}>
              <td className="mono">{i.bagId}</td>
              <td>{formatBytes(i.size, locale)}</td>
              <td>
                {text}
                {i.state === 'uploading' && <ProgressBar value={i.size ? i.sent / i.size : 0} label={i.bagId} />}
              </td>
              <td>
                {r && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() =>
                      void api()
                        .call('sync.receipt', { sha512: i.sha512 })
                        .then((d) => {
                          download(d.fileName, d.json);
                          download(`${d.fileName}.minisig`, d.minisig);
                        }, onError)
                    }
                  >
                    {t('sync.receipt.download')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
