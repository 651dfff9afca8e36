// What a receiver needs from a report package it has already verified: the
// report's identity fields and the key rotation statements it carries. Read
// with the same safe zip reader; call only after verifyReportPackage said ok.
// The parsed report comes back too, so a receiver reads the zip once.
import { ReportJson } from '../shared/report/schema';
import { PackageError } from './errors';
import { DEFAULT_LIMITS } from './limits';
import { isRotationFile, type SignedStatement } from './rotation';
import { REPORT_JSON } from './verify';
import { SafeZip } from './zipReader';

export interface PackageFacts {
  bagId: string;
  schoolCode: string;
  schoolName: string;
  assessmentId: string;
  assessmentVersion: number;
  /** The assessment version (bag) this one says it replaces, if any. */
  replaces: string | null;
  signerKeyId: string;
  rotation: SignedStatement[];
  /** The whole parsed data/report.json (the server indexes it; read once with the facts). */
  report: ReportJson;
}

export async function readPackageFacts(zipPath: string): Promise<PackageFacts> {
  const zip = await SafeZip.open(zipPath, DEFAULT_LIMITS);
  try {
    const byPath = new Map(zip.files.map((f) => [f.path, f]));
    const entry = byPath.get(REPORT_JSON);
    if (!entry) throw new PackageError('reportMalformed', REPORT_JSON, 'the package has no report.json');
    const report = ReportJson.parse(JSON.parse((await zip.readAll(entry, DEFAULT_LIMITS.maxInMemoryBytes)).toString('utf8')));
    const rotation: SignedStatement[] = [];
    for (const f of zip.files) {
      if (!isRotationFile(f.path) || f.path.endsWith('.minisig')) continue;
      const sig = byPath.get(f.path + '.minisig');
      if (!sig) continue;
      rotation.push({ name: f.path, json: await zip.readAll(f, DEFAULT_LIMITS.maxUnsignedBytes), signature: (await zip.readAll(sig, DEFAULT_LIMITS.maxUnsignedBytes)).toString('utf8') });
    }
    return {
      bagId: zip.topFolder,
      schoolCode: report.school.code,
      schoolName: report.school.name,
      assessmentId: report.assessment.id,
      assessmentVersion: report.assessment.version,
      replaces: report.assessment.replaces,
      signerKeyId: report.signer.keyId,
      rotation,
      report,
    };
  } finally {
    await zip.close();
  }
}
