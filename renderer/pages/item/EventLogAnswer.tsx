// event_log items are answered by the log: the events of their kind inside the period are counted.
// Focus moves into the form when it opens and, when it closes, to the new event (or back to the button).
import { useState } from 'react';
import type { Item, Template } from '../../../shared/template/schema';
import type { Assessment } from '../../../shared/domain/assessment';
import type { ItemStatus } from '../../../shared/domain/status';
import { useEvents } from '../../store/eventLog';
import { useT } from '../../i18n/setup';
import { formatDate, pick } from '../../logic/format';
import { EventForm } from '../../components/EventForm';
import { firstControl, focusSoon } from '../../components/focusSoon';

type EventLogItem = Extract<Item, { type: 'event_log' }>;

export function EventLogAnswer({ item, template, assessment, status, disabled }: { item: EventLogItem; template: Template; assessment: Assessment; status: ItemStatus | undefined; disabled: boolean }) {
  const { t, locale } = useT();
  const all = useEvents((s) => s.events);
  const [adding, setAdding] = useState(false);
  const kind = template.eventKinds.find((k) => k.code === item.frequency.eventKind);
  const kindLabel = kind ? pick(kind.label, locale) : item.frequency.eventKind;
  const events = all.filter((e) => e.kind === item.frequency.eventKind && e.date >= assessment.startDate && e.date <= assessment.endDate);

  return (
    <div className="event-answer">
      <p className="event-count" data-testid="event-count">
        {t('item.eventCount', { n: status?.eventCount ?? events.length, required: status?.eventRequired ?? item.frequency.min })}
      </p>
      {events.length === 0 ? (
        <p className="muted">{t('item.noEvents', { kind: kindLabel })}</p>
      ) : (
        <ul className="event-mini-list" aria-label={t('item.countedEvents')}>
          {events.map((e) => (
            <li key={e.id} id={`counted-${e.id}`} tabIndex={-1}>
              <span className="event-date">{formatDate(e.date, locale)}</span>
              <span>{e.title}</span>
              {e.participants !== null && <span className="muted">{t('events.participantsN', { n: e.participants })}</span>}
            </li>
          ))}
        </ul>
      )}
      {!disabled &&
        (adding ? (
          <div className="card inset" id="item-event-form">
            <EventForm
              kinds={template.eventKinds}
              fixedKind={item.frequency.eventKind}
              onDone={(saved) => {
                setAdding(false);
                const button = () => document.getElementById('item-add-event');
                focusSoon(() => (saved ? document.getElementById(`counted-${saved.id}`) : button()), button);
              }}
            />
          </div>
        ) : (
          <button
            type="button"
            id="item-add-event"
            className="button"
            onClick={() => {
              setAdding(true);
              focusSoon(() => firstControl(document.getElementById('item-event-form')));
            }}
          >
            {t('item.addEvent', { kind: kindLabel })}
          </button>
        ))}
    </div>
  );
}
