// 督导任务: every campaign with its counts and a progress bar; an
// administrator also creates campaigns and uploads their rosters.
import { useState, type FormEvent } from 'react';
import type { CampaignSummary, Me, RosterResult } from '../../shared/bureau/api';
import { api } from '../api';
import { Empty, ErrorBox, errorText, Field, Link, Loading, ProgressBar, useLoad } from '../components/ui';
import { percent, useT } from '../i18n';
import { href } from '../router';

export function CampaignsPage({ me }: { me: Me }) {
  const { t } = useT();
  const list = useLoad(() => api.campaigns(), 'campaigns');
  const admin = me.role === 'admin';
  return (
    <>
      <h1>{t('campaigns.title')}</h1>
      {list.state === 'loading' && <Loading />}
      {list.state === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.state === 'done' && (list.data.length === 0 ? <Empty>{admin ? t('campaigns.emptyAdmin') : t('campaigns.empty')}</Empty> : <CampaignTable rows={list.data} />)}
      {admin && list.state === 'done' && (
        <div className="ws-columns">
          <NewCampaign onDone={list.reload} />
          {list.data.length > 0 && <RosterUpload campaigns={list.data} onDone={list.reload} />}
        </div>
      )}
    </>
  );
}

function CampaignTable({ rows }: { rows: CampaignSummary[] }) {
  const { t } = useT();
  const c = (k: string): string => t(`campaigns.table.${k}`);
  return (
    <div className="ws-table-wrap">
      <table className="ws-table" data-testid="campaigns">
        <thead>
          <tr>
            <th scope="col">{c('label')}</th>
            <th scope="col">{c('template')}</th>
            <th scope="col">{c('deadline')}</th>
            <th scope="col" className="num">{c('expected')}</th>
            <th scope="col" className="num">{c('submitted')}</th>
            <th scope="col" className="num">{c('onTime')}</th>
            <th scope="col" className="num">{c('late')}</th>
            <th scope="col" className="num">{c('missing')}</th>
            <th scope="col" className="num">{c('rejected')}</th>
            <th scope="col">{c('progress')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const label = t('campaigns.progress', { submitted: r.submitted, expected: r.expected, pct: percent(r.submitted, r.expected) });
            return (
              <tr key={r.id}>
                <th scope="row">
                  <Link href={href.completeness(r.id)}>{r.label}</Link>
                </th>
                <td>
                  <code>
                    {r.templateId}@{r.templateVersion}
                  </code>
                </td>
                <td>{r.deadline}</td>
                <td className="num">{r.expected}</td>
                <td className="num">{r.submitted}</td>
                <td className="num">{r.onTime}</td>
                <td className="num">{r.late}</td>
                <td className="num">{r.missing}</td>
                <td className="num">{r.rejected}</td>
                <td className="ws-progress-cell">
                  <ProgressBar value={r.submitted} max={r.expected} label={label} />
                  <span className="ws-muted">{percent(r.submitted, r.expected)}%</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NewCampaign({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [label, setLabel] = useState('');
  const [template, setTemplate] = useState('');
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    try {
      await api.addCampaign({ label: label.trim(), template: template.trim(), deadline });
      setMsg({ ok: true, text: t('campaigns.new.created', { label: label.trim() }) });
      setLabel('');
      setTemplate('');
      setDeadline('');
      onDone();
    } catch (err) {
      setMsg({ ok: false, text: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ws-card" aria-labelledby="new-campaign">
      <h2 id="new-campaign">{t('campaigns.new.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('campaigns.new.label')} hint={t('campaigns.new.labelHint')}>
          {(id, d) => <input id={id} aria-describedby={d} value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />}
        </Field>
        <Field label={t('campaigns.new.template')} hint={t('campaigns.new.templateHint')}>
          {(id, d) => <input id={id} aria-describedby={d} value={template} onChange={(e) => setTemplate(e.target.value)} required pattern="[^@\s]+@[^@\s]+" />}
        </Field>
        <Field label={t('campaigns.new.deadline')}>{(id) => <input id={id} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />}</Field>
        {msg && (
          <p className={msg.ok ? 'ws-ok' : 'ws-error'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </p>
        )}
        <button type="submit" className="ws-btn ws-btn-primary" disabled={busy}>
          {t('campaigns.new.submit')}
        </button>
      </form>
    </section>
  );
}

function RosterUpload({ campaigns, onDone }: { campaigns: CampaignSummary[]; onDone: () => void }) {
  const { t } = useT();
  const [campaign, setCampaign] = useState(campaigns[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RosterResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setResult(null);
    setError(null);
    if (!file) return setError(t('campaigns.roster.noFile'));
    setBusy(true);
    try {
      setResult(await api.uploadRoster(campaign, file));
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ws-card" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('campaigns.roster.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('campaigns.roster.campaign')}>
          {(id) => (
            <select id={id} value={campaign} onChange={(e) => setCampaign(e.target.value)}>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('campaigns.roster.file')} hint={t('campaigns.roster.fileHint')}>
          {(id, d) => <input id={id} aria-describedby={d} type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        {error && (
          <p className="ws-error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <div role="status" data-testid="roster-result">
            <p className="ws-ok">{t('campaigns.roster.result', { n: result.imported })}</p>
            {result.problems.length > 0 && (
              <>
                <p className="ws-error">{t('campaigns.roster.problems', { n: result.problems.length })}</p>
                <ul className="ws-problems">
                  {result.problems.map((p, i) => (
                    <li key={i}>
                      <strong>{t('campaigns.roster.row', { row: p.row })}</strong>：{p.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <button type="submit" className="ws-btn ws-btn-primary" disabled={busy}>
          {busy ? t('campaigns.roster.busy') : t('campaigns.roster.submit')}
        </button>
      </form>
    </section>
  );
}
