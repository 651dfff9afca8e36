// Bridge methods of the package domain: the school key, trusted keys, drives,
// export as a polled job, verifying a package, importing a signed template.
// Merged into the contract in contract.ts.
import { z } from 'zod';
import { method } from './define';
import { Locale } from '../domain/settings';
import { SchoolCode } from '../domain/profile';
import { PackageVerifyResult } from '../report/verifyResult';

const KeyId = z.string().regex(/^[0-9A-F]{16}$/);
/** An absolute path on this computer (POSIX or Windows). */
const AbsPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path');

export const KeyInfo = z.object({
  exists: z.boolean(),
  keyId: KeyId.nullable(),
  publicKeyLine: z.string().nullable(),
  fingerprint: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** 'file': owner-only file (CLI, web mode); 'sealed': encrypted by the desktop key store. */
  storage: z.enum(['file', 'sealed']).nullable(),
  /** Set when the desktop key store cannot protect the key (Linux without a keyring). */
  weakness: z.enum(['basic_text']).nullable(),
  /** Ask the user before making a key (weak storage, no consent yet). */
  consentNeeded: z.boolean(),
  retired: z.array(z.object({ keyId: KeyId, publicKeyLine: z.string(), retiredAt: z.string() })),
});
export type KeyInfo = z.infer<typeof KeyInfo>;

export const TrustEntry = z.object({
  keyId: KeyId,
  publicKeyLine: z.string(),
  label: z.string(),
  kind: z.enum(['bureau', 'school']),
  schoolCode: z.string().nullable(),
  addedAt: z.string(),
});
export type TrustEntry = z.infer<typeof TrustEntry>;

export const DriveInfo = z.object({
  path: z.string(),
  label: z.string(),
  kind: z.enum(['removable', 'folder']),
  freeBytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
  fsType: z.string().nullable(),
});
export type DriveInfo = z.infer<typeof DriveInfo>;

export const ExportEstimate = z.object({
  assessmentId: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
});
export type ExportEstimate = z.infer<typeof ExportEstimate>;

export const ExportResult = z.object({
  path: z.string(),
  bagId: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  keyId: z.string(),
  assessmentId: z.string(),
  assessmentVersion: z.number().int(),
  verify: PackageVerifyResult,
});
export type ExportResult = z.infer<typeof ExportResult>;

export const JobSnapshot = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ phase: z.string(), bytesDone: z.number(), bytesTotal: z.number() }),
  etaSeconds: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: ExportResult.nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      detail: z.string().optional(),
    })
    .nullable(),
});
export type JobSnapshot = z.infer<typeof JobSnapshot>;

export const TemplateImportResult = z.object({
  id: z.string(),
  version: z.string(),
  outcome: z.enum(['installed', 'already_installed']),
  keyId: KeyId,
  signedBy: z.string(),
});

/** A package file name: no folders, ends in .zip. */
const ZipFileName = z
  .string()
  .min(5)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+\.zip$/i, 'a file name ending in .zip');

export const packageMethods = {
  'keys.info': method(z.object({}), KeyInfo),
  /** Makes the key now; `acceptWeakStorage` records the user's yes when the key store is weak. */
  'keys.create': method(z.object({ acceptWeakStorage: z.boolean().optional() }), KeyInfo),
  /** New key, announced by a statement signed with the old one (included in later packages). */
  'keys.rotate': method(z.object({}), KeyInfo),
  /** The printable enrolment sheet, a self-contained HTML page. */
  'keys.enrolmentSheet': method(z.object({ locale: Locale.optional() }), z.string()),

  'trust.list': method(z.object({}), z.array(TrustEntry)),
  /** Adds a key from the text of a minisign .pub file. */
  'trust.import': method(
    z.object({
      text: z.string().min(1).max(4096),
      label: z.string().max(200).optional(),
      kind: z.enum(['bureau', 'school']).optional(),
      schoolCode: SchoolCode.optional(),
    }),
    TrustEntry,
  ),
  'trust.remove': method(z.object({ keyId: KeyId }), z.object({ removed: KeyId })),

  'drives.list': method(z.object({}), z.array(DriveInfo)),
  'export.estimate': method(z.object({ assessmentId: z.string().optional() }), ExportEstimate),
  /** Starts an export job; poll jobs.get. The package goes to <dir>/<fileName>. */
  'export.start': method(
    z.object({
      dir: AbsPath,
      fileName: ZipFileName.optional(),
      assessmentId: z.string().optional(),
      locale: Locale.optional(),
      overwrite: z.boolean().optional(),
    }),
    z.object({ jobId: z.string(), path: z.string() }),
  ),
  'jobs.get': method(z.object({ id: z.string().min(1).max(100) }), JobSnapshot),
  'jobs.cancel': method(z.object({ id: z.string().min(1).max(100) }), JobSnapshot),

  'package.verify': method(z.object({ path: AbsPath }), PackageVerifyResult),
  /** A signed template package, by path (desktop) or as bytes (file picker in web mode). */
  'templates.import': method(
    z.union([z.object({ path: AbsPath }), z.object({ name: z.string().max(255), bytes: z.instanceof(Uint8Array) })]),
    TemplateImportResult,
  ),
};
