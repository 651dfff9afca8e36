// Export to a USB stick or a folder: pick a drive (with its free space against
// the estimate), start, watch the progress bar (bytes, ETA), cancel; the job
// runs in the main process and is polled with jobs.get.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/define';
import type { DriveInfo, ExportEstimate, JobSnapshot } from '../../../shared/api/package';
import type { Locale } from '../../../shared/domain/settings';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/setup';
import { formatBytes } from '../../logic/format';
import { useAssessment } from '../../store/assessment';
import { useSession } from '../../store/session';
import { PreExportCheck } from '../week/PreExportCheck';
import { WordSummaryButton } from '../week/WordSummaryButton';
import { rememberExportFolder, rememberedExportFolder } from '../week/exportFolderMemory';

const OTHER = '__other__';
const FAT32_MAX = 4 * 1024 ** 3 - 1;

export function ExportSection() {
  const { t, locale } = useT();
  const { current, load, template, summary, statuses } = useAssessment();
  const [checking, setChecking] = useState(false);
  const { settings, info } = useSession();
  const [drives, setDrives] = useState<DriveInfo[]>([]);
  const [estimate, setEstimate] = useState<ExportEstimate | null>(null);
  const [choice, setChoice] = useState<string>('');
  const [otherPath, setOtherPath] = useState('');
  const [fileName, setFileName] = useState('');
  const [lang, setLang] = useState<Locale>(settings.locale);
  const [job, setJob] = useState<JobSnapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const refresh = useCallback(async () => {
    setError(null);
    try {
      const list = await api().call('drives.list', {});
      setDrives(list);
      // The folder of the last export comes first when it is still there; else a USB stick.
      const last = rememberedExportFolder();
      const lastListed = last ? list.find((d) => d.path === last) : undefined;
      if (last && !lastListed) setOtherPath((p) => p || last);
      setChoice((c) => c || lastListed?.path || (last ? OTHER : '') || list.find((d) => d.kind === 'removable')?.path || list[0]?.path || OTHER);
      if (current) setEstimate(await api().call('export.estimate', { assessmentId: current.id }));
    } catch (e) {
      setError(e);
    }
  }, [current]);
  useEffect(() => {
    void refresh();
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, [refresh]);

  const dir = choice === OTHER ? otherPath.trim() : choice;
  // Only the desktop app has a native folder dialog; the web mode keeps the typed path.
  const desktop = info?.mode === 'electron';
  const browse = async () => {
    try {
      const chosen = await api().call('dialog.choose', { kind: 'folder' });
      if (chosen) {
        setChoice(OTHER);
        setOtherPath(chosen);
      }
    } catch (e) {
      setError(e);
    }
  };
  const drive = drives.find((d) => d.path === choice);
  const tooSmall = drive && estimate && drive.freeBytes !== null && drive.freeBytes < estimate.bytes;
  const fat32 = drive && estimate && (drive.fsType === 'vfat' || drive.fsType === 'fat32') && estimate.bytes > FAT32_MAX;
  const running = job?.state === 'running';

  const poll = (id: string) => {
    timer.current = setInterval(() => {
      api()
        .call('jobs.get', { id })
        .then((s) => {
          setJob(s);
          if (s.state === 'running') return;
          if (timer.current) clearInterval(timer.current);
          if (s.error) setError(new ApiError(s.error.code as ApiError['code'], s.error.message, s.error.params, s.error.detail));
          void load(); // the assessment is frozen now
        })
        .catch((e: unknown) => {
          if (timer.current) clearInterval(timer.current);
          setError(e);
        });
    }, 300);
  };

  const start = async (overwrite = false) => {
    setChecking(false);
    setError(null);
    setExisting(null);
    setJob(null);
    try {
      const r = await api().call('export.start', {
        dir,
        fileName: fileName.trim() || undefined,
        assessmentId: current?.id,
        locale: lang,
        overwrite,
      });
      rememberExportFolder(dir);
      setJob({ id: r.jobId, kind: 'export', state: 'running', progress: { phase: 'preparing', bytesDone: 0, bytesTotal: 0 }, etaSeconds: null, startedAt: '', finishedAt: null, result: null, error: null });
      poll(r.jobId);
    } catch (e) {
      if (e instanceof ApiError && e.message === 'package.exportTargetExists') setExisting(String(e.params?.file ?? ''));
      else setError(e);
    }
  };

  const p = job?.progress;
  return (
    <section className="card" aria-labelledby="pkg-export">
      <h2 id="pkg-export">{t('pkg.export.title')}</h2>
      <p className="muted">{t('pkg.export.intro')}</p>
      {current && (
        <p>
          {t('common.labelValue', { label: t('pkg.export.assessment'), value: `${current.label} · ${t('assessment.versionN', { n: current.version })}` })}
          <br />
          <span className="muted">
            {current.frozenAt
              ? t('assessment.frozenExport', { version: current.version, next: current.version + 1 })
              : t('pkg.export.freezes', { version: current.version, next: current.version + 1 })}
          </span>
        </p>
      )}
      <fieldset className="radios stacked" disabled={running}>
        <legend>
          {t('pkg.export.target')}{' '}
          <button type="button" className="button button-small" onClick={() => void refresh()}>
            {t('pkg.export.refresh')}
          </button>
        </legend>
        {!drives.some((d) => d.kind === 'removable') && <p className="muted">{t('pkg.export.noDrives')}</p>}
        {drives.map((d) => (
          <label key={d.path} className="check">
            <input type="radio" name="export-target" checked={choice === d.path} onChange={() => setChoice(d.path)} />
            <span>
              <Icon name={d.kind === 'removable' ? 'drive' : 'folder'} />{' '}
              {/* The back end names the user's folders in English ("Documents"); a USB stick keeps its own label. */}
              {d.kind === 'folder' ? t(`folderName.${d.label}`, { defaultValue: d.label }) : d.label} <span className="mono muted">{d.path}</span>
              {d.freeBytes !== null && <span className="muted"> · {t('pkg.export.free', { free: formatBytes(d.freeBytes, locale) })}</span>}
            </span>
          </label>
        ))}
        <label className="check">
          <input type="radio" name="export-target" checked={choice === OTHER} onChange={() => setChoice(OTHER)} />
          <span>{t('pkg.export.otherFolder')}</span>
        </label>
        {choice === OTHER && (
          <input type="text" className="mono" style={{ width: '100%' }} aria-label={t('pkg.export.otherFolder')} value={otherPath} onChange={(e) => setOtherPath(e.target.value)} />
        )}
        {desktop && (
          <button type="button" className="button" disabled={running} onClick={() => void browse()}>
            {t('pkg.export.browse')}
          </button>
        )}
      </fieldset>
      <Field label={t('pkg.export.fileName')} hint={t('pkg.export.fileNameHint')}>
        {(fp) => <input {...fp} type="text" value={fileName} disabled={running} placeholder="….zip" onChange={(e) => setFileName(e.target.value)} />}
      </Field>
      <Field label={t('pkg.export.language')}>
        {(fp) => (
          <select {...fp} value={lang} disabled={running} onChange={(e) => setLang(e.target.value as Locale)}>
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      {estimate && <p>{t('pkg.export.size', { size: formatBytes(estimate.bytes, locale), files: estimate.files })}</p>}
      {tooSmall && estimate && <p className="error-text">{t('pkg.export.notEnoughSpace', { size: formatBytes(estimate.bytes, locale) })}</p>}
      {fat32 && <p className="error-text">{t('pkg.export.fat32')}</p>}
      <div className="inline-form">
        <button
          type="button"
          className="button button-primary"
          disabled={running || !dir || !current || checking}
          // A first export freezes: show what is still open and ask first. A frozen version re-exports as it was.
          onClick={() => (current && !current.frozenAt ? setChecking(true) : void start())}
        >
          {t('pkg.export.start')}
        </button>
        {running && job && (
          <button type="button" className="button button-danger" onClick={() => void api().call('jobs.cancel', { id: job.id }).catch(setError)}>
            {t('pkg.export.cancel')}
          </button>
        )}
      </div>
      {current?.frozenAt && <p className="muted">{t('preExport.frozenAlready')}</p>}
      {checking && current && template && summary && (
        <PreExportCheck
          assessment={current}
          template={template}
          summary={summary}
          statuses={statuses}
          estimate={estimate}
          onConfirm={() => void start()}
          onCancel={() => setChecking(false)}
        />
      )}
      {existing !== null && (
        <p role="alert">
          {t('pkg.export.exists', { file: existing })}{' '}
          <button type="button" className="button button-small button-danger" onClick={() => void start(true)}>
            {t('pkg.export.replace')}
          </button>
        </p>
      )}
      {job && p && (
        <div aria-live="polite">
          <p>
            {t(`pkg.export.phase.${p.phase}`)}{' '}
            {p.bytesTotal > 0 && t('pkg.export.progress', { done: formatBytes(p.bytesDone, locale), total: formatBytes(p.bytesTotal, locale) })}
            {job.etaSeconds !== null && job.state === 'running' && ` · ${t('pkg.export.eta', { eta: formatEta(job.etaSeconds, locale) })}`}
          </p>
          <ProgressBar value={p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0} label={t(`pkg.export.phase.${p.phase}`)} />
        </div>
      )}
      {job?.state === 'done' && job.result && (
        <p className="card inset" role="status">
          ✓ {t('pkg.export.done', { path: job.result.path })}
          <br />
          <span className="muted">{t('pkg.export.doneFacts', { size: formatBytes(job.result.bytes, locale), files: job.result.files, keyId: job.result.keyId })}</span>
        </p>
      )}
      {job?.state === 'cancelled' && <p role="status">{t('pkg.export.cancelled')}</p>}
      <ErrorText error={error} />
      <WordSummaryButton />
    </section>
  );
}

function formatEta(seconds: number, locale: Locale): string {
  if (seconds < 60) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(seconds);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(Math.ceil(seconds / 60));
}
