// Handlers of the package methods (shared/api/package.ts), merged into the
// dispatch map by electron/api/index.ts. Plain Node: the desktop app passes
// its safeStorage sealer and its printToPDF through PackageRuntimeOptions.
import { checkExportFolder } from './exportFolder';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyInfo } from '../../shared/api/package';
import { sanitiseFileName } from '../../shared/report/evidencePath';
import type { Handlers } from '../api/dispatch';
import { keyFingerprint, renderEnrolmentSheet } from '../keys/enrolmentSheet';
import { createKeyVault, type KeyVault, type SeedSealer } from '../keys/keyVault';
import { reportTrust } from '../keys/reportTrust';
import { TrustStore } from '../keys/trustStore';
import type { Core } from '../services/core';
import { localIsoDate } from '../services/summary';
import { listDrives, type DriveListOptions } from './drives';
import { PackageError } from '../../bag/errors';
import { estimateExport, pickAssessment, runExport, type ExportResult } from './export';
import { JobRegistry } from './jobs';
import { importTemplatePackage } from './templateImport';
import { verifyReportPackage } from '../../bag/verify';

export interface PackageRuntimeOptions {
  /** The desktop key store (Electron safeStorage); without it the key is an owner-only file. */
  sealer?: SeedSealer;
  /** The desktop app's printToPDF for data/report.pdf; the CLI and web mode have none. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
  jobs?: JobRegistry;
  drives?: DriveListOptions;
}

/** PackageErrors become ApiErrors (code + i18n key + the file at fault); anything else passes through. */
function guard<A, R>(fn: (args: A) => R | Promise<R>): (args: A) => Promise<R> {
  return async (args) => {
    try {
      return await fn(args);
    } catch (e) {
      throw e instanceof PackageError ? e.toApiError() : e;
    }
  };
}

export function keyInfo(vault: KeyVault): KeyInfo {
  const s = vault.status();
  return { ...s, fingerprint: s.publicKeyLine ? keyFingerprint(s.publicKeyLine) : null };
}

export function createPackageHandlers(core: Core, opts: PackageRuntimeOptions = {}): Handlers {
  const vault = createKeyVault(core.paths.dataDir, opts.sealer);
  const trust = TrustStore.forDataDir(core.paths.dataDir);
  const jobs = opts.jobs ?? new JobRegistry();
  const requireProfile = () => {
    const p = core.profile.get();
    if (!p) throw new PackageError('exportNoProfile');
    return p;
  };

  const h = {
    'keys.info': guard(() => keyInfo(vault)),
    'keys.create': guard(({ acceptWeakStorage }: { acceptWeakStorage?: boolean }) => {
      vault.loadOrCreate({ acceptWeakStorage });
      return keyInfo(vault);
    }),
    'keys.rotate': guard(() => {
      vault.rotate(requireProfile().code);
      return keyInfo(vault);
    }),
    'keys.enrolmentSheet': guard(async ({ locale }: { locale?: 'zh-CN' | 'en' }) => {
      const profile = requireProfile();
      const key = vault.loadOrCreate();
      return renderEnrolmentSheet({
        schoolName: profile.name,
        schoolCode: profile.code,
        keyId: key.keyId,
        publicKeyLine: key.publicKeyLine,
        date: localIsoDate(new Date()),
        locale: locale ?? core.settings.get().locale,
      });
    }),

    'trust.list': guard(() => trust.list()),
    'trust.import': guard((a: { text: string; label?: string; kind?: 'bureau' | 'school'; schoolCode?: string }) => trust.add(a.text, a)),
    'trust.remove': guard(({ keyId }: { keyId: string }) => {
      trust.remove(keyId);
      return { removed: keyId };
    }),

    'drives.list': guard(() => listDrives(opts.drives)),
    'export.estimate': guard(({ assessmentId }: { assessmentId?: string }) => estimateExport(core, assessmentId)),
    'export.start': guard(
      (a: { dir: string; fileName?: string; assessmentId?: string; locale?: 'zh-CN' | 'en'; overwrite?: boolean }) => {
        checkExportFolder(a.dir);
        const profile = requireProfile();
        const assessment = pickAssessment(core, a.assessmentId);
        const fileName = a.fileName ?? `${sanitiseFileName(`${profile.name}-${assessment.label}-v${assessment.version}`)}.zip`;
        const path = join(a.dir, fileName);
        if (existsSync(path) && !a.overwrite) throw new PackageError('exportTargetExists', path);
        const jobId = jobs.start<ExportResult>('export', (signal, report) =>
          runExport(
            { core, vault, renderPdf: opts.renderPdf },
            { outPath: path, assessmentId: assessment.id, locale: a.locale, overwrite: a.overwrite },
            { signal, onProgress: report },
          ),
        );
        return { jobId, path };
      },
    ),
    'jobs.get': guard(({ id }: { id: string }) => jobs.get(id) as ReturnType<JobRegistry['get']> & { result: ExportResult | null }),
    'jobs.cancel': guard(({ id }: { id: string }) => jobs.cancel(id) as ReturnType<JobRegistry['get']> & { result: ExportResult | null }),

    'package.verify': guard(({ path }: { path: string }) =>
      verifyReportPackage(path, { trusted: reportTrust(core.paths.dataDir, core.profile.get()?.code) }),
    ),
    'templates.import': guard(async (a: { path: string } | { name: string; bytes: Uint8Array }) => {
      let path: string;
      let cleanup = (): void => undefined;
      if ('path' in a) path = a.path;
      else {
        const tmp = mkdtempSync(join(tmpdir(), 'selfcheck-template-'));
        path = join(tmp, 'template.zip');
        writeFileSync(path, a.bytes);
        cleanup = () => rmSync(tmp, { recursive: true, force: true });
      }
      try {
        const r = await importTemplatePackage(path, trust.trusted('bureau'), core.templates);
        return { id: r.template.id, version: r.template.version, outcome: r.outcome, keyId: r.keyId, signedBy: r.signedBy };
      } finally {
        cleanup();
      }
    }),
  } satisfies Handlers;
  return h;
}
