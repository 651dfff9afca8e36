// "What verify means" (package-format.md) for report packages: the bag checks
// of bagVerifier.ts, then report.json against its schema and against the
// signed trusted comment. The result names the first failure with its own
// code and the file at fault; it never throws for a bad package.
import { parseCommentJson, ReportComment } from '../shared/report/signedComment';
import { digestReport, READABLE_REPORT_VERSIONS, REPORT_FORMAT, REPORT_FORMAT_VERSION, ReportJson } from '../shared/report/schema';
import type { PackageVerifyResult, VerifyCheck, VerifyStage } from '../shared/report/verifyResult';
import { VERIFY_STAGES } from '../shared/report/verifyResult';
import type { TrustedKey } from './keyTypes';
import { TAG } from './bagit';
import { checkSignature, verifyBag, type VerifiedBag } from './bagVerifier';
import { PackageError } from './errors';
import { DEFAULT_LIMITS, type ZipLimits } from './limits';
import { keyIdHex, parsePublicKey } from './minisign';

export const REPORT_JSON = 'data/report.json';
export const REPORT_HTML = 'data/report.html';

export interface VerifyOptions {
  trusted: TrustedKey[];
  limits?: ZipLimits;
  onProgress?(bytesDone: number, bytesTotal: number): void;
}

export const stageOf = (code: PackageError['code']): VerifyStage =>
  code.startsWith('zip') ? 'zip' : code.startsWith('bag') ? 'bag' : code.startsWith('sig') || code.startsWith('rotation') ? 'signature' : 'report';

/** A result with nothing known yet: the verifier fills it in, the CLI reports an internal failure with it. */
export function blankVerifyResult(path: string): PackageVerifyResult {
  return { ok: false, path, bagId: null, schoolCode: null, schoolName: null, signerKeyId: null, keyTrust: 'unknown', trustedAs: null, checks: [], failure: null, report: null };
}

export async function verifyReportPackage(zipPath: string, opts: VerifyOptions): Promise<PackageVerifyResult> {
  const passed = new Set<VerifyStage>();
  const result = blankVerifyResult(zipPath);
  try {
    const bag = await verifyBag(zipPath, {
      trusted: opts.trusted,
      limits: opts.limits ?? DEFAULT_LIMITS,
      wanted: [REPORT_JSON],
      onProgress: opts.onProgress,
      onStageOk: (s) => passed.add(s),
    });
    result.bagId = bag.bagId;
    result.signerKeyId = bag.signature.keyId;
    const report = readReport(bag);
    result.schoolCode = report.school.code;
    result.schoolName = report.school.name;
    result.report = digestReport(report);
    const comment = readComment(bag);
    checkAgreement(bag, report, comment);
    passed.add('report');
    const key = bag.signature.trustedKey ?? checkDeclaredKey(bag, report, result);
    result.keyTrust = key.source === 'rotation' ? 'rotated' : 'trusted';
    result.trustedAs = key.label;
    if (key.schoolCode && key.schoolCode !== comment.school)
      throw new PackageError('sigWrongSchool', TAG.signature, `key ${key.keyId} is registered for school ${key.schoolCode}`);
    passed.add('signature');
    result.ok = true;
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    result.failure = { code: e.code, i18nKey: e.i18nKey, file: e.file ?? null, detail: e.detail ?? null };
    passed.delete(stageOf(e.code));
  }
  result.checks = VERIFY_STAGES.map(
    (stage): VerifyCheck => ({
      stage,
      status: passed.has(stage) ? 'ok' : result.failure && stageOf(result.failure.code as PackageError['code']) === stage ? 'failed' : 'skipped',
    }),
  );
  return result;
}

function readReport(bag: VerifiedBag): ReportJson {
  const bytes = bag.wanted.get(REPORT_JSON);
  if (!bytes) throw new PackageError('reportMalformed', REPORT_JSON, 'the package has no report.json');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new PackageError('reportMalformed', REPORT_JSON, (e as Error).message);
  }
  const head = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if (head.format !== REPORT_FORMAT) throw new PackageError('reportMalformed', REPORT_JSON, `format is not ${REPORT_FORMAT}`);
  if (typeof head.formatVersion !== 'number' || !READABLE_REPORT_VERSIONS.includes(head.formatVersion))
    throw new PackageError('reportVersion', REPORT_JSON, `format version ${String(head.formatVersion)}, this app reads ${REPORT_FORMAT_VERSION}`);
  const parsed = ReportJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageError('reportMalformed', REPORT_JSON, issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema');
  }
  return parsed.data;
}

function readComment(bag: VerifiedBag): ReportComment {
  const parsed = ReportComment.safeParse(parseCommentJson(bag.signature.trustedComment));
  if (!parsed.success) throw new PackageError('sigComment', TAG.signature, 'the trusted comment is not a selfcheck report comment');
  return parsed.data;
}

/** The signed comment, the bag and report.json must tell the same story. */
function checkAgreement(bag: VerifiedBag, report: ReportJson, comment: ReportComment): void {
  const mismatch = (what: string, file = REPORT_JSON): PackageError => new PackageError('reportMismatch', file, what);
  if (comment.bag !== bag.bagId) throw mismatch(`signed bag id ${comment.bag} is not the bag folder ${bag.bagId}`, TAG.signature);
  if (report.bagId !== bag.bagId) throw mismatch(`report bag id ${report.bagId}, signed ${comment.bag}`);
  if (report.school.code !== comment.school) throw mismatch(`report names school ${report.school.code}, the signature ${comment.school}`);
  if (report.assessment.id !== comment.assessment || report.assessment.version !== comment.version)
    throw mismatch(`report is assessment ${report.assessment.id} v${report.assessment.version}, signed ${comment.assessment} v${comment.version}`);
  if (report.signer.keyId !== bag.signature.keyId) throw mismatch(`report names signer ${report.signer.keyId}, signed by ${bag.signature.keyId}`);
  const files = [...report.items.flatMap((i) => i.evidence), ...report.events.flatMap((e) => e.evidence), ...(report.rectification?.items ?? []).flatMap((r) => r.evidence)];
  for (const f of files) {
    const sha = bag.manifest.get(f.path);
    if (sha === undefined) throw mismatch('the report refers to a file the package lacks', f.path);
    if (sha !== f.sha512 || bag.sizes.get(f.path) !== f.size) throw mismatch('the report and the manifest disagree on this file', f.path);
  }
}

/**
 * No trusted key has the signer's id. If the key the report names verifies
 * the signature, the package is intact but from a key nobody registered:
 * a failure of its own ("signature valid but key not trusted").
 */
function checkDeclaredKey(bag: VerifiedBag, report: ReportJson, result: PackageVerifyResult): never {
  let declared;
  try {
    declared = parsePublicKey(report.signer.publicKey);
  } catch {
    throw new PackageError('sigKeyNotTrusted', TAG.signature, `key ${bag.signature.keyId} is not trusted`);
  }
  if (keyIdHex(declared.keyId) !== bag.signature.keyId)
    throw new PackageError('sigKeyNotTrusted', TAG.signature, `key ${bag.signature.keyId} is not trusted`);
  checkSignature(bag.signature.parsed, declared, bag.signature.tagManifestHash);
  result.keyTrust = 'untrusted';
  throw new PackageError('sigKeyNotTrusted', TAG.signature, `signature valid, but key ${bag.signature.keyId} is not trusted`);
}
