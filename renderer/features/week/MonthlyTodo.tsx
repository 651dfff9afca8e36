// "本月待办" on the dashboard: recurring events due this month, overdue months and
// plans (future-dated events, not counted until their day). The list comes from
// shared/status/todo.ts; the events are the ones the event log holds.
import { useMemo } from 'react';
import type { Assessment } from '../../../shared/domain/assessment';
import type { ItemStatus } from '../../../shared/domain/status';
import type { Template } from '../../../shared/template/schema';
import { monthlyTodo, type TodoState } from '../../../shared/status/todo';
import { useEvents } from '../../store/eventLog';
import { itemByCode } from '../../store/assessment';
import { useT } from '../../i18n/setup';
import { formatDate, pick, todayIso } from '../../logic/format';
import { href } from '../../router';
import { KeyBadge } from '../../components/StatusBadge';

const STATE_CLASS: Record<TodoState, string> = { overdue: 'todo-overdue', due: 'todo-due', planned: 'todo-planned' };

export function MonthlyTodo({ assessment, template, statuses }: { assessment: Assessment; template: Template; statuses: Map<string, ItemStatus> }) {
  const { t, locale } = useT();
  const events = useEvents((s) => s.events);
  const entries = useMemo(() => {
    const today = todayIso();
    if (today < assessment.startDate || today > assessment.endDate) return [];
    // Months before the school started this assessment are not its to-do (the status rules agree).
    const created = todayIso(new Date(assessment.createdAt));
    const period = { ...assessment, judgeFrom: created > assessment.startDate ? created : assessment.startDate };
    const applies = (code: string) => statuses.get(code)?.status !== 'not_applicable';
    return monthlyTodo(template, period, today, events, applies);
  }, [assessment, template, statuses, events]);

  return (
    <section className="card todo-card" aria-labelledby="todo-title" data-testid="monthly-todo">
      <h2 id="todo-title">
        {t('todo.title')} <span className="count-pill">{entries.filter((e) => e.state !== 'planned').length}</span>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">{t('todo.none')}</p>
      ) : (
        <ul className="link-list todo-list">
          {entries.map((e) => {
            const found = itemByCode(template, e.itemCode);
            const kind = template.eventKinds.find((k) => k.code === e.eventKind);
            return (
              <li key={`${e.itemCode}-${e.unit}`} className={STATE_CLASS[e.state]}>
                <a href={href('item', e.itemCode)} className="row-link">
                  <span className={`todo-state ${STATE_CLASS[e.state]}`}>{t(`todo.${e.state}`)}</span>
                  <span className="code">{e.itemCode}</span>
                  <span className="row-title">
                    {found ? pick(found.item.title, locale) : e.itemCode} {found?.item.key && <KeyBadge />}
                    <span className="row-reason">
                      {kind ? `${pick(kind.label, locale)} · ` : ''}
                      {e.state === 'planned'
                        ? t('todo.plannedLine', { unit: e.unit, planned: e.planned })
                        : t('todo.line', { unit: e.unit, have: e.have, need: e.need, due: formatDate(e.due, locale) })}
                    </span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
