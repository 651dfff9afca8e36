import type { ItemType } from '../../shared/template/schema';
import { useT } from '../i18n/setup';

const GLYPH: Record<ItemType, string> = {
  yes_no: '◉',
  number: '#',
  percentage: '%',
  event_log: '▤',
  single_choice: '◎',
  multi_choice: '☷',
  text: '¶',
  checklist: '☑',
};

export function ItemTypeIcon({ type }: { type: ItemType }) {
  const { t } = useT();
  const name = t(`itemType.${type}`);
  return (
    <span className="type-icon" role="img" aria-label={name} title={name}>
      {GLYPH[type]}
    </span>
  );
}
