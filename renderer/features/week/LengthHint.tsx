// A minimum shown before typing (GOV-12: "至少 50 字"), and how far along the text is.
import type { AnswerValue } from '../../../shared/domain/answer';
import type { Item } from '../../../shared/template/schema';
import { useT } from '../../i18n/setup';

export function LengthHint({ item, value }: { item: Item; value: AnswerValue | null }) {
  const { t } = useT();
  if (item.type !== 'text' || !item.minLength) return null;
  const have = value?.type === 'text' ? [...value.value.trim()].length : 0;
  return (
    <p className="muted small length-hint" data-testid="length-hint" aria-live="polite">
      {have === 0 ? t('minimum.textMin', { n: item.minLength }) : t('minimum.textCount', { have, n: item.minLength })}
    </p>
  );
}
