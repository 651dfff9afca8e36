// Exporting an assessment as a signed report package:
//   1. remove partial files that killed exports left in the target folder;
//   2. freeze the assessment (later edits make a new version that names it),
//      storing its summary; edits are refused from here on;
//   3. plan the report: which evidence files go in, under which names;
//   4. stream everything into ".<final>.selfcheck-partial", syncing as it goes;
//   5. read the partial file back and verify it like the bureau will;
//   6. only then rename it to the final name, sync the folder, and make the
//      freeze final.
// Any failure before the rename (disk full, stick pulled, cancel) removes the
// partial file, so nothing incomplete ever carries the final name, and thaws the
// assessment if this export froze it: no package, no freeze. After the rename the
// package exists, so the freeze stays whatever happens next.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Locale } from '../../shared/domain/settings';
import type { Assessment } from '../../shared/domain/assessment';
import type { SchoolProfile } from '../../shared/domain/profile';
import type { PackageVerifyResult } from '../../shared/report/verifyResult';
import type { Core } from '../services/core';
import type { KeyVault } from '../keys/keyVault';
import type { SchoolKey, TrustedKey } from '../../bag/keyTypes';
import { PackageError } from '../../bag/errors';
import { holdPartial, partialPathFor, removeStalePartials } from '../../bag/partialFiles';
import { writeReportPackage } from '../../bag/reportPackage';
import { SyncedFileWriter } from '../../bag/syncedFileWriter';
import { verifyReportPackage } from '../../bag/verify';
import { enqueueExported } from '../sync/forCore';
import { FrozenPackageStore, type FrozenPackage } from './frozenPackages';
import { packageSource, planFor } from './packageSource';

export interface ExportRequest {
  outPath: string;
  assessmentId?: string;
  locale?: Locale;
  /** Replace an existing file of the final name (the UI asks first). */
  overwrite?: boolean;
}

export interface ExportProgress {
  phase: 'preparing' | 'writing' | 'verifying' | 'done';
  bytesDone: number;
  bytesTotal: number;
}

export interface ExportResult {
  path: string;
  bagId: string;
  bytes: number;
  files: number;
  keyId: string;
  assessmentId: string;
  assessmentVersion: number;
  verify: PackageVerifyResult;
}

export interface ExportDeps {
  core: Core;
  vault: KeyVault;
  /** The desktop app prints report.html to PDF with Electron; the CLI has none. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
}

export interface Estimate {
  assessmentId: string;
  files: number;
  /** Evidence plus a generous allowance for the report and zip headers. */
  bytes: number;
}

/** The assessment to export: the one named, or the only one there is. */
export function pickAssessment(core: Core, id?: string): Assessment {
  if (id) return core.assessments.get(id);
  const all = core.assessments.list();
  if (all.length === 0) throw new PackageError('exportNoAssessment');
  // A frozen version continued by a newer one is not a candidate of its own.
  const replaced = new Set(all.map((a) => a.replacesId).filter((x): x is string => x !== null));
  const candidates = all.filter((a) => !replaced.has(a.id));
  if (candidates.length !== 1) throw new PackageError('exportChooseAssessment', undefined, candidates.map((a) => `${a.id} (${a.label})`).join(', '));
  return candidates[0] as Assessment;
}

function requireProfile(core: Core): SchoolProfile {
  const p = core.profile.get();
  if (!p) throw new PackageError('exportNoProfile');
  return p;
}

export function estimateExport(core: Core, assessmentId?: string): Estimate {
  const assessment = pickAssessment(core, assessmentId);
  const profile = requireProfile(core);
  const frozenView = { ...assessment, frozenAt: assessment.frozenAt ?? new Date().toISOString() };
  const plan = planFor(core, frozenView, profile, { keyId: '0000000000000000', publicKeyLine: '' }, 'zh-CN', 'estimate', new Date());
  const evidenceBytes = plan.files.reduce((n, f) => n + f.file.size, 0);
  const perFile = 200; // zip headers, manifest lines
  // + report.json, report.html, VERIFY.txt
  return { assessmentId: assessment.id, files: plan.files.length + 3, bytes: evidenceBytes + 512 * 1024 + plan.files.length * perFile };
}

export { makeBagId } from './packageSource';

export async function runExport(
  deps: ExportDeps,
  req: ExportRequest,
  opts: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void; now?: () => Date } = {},
): Promise<ExportResult> {
  const { core, vault } = deps;
  const now = (opts.now ?? (() => new Date()))();
  const progress = opts.onProgress ?? (() => undefined);
  progress({ phase: 'preparing', bytesDone: 0, bytesTotal: 0 });

  const finalPath = req.outPath;
  const partialPath = partialPathFor(finalPath);
  if (!existsSync(dirname(finalPath))) throw new PackageError('exportDeviceGone', dirname(finalPath), 'the target folder does not exist');
  if (existsSync(finalPath) && !req.overwrite) throw new PackageError('exportTargetExists', finalPath);
  removeStalePartials(dirname(finalPath));

  const profile = requireProfile(core);
  const picked = pickAssessment(core, req.assessmentId);
  const key = vault.loadOrCreate();
  const freeze = core.assessments.freezeForExport(picked.id);
  const assessment = freeze.assessment;
  const releasePartial = holdPartial(partialPath);
  let writer: SyncedFileWriter | null = null;
  let renamed = false;
  const frozenPackages = new FrozenPackageStore(core.db, () => now);
  let stored: FrozenPackage | null = null;
  try {
    const source = packageSource(deps, frozenPackages.get(assessment.id), { assessment, profile, key, locale: req.locale ?? core.settings.get().locale, now });
    const { bagId, evidence } = source;
    if (opts.signal?.aborted) throw new PackageError('exportCancelled');
    writer = await SyncedFileWriter.open(partialPath);
    const closed = new Promise<void>((resolve) => (writer as SyncedFileWriter).once('close', () => resolve()));
    const written = await writeReportPackage(writer, {
      bagId,
      key,
      rotation: vault.rotationStatements(),
      schoolCode: source.schoolCode,
      schoolName: source.schoolName,
      assessmentId: assessment.id,
      assessmentVersion: assessment.version,
      appVersion: source.appVersion,
      signedAt: source.signedAt,
      evidence,
      report: source.report,
      html: source.html,
      renderPdf: source.renderPdf,
      signal: opts.signal,
      onProgress: (p) => progress({ phase: 'writing', bytesDone: p.bytesIn, bytesTotal: p.totalIn }),
    });
    await closed;
    if (opts.signal?.aborted) throw new PackageError('exportCancelled');

    const zipBytes = statSync(partialPath).size;
    const verify = await verifyReportPackage(partialPath, {
      trusted: [ownTrust(key, profile.code)],
      onProgress: (done, total) => progress({ phase: 'verifying', bytesDone: done, bytesTotal: total }),
    });
    if (!verify.ok)
      throw new PackageError('exportVerifyFailed', verify.failure?.file ?? undefined, `${verify.failure?.code ?? '?'}: ${verify.failure?.detail ?? ''}`);
    if (opts.signal?.aborted) throw new PackageError('exportCancelled');
    // The first package of this version: what it signed is kept, so later exports write the same bytes.
    const record = source.record();
    if (record && frozenPackages.insert(record)) stored = record;
    renameSync(partialPath, finalPath);
    renamed = true;
    syncFolder(dirname(finalPath));
    settleQuietly(freeze.commit);
    await enqueueExported(core, { path: finalPath, bagId, assessmentId: assessment.id, assessmentVersion: assessment.version }); // issue 11: outbox
    progress({ phase: 'done', bytesDone: zipBytes, bytesTotal: zipBytes });
    return {
      path: finalPath,
      bagId,
      bytes: zipBytes,
      files: written.payloadFiles,
      keyId: key.keyId,
      assessmentId: assessment.id,
      assessmentVersion: assessment.version,
      verify: { ...verify, path: finalPath },
    };
  } catch (e) {
    writer?.destroy();
    await new Promise((r) => setImmediate(r));
    if (!renamed) {
      rmSync(partialPath, { force: true });
      if (stored) settleQuietly(() => frozenPackages.remove(assessment.id, (stored as FrozenPackage).bagId));
      settleQuietly(freeze.thaw);
    }
    throw toExportError(e, finalPath);
  } finally {
    releasePartial();
  }
}

/**
 * Makes this export's freeze final, or undoes it. Should the database refuse (busy,
 * disk full), the assessment stays frozen, which is safe (a new version can continue
 * it; the bookkeeping row goes at the next start), and the export's own outcome is
 * the one to report.
 */
function settleQuietly(settle: () => void): void {
  try {
    settle();
  } catch {
    // see above
  }
}

export const ownTrust = (key: SchoolKey, schoolCode: string): TrustedKey => ({
  key: key.secret,
  keyId: key.keyId,
  label: 'this school',
  schoolCode,
  source: 'own',
});

/** Turns what the file system said into a message a person can act on. */
export function toExportError(e: unknown, target: string): PackageError | Error {
  if (e instanceof PackageError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new PackageError('exportDiskFull', target, code);
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
    case 'ENOENT':
    case 'ESTALE':
    case 'ENOTCONN':
      return new PackageError('exportDeviceGone', target, code);
    case 'EFBIG':
      return new PackageError('exportWriteFailed', target, 'EFBIG: the file is too large for this drive (FAT32 allows 4 GB per file; use exFAT or NTFS)');
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new PackageError('exportWriteFailed', target, `${code}: the drive is read-only or not writable`);
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
}

/** Makes the rename itself durable (POSIX); Windows has no directory fsync. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (vfat over FUSE) refuse a directory fsync; the file itself is synced.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
