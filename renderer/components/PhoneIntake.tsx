// "Add photos from a phone": a button that opens a dialog with the QR code of a one-time
// upload link on the local network. While it is open the list refreshes as photos arrive;
// closing it (or its timer running out) stops the intake on the computer.
import { useEffect, useState } from 'react';
import type { ResultOf } from '../../shared/api/contract';
import { api } from '../bridge';
import { useT } from '../i18n/setup';
import { useAssessment } from '../store/assessment';
import { useEvidence } from '../store/evidence';
import { toastError } from '../store/toasts';
import { Dialog } from './Dialog';
import { ErrorText } from './ErrorText';

type Started = ResultOf<'intake.start'>;
const POLL_MS = 1500;

/** The QR matrix drawn as one SVG path (a quiet zone of 2 modules around it). */
function QrCode({ size, modules, label }: { size: number; modules: string; label: string }) {
  let d = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (modules[y * size + x] === '1') d += `M${x + 2} ${y + 2}h1v1h-1z`;
  return (
    <svg className="intake-qr" role="img" aria-label={label} viewBox={`0 0 ${size + 4} ${size + 4}`} width={220} height={220} shapeRendering="crispEdges">
      <rect width={size + 4} height={size + 4} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function PhoneIntakeButton({ link }: { link?: { assessmentId: string; itemCode: string } }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [received, setReceived] = useState(0);
  const [active, setActive] = useState(false);

  const close = () => {
    setOpen(false);
    setStarted(null);
    void api().call('intake.stop', {}).catch(toastError);
  };

  const start = async () => {
    setOpen(true);
    setError(null);
    setReceived(0);
    try {
      const s = await api().call('intake.start', { link });
      setStarted(s);
      setActive(s.active);
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    if (!started) return;
    let last = 0;
    const timer = setInterval(() => {
      void api()
        .call('intake.status', {})
        .then(async (s) => {
          if (!s) return;
          setActive(s.active);
          if (s.received.length > last) {
            last = s.received.length;
            setReceived(last);
            await Promise.all([useEvidence.getState().load(), useAssessment.getState().refreshSummary()]);
          }
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [started]);

  const minutes = started ? Math.max(1, Math.round((Date.parse(started.expiresAt) - Date.now()) / 60_000)) : 0;
  return (
    <>
      <button type="button" className="button" onClick={() => void start()}>
        {t('intake.open')}
      </button>
      <Dialog title={t('intake.title')} open={open} onClose={close}>
        {error !== null && <ErrorText error={error} />}
        {started && (
          <div className="intake">
            <p>{t('intake.help')}</p>
            <QrCode size={started.qr.size} modules={started.qr.modules} label={t('intake.address', { url: started.url })} />
            <p className="small" data-testid="intake-url">
              {t('intake.address', { url: started.url })}
            </p>
            <p className="muted small">{active ? t('intake.expires', { minutes }) : t('intake.stopped')}</p>
            <p role="status">{t('intake.received', { count: received })}</p>
            <button type="button" className="button" onClick={close}>
              {t('intake.stop')}
            </button>
          </div>
        )}
      </Dialog>
    </>
  );
}
