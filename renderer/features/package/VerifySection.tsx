// Check a report package by its path: each stage passed / failed / not
// checked, who signed it and whether the key is trusted, and the failure in
// words with the file at fault.
import { useState } from 'react';
import type { PackageVerifyResult } from '../../../shared/report/verifyResult';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { useT } from '../../i18n/setup';
import { useSession } from '../../store/session';
import { formatPercent } from '../../logic/format';
import { periodInWords, trustLabelInWords } from '../../logic/packageWords';

const MARK = { ok: '✓', failed: '✗', skipped: '–' } as const;

export function VerifySection() {
  const { t, locale } = useT();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackageVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const { info } = useSession();
  const browse = async () => {
    try {
      const chosen = await api().call('dialog.choose', { kind: 'package' });
      if (chosen) setPath(chosen);
    } catch (e) {
      setError(e);
    }
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api().call('package.verify', { path: path.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="pkg-verify">
      <h2 id="pkg-verify">{t('pkg.verify.title')}</h2>
      <p className="muted">{t('pkg.verify.intro')}</p>
      <Field label={t('pkg.verify.path')}>
        {(p) => <input {...p} type="text" className="mono" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void run()} />}
      </Field>
      {info?.mode === 'electron' && (
        <button type="button" className="button" disabled={busy} onClick={() => void browse()}>
          {t('pkg.verify.browse')}
        </button>
      )}{' '}
      <button type="button" className="button button-primary" disabled={busy || path.trim() === ''} onClick={() => void run()}>
        {t('pkg.verify.run')}
      </button>
      <ErrorText error={error} />
      {result && (
        <div className={result.ok ? 'card inset' : 'card inset card-alert'} role="status" data-testid="verify-result">
          <h3>{result.ok ? `✓ ${t('pkg.verify.ok')}` : `✗ ${t('pkg.verify.fail')}`}</h3>
          {result.failure && (
            <p className="error-text">
              {t(`error.${result.failure.i18nKey}`, { file: result.failure.file ?? '' })}
              {result.failure.detail && <span className="muted mono"> ({result.failure.detail})</span>}
            </p>
          )}
          <ul className="rows">
            {result.checks.map((c) => (
              <li key={c.stage}>
                <span aria-hidden="true">{MARK[c.status]} </span>
                {t('common.labelValue', { label: t(`pkg.verify.stage.${c.stage}`), value: t(`pkg.verify.status.${c.status}`) })}
              </li>
            ))}
          </ul>
          <dl className="facts">
            {result.schoolCode && (
              <>
                <dt>{t('pkg.verify.school')}</dt>
                <dd>
                  {result.schoolName} <span className="mono">{result.schoolCode}</span>
                </dd>
              </>
            )}
            {result.signerKeyId && (
              <>
                <dt>{t('pkg.verify.signer')}</dt>
                <dd>
                  <span className="mono">{result.signerKeyId}</span> · {t(`pkg.verify.trust.${result.keyTrust}`)}
                  {result.trustedAs && <span className="muted"> · {trustLabelInWords(result.trustedAs, t)}</span>}
                </dd>
              </>
            )}
            {result.report && (
              <>
                <dt>{t('pkg.verify.period')}</dt>
                <dd>
                  {result.report.assessmentLabel} · {t('assessment.versionN', { n: result.report.assessmentVersion })} · {periodInWords(result.report.period, locale)}
                  <br />
                  {t('pkg.verify.items', { items: result.report.items, files: result.report.files, compliance: formatPercent(result.report.overall.compliance, locale) })}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
