// The check before the freeze (issue 8 §3): what is still open (unanswered, key
// items not met or unanswered, items short of evidence), the package size, and an
// explicit "I understand" that says what freezing means. Nothing is exported
// until the person ticks it and confirms.
import { useId, useState } from 'react';
import type { ExportEstimate } from '../../../shared/api/package';
import type { Assessment } from '../../../shared/domain/assessment';
import type { AssessmentSummary, ItemStatus } from '../../../shared/domain/status';
import type { Template } from '../../../shared/template/schema';
import { useT } from '../../i18n/setup';
import { formatBytes, formatNumber, pick } from '../../logic/format';
import { lacksEvidence } from '../../logic/checklistFilter';
import { href } from '../../router';

const SHOWN = 5;

export interface OpenItems {
  unanswered: string[];
  keyNotMet: string[];
  keyUnanswered: string[];
  shortEvidence: string[];
}

/** What is still open, in template order. Pure, so the page and its test agree. */
export function openItems(template: Template, summary: AssessmentSummary, statuses: Map<string, ItemStatus>): OpenItems {
  const out: OpenItems = { unanswered: [], keyNotMet: [...summary.failedKeyItems], keyUnanswered: [], shortEvidence: [] };
  for (const area of template.areas)
    for (const item of area.items) {
      const s = statuses.get(item.code);
      if (!s || s.status === 'not_applicable') continue;
      if (s.status === 'unanswered') {
        out.unanswered.push(item.code);
        if (item.key) out.keyUnanswered.push(item.code);
      } else if (lacksEvidence(s)) out.shortEvidence.push(item.code);
    }
  return out;
}

interface Props {
  assessment: Assessment;
  template: Template;
  summary: AssessmentSummary;
  statuses: Map<string, ItemStatus>;
  estimate: ExportEstimate | null;
  onConfirm(): void;
  onCancel(): void;
}

export function PreExportCheck({ assessment, template, summary, statuses, estimate, onConfirm, onCancel }: Props) {
  const { t, locale } = useT();
  const [understood, setUnderstood] = useState(false);
  const id = useId();
  const open = openItems(template, summary, statuses);
  const title = (code: string): string => {
    for (const a of template.areas) {
      const found = a.items.find((i) => i.code === code);
      if (found) return pick(found.title, locale);
    }
    return code;
  };
  const row = (label: string, codes: string[], alert: boolean, testId: string) => (
    <tr className={alert && codes.length > 0 ? 'check-alert' : undefined} data-testid={testId}>
      <th scope="row">{label}</th>
      <td className="num">{formatNumber(codes.length, locale)}</td>
      <td>
        {codes.length === 0
          ? t('preExport.none')
          : codes.slice(0, SHOWN).map((c, i) => (
              <span key={c}>
                {i > 0 && t('list.sep')}
                <a href={href('item', c)} title={title(c)}>
                  {c}
                </a>
              </span>
            ))}
        {codes.length > SHOWN && ` ${t('preExport.more', { n: codes.length - SHOWN })}`}
      </td>
    </tr>
  );
  return (
    <section className="card card-alert pre-export" role="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-intro`}>
      <h3 id={`${id}-title`}>{t('preExport.title')}</h3>
      <p id={`${id}-intro`}>{t('preExport.intro', { next: assessment.version + 1 })}</p>
      <table className="area-table pre-export-table">
        <tbody>
          {row(t('preExport.keyNotMet'), open.keyNotMet, true, 'check-key-not-met')}
          {row(t('preExport.keyUnanswered'), open.keyUnanswered, true, 'check-key-unanswered')}
          {row(t('preExport.unanswered'), open.unanswered, true, 'check-unanswered')}
          {row(t('preExport.shortEvidence'), open.shortEvidence, false, 'check-short-evidence')}
          <tr data-testid="check-size">
            <th scope="row">{t('preExport.size')}</th>
            <td className="num">{estimate ? formatBytes(estimate.bytes, locale) : '…'}</td>
            <td>{estimate ? t('preExport.files', { n: estimate.files }) : ''}</td>
          </tr>
        </tbody>
      </table>
      <label className="check">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>{t('preExport.confirm')}</span>
      </label>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!understood} onClick={onConfirm}>
          {t('preExport.proceed')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('preExport.cancel')}
        </button>
      </div>
    </section>
  );
}
