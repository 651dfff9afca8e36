// Two windows saved the same item: both answers side by side, the person chooses.
// Nothing is overwritten until they do (the back end refused the stale save).
import type { Item } from '../../../shared/template/schema';
import type { SaveConflict } from '../../pages/item/useAnswerDraft';
import { useT } from '../../i18n/setup';
import { formatDateTime } from '../../logic/format';
import { valueInWords } from '../../logic/words';

export function ConflictDialog({ item, conflict, onResolve }: { item: Item; conflict: SaveConflict; onResolve: (keep: 'mine' | 'theirs') => void }) {
  const { t, locale } = useT();
  const side = (title: string, value: SaveConflict['mine']['value'], note: string, testId: string) => (
    <div className="conflict-side" data-testid={testId}>
      <h3>{title}</h3>
      <div className="conflict-value">{value === null ? t('conflict.empty') : valueInWords(item, value, t, locale)}</div>
      {note !== '' && <div className="conflict-note">{t('history.note', { note })}</div>}
    </div>
  );
  return (
    <section className="card card-alert conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-body">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p id="conflict-body">{t('conflict.body', { by: conflict.theirs.savedBy, at: formatDateTime(conflict.theirs.savedAt, locale) })}</p>
      <div className="conflict-sides">
        {side(t('conflict.theirs'), conflict.theirs.value, conflict.theirs.note, 'conflict-theirs')}
        {side(t('conflict.mine'), conflict.mine.value, conflict.mine.note, 'conflict-mine')}
      </div>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => onResolve('mine')}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" className="button" onClick={() => onResolve('theirs')}>
          {t('conflict.keepTheirs')}
        </button>
      </div>
    </section>
  );
}
