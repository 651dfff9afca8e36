// Puts a report into a signed bag: data/report.json and data/report.html
// (built once the evidence hashes are known), data/report.pdf when the
// desktop app can print one, the evidence files, the key rotation statements,
// bag-info.txt and the signature whose trusted comment names school, bag,
// assessment version and signing time.
import type { Writable } from 'node:stream';
import type { ReportJson } from '../shared/report/schema';
import { SIGNED_COMMENT_APP, type ReportComment } from '../shared/report/signedComment';
import type { SignedStatement } from './rotation';
import type { SchoolKey } from './keyTypes';
import { writeBagZip, type BagProgress, type BagWriteResult, type PayloadSource } from './bagZipWriter';
import { canonicalJson } from './canonicalJson';
import { signMessage } from './minisign';
import { REPORT_HTML, REPORT_JSON } from './verify';
import { VERIFY_TXT, verifyInstructions } from '../shared/report/printParts';

export const REPORT_PDF = 'data/report.pdf';

export interface EvidenceSource {
  /** Where it goes in the bag: data/evidence/<sha256 prefix>-<sanitised name>. */
  path: string;
  file: string;
  size: number;
  sha256: string;
}

export interface ReportPackageInput {
  /** Everything but the evidence hashes, which are filled in as the files stream. */
  report: (sha512ByPath: ReadonlyMap<string, string>) => ReportJson;
  html: (report: ReportJson) => string;
  renderPdf?: (html: string) => Promise<Uint8Array>;
  evidence: EvidenceSource[];
  key: SchoolKey;
  rotation: SignedStatement[];
  bagId: string;
  schoolCode: string;
  schoolName: string;
  assessmentId: string;
  assessmentVersion: number;
  appVersion: string;
  signedAt: Date;
  signal?: AbortSignal;
  onProgress?(p: BagProgress): void;
}

export function writeReportPackage(out: Writable, input: ReportPackageInput): Promise<BagWriteResult> {
  let report: ReportJson | null = null;
  let html: string | null = null;
  const built = (): { report: ReportJson; html: string } => {
    if (!report || !html) throw new Error('report not built yet');
    return { report, html };
  };
  const payload: PayloadSource[] = [
    ...input.evidence.map((e) => ({ path: e.path, file: e.file, size: e.size, sha256: e.sha256 })),
    {
      path: REPORT_JSON,
      sizeHint: 64 * 1024,
      build: (hashes) => {
        report = input.report(hashes);
        html = input.html(report);
        return Buffer.from(JSON.stringify(report, null, 2) + '\n');
      },
    },
    { path: REPORT_HTML, sizeHint: 64 * 1024, build: () => Buffer.from(built().html) },
    // The verification instructions report.html points to, as plain text anyone can open.
    { path: VERIFY_TXT, sizeHint: 4 * 1024, build: () => Buffer.from(verifyInstructions(built().report)) },
  ];
  const renderPdf = input.renderPdf;
  if (renderPdf) payload.push({ path: REPORT_PDF, sizeHint: 256 * 1024, build: () => renderPdf(built().html) });

  const comment: ReportComment = {
    app: SIGNED_COMMENT_APP,
    kind: 'report',
    bag: input.bagId,
    school: input.schoolCode,
    assessment: input.assessmentId,
    version: input.assessmentVersion,
    signed: input.signedAt.toISOString(),
  };
  const extraTagFiles = input.rotation.flatMap((s) => [
    { path: s.name, bytes: s.json },
    { path: `${s.name}.minisig`, bytes: Buffer.from(s.signature) },
  ]);
  return writeBagZip(out, {
    bagId: input.bagId,
    payload,
    extraTagFiles,
    mtime: input.signedAt,
    signal: input.signal,
    onProgress: input.onProgress,
    bagInfo: [
      ['Source-Organization', input.schoolName],
      ['External-Identifier', input.bagId],
      ['Bagging-Date', input.signedAt.toISOString().slice(0, 10)],
      ['Bag-Software-Agent', `selfcheck ${input.appVersion}`],
      ['Internal-Sender-Identifier', `${input.assessmentId} v${input.assessmentVersion}`],
      ['Selfcheck-School-Code', input.schoolCode],
      ['Selfcheck-Signer-Key-Id', input.key.keyId],
    ],
    sign: (tagManifest) =>
      signMessage(tagManifest, input.key.secret, {
        trustedComment: canonicalJson(comment),
        untrustedComment: `selfcheck report ${input.bagId}, school ${input.schoolCode}, key ${input.key.keyId}`,
      }),
  });
}
