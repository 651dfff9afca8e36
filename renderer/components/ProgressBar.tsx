import { useT } from '../i18n/setup';
import { formatPercent } from '../logic/format';

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const { locale } = useT();
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={formatPercent(value, locale)}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
