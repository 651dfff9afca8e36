// `selfcheck export --data-dir DIR --out FILE [--assessment ID] [--lang zh-CN|en]`:
// freezes the assessment, writes the signed package (via .FILE.selfcheck-partial,
// synced, read back and verified) and renames it to FILE only when all is well.
import { resolve } from 'node:path';
import { packageErrorText } from '../../../shared/report/messages';
import { formatBytes } from '../../../shared/report/html';
import { resolveDataDir } from '../../config/dataDir';
import { createKeyVault } from '../../keys/keyVault';
import { PackageError } from '../../../bag/errors';
import { runExport } from '../../package/export';
import { createCore } from '../../services/core';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';
import { cliLocale } from './verify';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the signed report package of an assessment to a file',
  usage: `Usage: selfcheck export --out FILE [--data-dir DIR] [--assessment ID] [--lang zh-CN|en] [--force]

  --out FILE         the package to write (a .zip); .FILE.selfcheck-partial is used while writing
  --data-dir DIR     data folder (default: $SELFCHECK_DATA_DIR or the OS app-data folder)
  --assessment ID    which assessment (not needed when there is only one)
  --lang zh-CN|en    language of report.html and the reasons (default: the app's setting)
  --force            replace FILE if it exists

Exporting freezes the assessment: later edits start a new version. A failed or
cancelled export leaves it as it was. Leftovers of killed exports in the target
folder (.*.selfcheck-partial from an earlier run) are removed.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      assessment: { type: 'string' },
      lang: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (!values.out) throw new UsageError('--out FILE is required');
    if (!/\.zip$/i.test(values.out)) throw new UsageError('--out must name a .zip file');
    const messages = cliLocale(undefined);
    const locale = values.lang === undefined ? undefined : cliLocale(values.lang);
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let lastShown = 0;
    try {
      const r = await runExport(
        { core, vault: createKeyVault(dataDir) },
        { outPath: resolve(values.out), assessmentId: values.assessment, locale, overwrite: values.force },
        {
          signal: abort.signal,
          onProgress: (p) => {
            const now = Date.now();
            if (now - lastShown < 1000 && p.phase !== 'done') return;
            lastShown = now;
            io.err(`${p.phase} ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}`);
          },
        },
      );
      io.out(`OK  ${r.path}  bag=${r.bagId}  ${formatBytes(r.bytes)}  ${r.files} files  key=${r.keyId}  assessment=${r.assessmentId} v${r.assessmentVersion}`);
      return 0;
    } catch (e) {
      if (!(e instanceof PackageError)) throw e;
      io.err(`FAIL  ${e.code}: ${packageErrorText(messages, e.code, { file: e.file ?? '' })}${e.detail ? ` [${e.detail}]` : ''}`);
      return 1;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      core.close();
    }
  },
};
