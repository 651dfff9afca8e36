// One checklist item: what it asks and why, the answer, its status in words, evidence, history.
import type { Item, Template } from '../../../shared/template/schema';
import type { Assessment } from '../../../shared/domain/assessment';
import type { ItemStatus } from '../../../shared/domain/status';
import { useAssessment, itemByCode } from '../../store/assessment';
import { useSession } from '../../store/session';
import { useT } from '../../i18n/setup';
import { formatDateTime, pick } from '../../logic/format';
import { expectationInWords, reasonInWords } from '../../logic/words';
import { href } from '../../router';
import type { PageProps } from '../../routes';
import { StatusBadge, KeyBadge, ConfidentialBadge } from '../../components/StatusBadge';
import { ItemTypeIcon } from '../../components/ItemTypeIcon';
import { Field } from '../../components/Field';
import { useMediaQuery } from '../../components/useMediaQuery';
import { firstControl, focusSoon } from '../../components/focusSoon';
import { NoAssessment } from '../NoAssessment';
import { useAnswerDraft } from './useAnswerDraft';
import { AnswerControl } from './AnswerControl';
import { EventLogAnswer } from './EventLogAnswer';
import { EvidenceSection } from './EvidenceSection';
import { HistoryPanel } from './HistoryPanel';
import { FrozenBanner } from './FrozenBanner';
import { userLabel } from '../../logic/displayNames';
import { ConflictDialog } from '../../features/week/ConflictDialog';
import { LengthHint } from '../../features/week/LengthHint';
import { ReviewBeside } from '../../features/review/ReviewBeside';

/** Below this width the side column drops under the main one; the reasons then stay up with the answer. */
const ONE_COLUMN = '(max-width: 1100px)';

function Neighbours({ template, code }: { template: Template; code: string }) {
  const { t, locale } = useT();
  const all = template.areas.flatMap((a) => a.items);
  const at = all.findIndex((i) => i.code === code);
  const prev = all[at - 1];
  const next = all[at + 1];
  return (
    <nav className="neighbours" aria-label={t('item.neighbours')}>
      {prev ? (
        <a className="button" href={href('item', prev.code)} rel="prev">
          ← {prev.code} {pick(prev.title, locale)}
        </a>
      ) : (
        <span />
      )}
      <span className="muted nowrap">{t('item.position', { n: at + 1, total: all.length })}</span>
      {next ? (
        <a className="button" href={href('item', next.code)} rel="next">
          {next.code} {pick(next.title, locale)} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

function Reasons({ status }: { status: ItemStatus }) {
  const { t } = useT();
  if (status.reasons.length === 0) return null;
  return (
    <section className={`card reasons reasons-${status.status}`} aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t('item.whyStatus')}</h2>
      <ul>
        {status.reasons.map((r, i) => (
          <li key={i}>{reasonInWords(r, t)}</li>
        ))}
      </ul>
    </section>
  );
}

function ItemBody({ item, template, assessment, areaTitle }: { item: Item; template: Template; assessment: Assessment; areaTitle: string }) {
  const { t, locale } = useT();
  const status = useAssessment((s) => s.statuses.get(item.code));
  const schoolType = useSession((s) => s.profile?.schoolType);
  const { value, note, change, saved, conflict, resolve } = useAnswerDraft(item.code);
  const frozen = !!assessment.frozenAt;
  const oneColumn = useMediaQuery(ONE_COLUMN);
  const kind = item.type === 'event_log' ? template.eventKinds.find((k) => k.code === item.frequency.eventKind) : undefined;
  const expectation = expectationInWords(item, schoolType, t, locale, kind ? pick(kind.label, locale) : '');

  return (
    <div className="page item-page">
      <p className="breadcrumb">
        <a href={href('checklist')}>{t('nav.checklist')}</a> / {areaTitle}
      </p>
      <div className="item-head">
        <div>
          <h1>
            <span className="code">{item.code}</span> {pick(item.title, locale)}
          </h1>
          <div className="badges">
            <ItemTypeIcon type={item.type} /> <span className="muted">{t(`itemType.${item.type}`)}</span>
            {item.key && <KeyBadge />}
            {item.confidential && <ConfidentialBadge />}
          </div>
        </div>
        {status && (
          <div className="item-status" aria-live="polite" data-testid="item-status">
            <StatusBadge status={status.status} />
          </div>
        )}
      </div>

      {frozen && <FrozenBanner assessment={assessment} />}
      {conflict && <ConflictDialog item={item} conflict={conflict} onResolve={resolve} />}

      <div className="item-grid">
        <div className="item-main">
          <section className="card" aria-labelledby="answer-title">
            <h2 id="answer-title">{t('item.answerTitle')}</h2>
            <p className="expectation">
              <strong>{t('item.target')}</strong> {expectation}
            </p>
            {item.type === 'event_log' ? (
              <EventLogAnswer item={item} template={template} assessment={assessment} status={status} disabled={frozen} />
            ) : (
              <div className="answer-row" id="answer-row">
                <AnswerControl item={item} value={value} disabled={frozen} label={t('item.answerLabel')} onChange={(v, mode) => change({ value: v }, mode)} />
                {value !== null && !frozen && (
                  <button
                    type="button"
                    className="link-button clear-answer"
                    onClick={() => {
                      change({ value: null }, 'now');
                      // The button goes away with the answer: continue at the (now empty) answer.
                      focusSoon(() => firstControl(document.getElementById('answer-row')));
                    }}
                  >
                    {t('item.clear')}
                  </button>
                )}
              </div>
            )}
            {item.type !== 'event_log' && <LengthHint item={item} value={value} />}
            {item.type === 'event_log' && item.evidence.minCount > 0 && (
              <p className="muted small">{t('minimum.evidenceMin', { n: item.evidence.minCount })}</p>
            )}
            <Field label={t('item.note')}>
              {(p) => <textarea {...p} rows={2} value={note} maxLength={5000} disabled={frozen} onChange={(e) => change({ note: e.target.value }, 'typing')} />}
            </Field>
            {saved && <p className="muted small">{t('item.lastSaved', { who: userLabel(saved.savedBy, t), when: formatDateTime(saved.savedAt, locale) })}</p>}
          </section>

          {oneColumn && status && <Reasons status={status} />}
          <EvidenceSection item={item} assessment={assessment} status={status} disabled={frozen} />
          <HistoryPanel item={item} assessmentId={assessment.id} currentRevision={saved?.revision} disabled={frozen} />
        </div>

        <aside className="item-side" aria-label={t('item.about')}>
          {!oneColumn && status && <Reasons status={status} />}
          <ReviewBeside code={item.code} />
          <section className="card">
            <h2>{t('item.guidance')}</h2>
            <p className="prose">{pick(item.guidance, locale)}</p>
          </section>
          <section className="card">
            <h2>{t('item.citations')}</h2>
            <ul className="citations">
              {item.citations.map((c, i) => {
                const doc = template.documents.find((d) => d.id === c.doc);
                return (
                  <li key={i}>
                    <cite>{doc ? pick(doc.title, locale) : c.doc}</cite>
                    <span className="muted"> · {t('item.clause', { clause: c.clause })}</span>
                    {doc && <div className="muted small">{pick(doc.issuer, locale)} · {doc.year}</div>}
                  </li>
                );
              })}
            </ul>
          </section>
          <section className="card">
            <h2>{t('item.weightTitle')}</h2>
            <p>{t('item.weight', { weight: item.weight })}</p>
            {item.key && <p className="muted small">{t('item.keyHint')}</p>}
            {item.confidential && <p className="muted small">{t('item.confidentialHint')}</p>}
          </section>
        </aside>
      </div>
      <Neighbours template={template} code={item.code} />
    </div>
  );
}

export function ItemPage({ params }: PageProps) {
  const { t, locale } = useT();
  const { current, template } = useAssessment();
  if (!current || !template) return <NoAssessment />;
  const found = itemByCode(template, params[0] ?? '');
  if (!found)
    return (
      <div className="page">
        <div className="card empty">
          <h1>{t('item.notFound', { code: params[0] ?? '' })}</h1>
          <a className="button" href={href('checklist')}>{t('nav.checklist')}</a>
        </div>
      </div>
    );
  return <ItemBody key={`${current.id}/${found.item.code}`} item={found.item} template={template} assessment={current} areaTitle={pick(found.area.title, locale)} />;
}
