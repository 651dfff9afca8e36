// What goes into a report package, from one of two places:
// - the first export of a frozen version plans it from the live data (report,
//   evidence list, a new bag id, now as the signing time) and hands back the
//   record of what it wrote, to be kept (frozenPackages.ts);
// - every later export of that version replays the record, so the package is
//   byte for byte the one signed first, whatever changed in the live data (or
//   in how this app version renders reports) since.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { planReport, type ReportPlan } from '../../shared/report/build';
import { renderReportHtml } from '../../shared/report/html';
import type { ReportJson } from '../../shared/report/schema';
import type { Locale } from '../../shared/domain/settings';
import type { Assessment } from '../../shared/domain/assessment';
import type { SchoolProfile } from '../../shared/domain/profile';
import type { SchoolKey } from '../../bag/keyTypes';
import { PackageError } from '../../bag/errors';
import type { EvidenceSource } from '../../bag/reportPackage';
import type { Core } from '../services/core';
import type { FrozenPackage } from './frozenPackages';
import { rectificationFor } from '../review/rectificationInput';

export const makeBagId = (schoolCode: string, version: number, now: Date): string =>
  `${schoolCode}-${now.toISOString().slice(0, 10).replace(/-/g, '')}-v${version}-${randomBytes(3).toString('hex')}`;

export function planFor(core: Core, assessment: Assessment, profile: SchoolProfile, key: { keyId: string; publicKeyLine: string }, locale: Locale, bagId: string, now: Date): ReportPlan {
  return planReport({
    bagId,
    locale,
    generatedAt: now.toISOString(),
    app: { name: 'selfcheck', version: core.appVersion },
    signer: { keyId: key.keyId, publicKey: key.publicKeyLine },
    profile,
    assessment,
    template: core.templates.get(assessment.templateId, assessment.templateVersion),
    summary: core.summary.compute(assessment.id),
    answers: core.answers.list(assessment.id),
    evidence: core.evidence.list(false),
    events: core.events.list(false),
    rectification: rectificationFor(core, assessment.id),
  });
}

export interface PackageSource {
  bagId: string;
  signedAt: Date;
  schoolCode: string;
  schoolName: string;
  appVersion: string;
  evidence: EvidenceSource[];
  report(sha512ByPath: ReadonlyMap<string, string>): ReportJson;
  html(report: ReportJson): string;
  renderPdf?: (html: string) => Promise<Uint8Array>;
  /** After the write: what to keep for later exports; null when replaying a kept one. */
  record(): FrozenPackage | null;
}

interface Context {
  assessment: Assessment;
  profile: SchoolProfile;
  key: SchoolKey;
  locale: Locale;
  now: Date;
}

const evidenceSource = (core: Core, e: { path: string; sha256: string; size: number }, name: string): EvidenceSource => {
  const file = core.evidence.store.objectPath(e.sha256);
  if (!existsSync(file)) throw new PackageError('exportSourceChanged', name, 'the stored file is missing');
  return { path: e.path, file, size: e.size, sha256: e.sha256 };
};

export function packageSource(deps: { core: Core; renderPdf?: (html: string) => Promise<Uint8Array> }, kept: FrozenPackage | null, c: Context): PackageSource {
  if (kept) return replay(deps.core, kept, c.key);
  const { core } = deps;
  const bagId = makeBagId(c.profile.code, c.assessment.version, c.now);
  const plan = planFor(core, c.assessment, c.profile, c.key, c.locale, bagId, c.now);
  const evidence = plan.files.map((p) => evidenceSource(core, { path: p.path, sha256: p.file.sha256, size: p.file.size }, p.file.originalName));
  let json: Buffer | null = null;
  let html: Buffer | null = null;
  let pdf: Buffer | null = null;
  const renderPdf = deps.renderPdf;
  return {
    bagId,
    signedAt: c.now,
    schoolCode: c.profile.code,
    schoolName: c.profile.name,
    appVersion: core.appVersion,
    evidence,
    report(hashes) {
      const report = plan.build(hashes);
      json = Buffer.from(reportJsonText(report));
      return report;
    },
    html(report) {
      const text = renderReportHtml(report);
      html = Buffer.from(text);
      return text;
    },
    renderPdf: renderPdf && (async (text) => {
      const bytes = await renderPdf(text);
      pdf = Buffer.from(bytes);
      return bytes;
    }),
    record() {
      if (!json || !html) throw new Error('the report was not written');
      return {
        assessmentId: c.assessment.id,
        bagId,
        signedAt: c.now.toISOString(),
        keyId: c.key.keyId,
        appVersion: core.appVersion,
        schoolCode: c.profile.code,
        schoolName: c.profile.name,
        reportJson: json,
        reportHtml: html,
        reportPdf: pdf,
        evidence: evidence.map((e) => ({ path: e.path, sha256: e.sha256, size: e.size })),
      };
    },
  };
}

/** How bag/reportPackage.ts writes report.json; a replay must come out the same. */
const reportJsonText = (report: ReportJson): string => JSON.stringify(report, null, 2) + '\n';

function replay(core: Core, kept: FrozenPackage, key: SchoolKey): PackageSource {
  // Another key makes another signature: the package could not be the one signed first.
  if (kept.keyId !== key.keyId) throw new PackageError('exportKeyChanged', undefined, `version signed with key ${kept.keyId}, the school key is now ${key.keyId}`);
  // The stored text is what JSON.stringify wrote, so parsing and writing it again gives the same bytes (checked below).
  const report = JSON.parse(kept.reportJson.toString('utf8')) as ReportJson;
  if (reportJsonText(report) !== kept.reportJson.toString('utf8')) throw new PackageError('exportSourceChanged', 'data/report.json', 'the kept report does not round-trip');
  const pdf = kept.reportPdf;
  return {
    bagId: kept.bagId,
    signedAt: new Date(kept.signedAt),
    schoolCode: kept.schoolCode,
    schoolName: kept.schoolName,
    appVersion: kept.appVersion,
    evidence: kept.evidence.map((e) => evidenceSource(core, e, e.path)),
    report: () => report,
    html: () => kept.reportHtml.toString('utf8'),
    renderPdf: pdf ? () => Promise.resolve(pdf) : undefined,
    record: () => null,
  };
}
