// 审计日志 (administrators): who did what, newest first as the server sends it.
import { api } from '../api';
import { Empty, ErrorBox, Loading, useLoad } from '../components/ui';
import { formatTime, useT } from '../i18n';

export function AuditPage() {
  const { t, locale } = useT();
  const rows = useLoad(() => api.audit(), 'audit');
  const c = (k: string): string => t(`audit.col.${k}`);
  return (
    <>
      <h1>{t('audit.title')}</h1>
      {rows.state === 'loading' && <Loading />}
      {rows.state === 'error' && <ErrorBox error={rows.error} onRetry={rows.reload} />}
      {rows.state === 'done' &&
        (rows.data.length === 0 ? (
          <Empty>{t('audit.empty')}</Empty>
        ) : (
          <div className="ws-table-wrap">
            <table className="ws-table ws-table-compact" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">{c('at')}</th>
                  <th scope="col">{c('user')}</th>
                  <th scope="col">{c('action')}</th>
                  <th scope="col">{c('target')}</th>
                  <th scope="col">{c('detail')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.map((r, i) => (
                  <tr key={i}>
                    <td>{formatTime(r.at, locale)}</td>
                    <td>{r.user ?? '—'}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.target ?? '—'}</td>
                    <td className="ws-detail">{r.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
