// Settings section: the school's signing key (id, public key, fingerprint),
// the "basic_text" consent, the printable enrolment sheet, key rotation.
import { useEffect, useRef, useState } from 'react';
import type { KeyInfo } from '../../../shared/api/package';
import { api } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useT } from '../../i18n/setup';
import { formatDateTime } from '../../logic/format';
import { toastInfo } from '../../store/toasts';
import { TrustedKeysPanel } from './TrustedKeysPanel';

export function KeysPanel() {
  const { t, locale } = useT();
  const [info, setInfo] = useState<KeyInfo | null>(null);
  const [accept, setAccept] = useState(false);
  const [sheet, setSheet] = useState<string | null>(null);
  const sheetFrame = useRef<HTMLIFrameElement>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api().call('keys.info', {}).then(setInfo, setError);
  }, []);

  const act = async (fn: () => Promise<KeyInfo>) => {
    setError(null);
    try {
      setInfo(await fn());
    } catch (e) {
      setError(e);
    }
  };
  const openSheet = async () => {
    setError(null);
    try {
      setSheet(await api().call('keys.enrolmentSheet', { locale }));
    } catch (e) {
      setError(e);
    }
  };
  const rotate = async () => {
    if (!window.confirm(t('pkg.keys.rotateConfirm'))) return;
    await act(async () => {
      const next = await api().call('keys.rotate', {});
      toastInfo('pkg.keys.rotated', { keyId: next.keyId });
      return next;
    });
  };

  return (
    <>
      <section className="card" aria-labelledby="pkg-keys">
        <h2 id="pkg-keys">{t('pkg.keys.title')}</h2>
        <p className="muted">{t('pkg.keys.intro')}</p>
        {info && !info.exists && (
          <>
            <p>{t('pkg.keys.none')}</p>
            {info.consentNeeded && (
              <>
                <p className="error-text">{t('pkg.keys.weak')}</p>
                <label className="check">
                  <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
                  {t('pkg.keys.accept')}
                </label>
              </>
            )}
            <button
              type="button"
              className="button button-primary"
              disabled={info.consentNeeded && !accept}
              onClick={() => void act(() => api().call('keys.create', { acceptWeakStorage: info.consentNeeded ? accept : undefined }))}
            >
              {t('pkg.keys.create')}
            </button>
          </>
        )}
        {info?.exists && (
          <>
            <dl className="facts">
              <dt>{t('pkg.keys.keyId')}</dt>
              <dd className="mono" data-testid="key-id">
                {info.keyId}
              </dd>
              <dt>{t('pkg.keys.publicKey')}</dt>
              <dd className="mono">{info.publicKeyLine}</dd>
              <dt>{t('pkg.keys.fingerprint')}</dt>
              <dd className="mono">{info.fingerprint}</dd>
              {info.createdAt && (
                <>
                  <dt>{t('pkg.keys.created')}</dt>
                  <dd>{formatDateTime(info.createdAt, locale)}</dd>
                </>
              )}
              {info.storage && (
                <>
                  <dt>{t('pkg.keys.storage')}</dt>
                  <dd>{t(`pkg.keys.storageName.${info.storage}`)}</dd>
                </>
              )}
              {info.retired.length > 0 && (
                <>
                  <dt>{t('pkg.keys.retired')}</dt>
                  <dd className="mono">{info.retired.map((r) => r.keyId).join(', ')}</dd>
                </>
              )}
            </dl>
            <div className="inline-form">
              <button type="button" className="button button-primary" onClick={() => void openSheet()}>
                {t('pkg.keys.sheet')}
              </button>
              <button type="button" className="button button-danger" onClick={() => void rotate()}>
                {t('pkg.keys.rotate')}
              </button>
            </div>
          </>
        )}
        <ErrorText error={error} />
      </section>
      <TrustedKeysPanel />
      <Dialog title={t('pkg.keys.sheetTitle')} open={sheet !== null} onClose={() => setSheet(null)} wide>
        {sheet && (
          <>
            <p className="muted">{t('pkg.keys.sheetHint')}</p>
            <p>
              <a className="button button-primary" href={URL.createObjectURL(new Blob([sheet], { type: 'text/html' }))} download={`enrolment-${info?.keyId ?? 'key'}.html`}>
                {t('pkg.keys.download')}
              </a>
            </p>
            <p>
              <button type="button" className="button" onClick={() => sheetFrame.current?.contentWindow?.print()}>
                {t('pkg.keys.print')}
              </button>
            </p>
            {/* No scripts run in the preview (no allow-scripts); same-origin and modals only so that
                the page's button can open the browser's print dialog for the sheet itself. */}
            <iframe ref={sheetFrame} title={t('pkg.keys.sheetTitle')} sandbox="allow-same-origin allow-modals" srcDoc={sheet} style={{ width: '100%', height: '70vh', border: '1px solid var(--border)' }} />
          </>
        )}
      </Dialog>
    </>
  );
}
