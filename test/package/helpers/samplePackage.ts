// A small, valid signed report package made with the real writer, for the
// verify and tamper tests (the export tests make theirs from the services).
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import type { ReportJson } from '../../../shared/report/schema';
import type { TrustedKey } from '../../../bag/keyTypes';
import { toSchoolKey, type SchoolKey } from '../../../bag/keyTypes';
import { generateSecretKey } from '../../../bag/minisign';
import { writeReportPackage } from '../../../bag/reportPackage';
import { SyncedFileWriter } from '../../../bag/syncedFileWriter';
import type { SignedStatement } from '../../../bag/rotation';

export const SCHOOL_CODE = '1430000001';

export function newSchoolKey(): SchoolKey {
  return toSchoolKey(generateSecretKey(), new Date().toISOString());
}

export const trustOf = (key: SchoolKey, schoolCode: string | undefined = SCHOOL_CODE): TrustedKey => ({
  key: key.secret,
  keyId: key.keyId,
  label: 'test school',
  schoolCode,
  source: 'trust-store',
});

export interface SampleOptions {
  key?: SchoolKey;
  bagId?: string;
  rotation?: SignedStatement[];
  /** Change the report after it is built (and before it is signed). */
  mutateReport?: (r: ReportJson) => void;
  /** More evidence files (e.g. a large video for the server benchmark). */
  extraEvidence?: { name: string; bytes: Buffer }[];
  /** Another school than SCHOOL_CODE (the workspace tests send from several). */
  schoolCode?: string;
}

export async function makeSamplePackage(dir: string, opts: SampleOptions = {}): Promise<{ zipPath: string; key: SchoolKey }> {
  const key = opts.key ?? newSchoolKey();
  const schoolCode = opts.schoolCode ?? SCHOOL_CODE;
  const bagId = opts.bagId ?? `${schoolCode}-20250101-v1-abc123`;
  const files = [
    { name: 'photo.jpg', bytes: randomBytes(50_000) },
    { name: 'minutes.txt', bytes: Buffer.from('会议纪要\n'.repeat(500)) },
    ...(opts.extraEvidence ?? []),
  ].map((f) => {
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const file = join(dir, f.name);
    writeFileSync(file, f.bytes);
    return { path: `data/evidence/${sha256.slice(0, 12)}-${f.name}`, file, size: f.bytes.length, sha256, name: f.name };
  });
  const zipPath = join(dir, `${bagId}.zip`);
  const out = await SyncedFileWriter.open(zipPath);
  await writeReportPackage(out, {
    bagId,
    key,
    rotation: opts.rotation ?? [],
    schoolCode,
    schoolName: '测试小学',
    assessmentId: 'a-1',
    assessmentVersion: 1,
    appVersion: '0.0.0-test',
    signedAt: new Date('2025-01-01T08:00:00Z'),
    evidence: files,
    report: (hashes) => {
      const r = sampleReport(bagId, key, files.map((f) => ({ path: f.path, sha512: hashes.get(f.path) ?? '', size: f.size, name: f.name })));
      r.school.code = schoolCode;
      opts.mutateReport?.(r);
      return r;
    },
    html: (r) => `<!doctype html><html><body><h1>${r.school.code}</h1></body></html>`,
  });
  return { zipPath, key };
}

function sampleReport(bagId: string, key: SchoolKey, files: { path: string; sha512: string; size: number; name: string }[]): ReportJson {
  const figures = { total: 2, answered: 2, met: 1, partlyMet: 1, notMet: 0, notApplicable: 0, progress: 1, compliance: 0.75 };
  return {
    format: 'selfcheck-report',
    formatVersion: 1,
    bagId,
    language: 'zh-CN',
    generatedAt: '2025-01-01T08:00:00.000Z',
    app: { name: 'selfcheck', version: '0.0.0-test' },
    signer: { keyId: key.keyId, publicKey: key.publicKeyLine },
    school: {
      name: '测试小学',
      code: SCHOOL_CODE,
      type: 'primary',
      county: '吉首市',
      counts: { students: 300, classes: 12, staff: 25, studentsWithDisabilities: 2 },
      boarding: false,
      hasSchoolBus: false,
      hasCanteen: true,
    },
    assessment: {
      id: 'a-1',
      version: 1,
      replaces: null,
      label: '2024–2025 学年',
      periodKind: 'school_year',
      startDate: '2024-09-01',
      endDate: '2025-07-15',
      frozenAt: '2025-01-01T08:00:00.000Z',
      template: { id: 'hunan-school-selfcheck', version: '1.0.0', title: { 'zh-CN': '自查清单', en: 'Checklist' } },
    },
    overall: figures,
    areas: [{ ...figures, areaCode: 'SAF', title: '安全' }],
    failedKeyItems: [],
    items: [
      {
        code: 'SAF-01',
        areaCode: 'SAF',
        title: '消防演练',
        type: 'yes_no',
        status: 'met',
        key: false,
        confidential: false,
        reasons: [{ key: 'reason.met.value', params: {}, text: '达到要求' }],
        value: { type: 'yes_no', value: true },
        valueText: '是',
        note: '',
        evidenceCount: 2,
        evidenceRequired: 1,
        evidence: files.map((f) => ({ path: f.path, sha512: f.sha512, size: f.size, mime: 'application/octet-stream', caption: '', originalName: f.name })),
      },
      {
        code: 'SAF-02',
        areaCode: 'SAF',
        title: '心理辅导',
        type: 'number',
        status: 'partly_met',
        key: false,
        confidential: true,
        reasons: [],
        evidenceCount: 0,
        evidenceRequired: 1,
        evidence: [],
      },
    ],
    events: [],
  };
}

/** Every entry of a zip we made ourselves (trusted: used only to rewrite test packages). */
export async function readZipEntries(zipPath: string): Promise<{ name: string; data: Buffer }[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const out: { name: string; data: Buffer }[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  zip.close();
  return out;
}
