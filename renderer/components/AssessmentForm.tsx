// Creates an assessment: which template, which period. Dates default to the current school year.
import { useEffect, useState, type FormEvent } from 'react';
import type { ResultOf } from '../../shared/api/contract';
import { NewAssessment, type PeriodKind } from '../../shared/domain/assessment';
import { api } from '../bridge';
import { useT } from '../i18n/setup';
import { pick } from '../logic/format';
import { defaultPeriod, type PeriodDefaults } from '../logic/period';
import type { Translate } from '../logic/words';
import { Field } from './Field';
import { ErrorText } from './ErrorText';
import { useSchemaSubmit } from './useSchemaSubmit';

type Templates = ResultOf<'templates.list'>;

function defaultLabel(kind: PeriodKind, p: PeriodDefaults, t: Translate): string {
  const years = { from: p.startYear, to: p.startYear + 1 };
  return kind === 'school_year' ? t('assessment.labelYear', years) : t(p.term === 'autumn' ? 'assessment.labelAutumn' : 'assessment.labelSpring', years);
}

export function AssessmentForm({ submitLabel, onSubmit }: { submitLabel: string; onSubmit: (a: NewAssessment) => Promise<void> }) {
  const { t, locale } = useT();
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [templateKey, setTemplateKey] = useState('');
  const [kind, setKind] = useState<PeriodKind>('school_year');
  const [dates, setDates] = useState(() => defaultPeriod('school_year', new Date()));
  const [label, setLabel] = useState<string | null>(null); // null: follow the default
  const { errors, serverError, busy, submit: submitParsed } = useSchemaSubmit(NewAssessment, 'assessment', onSubmit);

  useEffect(() => {
    api()
      .call('templates.list', {})
      .then((list) => {
        setTemplates(list);
        const first = list[0];
        if (first) setTemplateKey(`${first.id}@${first.version}`);
      })
      .catch(setLoadError);
  }, []);

  const changeKind = (k: PeriodKind) => {
    setKind(k);
    setDates(defaultPeriod(k, new Date()));
  };
  const shownLabel = label ?? defaultLabel(kind, dates, t);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    const chosen = templates?.find((tpl) => `${tpl.id}@${tpl.version}` === templateKey);
    return submitParsed(e, { templateId: chosen?.id ?? '', templateVersion: chosen?.version ?? '', periodKind: kind, label: shownLabel.trim(), startDate: dates.startDate, endDate: dates.endDate });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('assessment.formLabel')}>
      <ErrorText error={loadError} />
      <div className="form-grid">
        <Field label={t('assessment.template')} error={errors.templateId}>
          {(p) => (
            <select {...p} value={templateKey} onChange={(e) => setTemplateKey(e.target.value)} disabled={!templates}>
              {templates?.map((tpl) => (
                <option key={`${tpl.id}@${tpl.version}`} value={`${tpl.id}@${tpl.version}`}>
                  {t('assessment.templateOption', { title: pick(tpl.title, locale), version: tpl.version, n: tpl.itemCount })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="radios">
          <legend>{t('assessment.periodKind')}</legend>
          {(['school_year', 'term'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="periodKind" value={k} checked={kind === k} onChange={() => changeKind(k)} />
              {t(`periodKind.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('assessment.label')} error={errors.label}>
          {(p) => <input {...p} type="text" value={shownLabel} maxLength={100} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <div />
        <Field label={t('assessment.startDate')} error={errors.startDate}>
          {(p) => <input {...p} type="date" value={dates.startDate} onChange={(e) => setDates({ ...dates, startDate: e.target.value })} />}
        </Field>
        <Field label={t('assessment.endDate')} error={errors.endDate}>
          {(p) => <input {...p} type="date" value={dates.endDate} onChange={(e) => setDates({ ...dates, endDate: e.target.value })} />}
        </Field>
      </div>
      <ErrorText error={serverError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !templates || templates.length === 0}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
