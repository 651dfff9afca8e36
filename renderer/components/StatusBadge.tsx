// Status is told by text and shape, with colour as a second cue (never colour alone).
import type { ItemStatusKind } from '../../shared/domain/status';
import { useT } from '../i18n/setup';
import { Icon } from './Icon';

const GLYPH: Record<ItemStatusKind, string> = { met: '✓', partly_met: '◐', not_met: '✕', not_applicable: '–', unanswered: '○' };

export function StatusBadge({ status }: { status: ItemStatusKind }) {
  const { t } = useT();
  return (
    <span className={`badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{GLYPH[status]}</span> {t(`status.${status}`)}
    </span>
  );
}

export function KeyBadge() {
  const { t } = useT();
  return (
    <span className="badge badge-key" title={t('item.keyHint')}>
      {t('item.key')}
    </span>
  );
}

export function ConfidentialBadge() {
  const { t } = useT();
  return (
    <span className="badge badge-lock" title={t('item.confidentialHint')}>
      <Icon name="lock" /> {t('item.confidential')}
    </span>
  );
}
