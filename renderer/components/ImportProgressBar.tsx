// "Adding 3 of 10: photo.jpg" with a bar by bytes, while files are being stored.
import { useT } from '../i18n/setup';
import { formatBytes } from '../logic/format';
import { useEvidence } from '../store/evidence';
import { ProgressBar } from './ProgressBar';

export function ImportProgressBar() {
  const { t, locale } = useT();
  const importing = useEvidence((s) => s.importing);
  if (!importing) return null;
  const { done, total, bytesDone, bytesTotal, current } = importing;
  const label = t('evidence.importing', { n: done + 1, total, name: current });
  return (
    <div className="import-progress" role="status">
      <p className="small">
        {label} <span className="muted">({formatBytes(bytesDone, locale)} / {formatBytes(bytesTotal, locale)})</span>
      </p>
      <ProgressBar value={bytesTotal > 0 ? bytesDone / bytesTotal : done / total} label={label} />
    </div>
  );
}
