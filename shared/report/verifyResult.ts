// What verifying a package tells the person holding it: each stage's outcome,
// who signed it and whether we trust that key, the first failure (an i18n key
// and the file at fault) and, when the report could be read, its digest.
import { z } from 'zod';
import { ReportDigest } from './schema';

export const VERIFY_STAGES = ['zip', 'bag', 'signature', 'report'] as const;
export const VerifyStage = z.enum(VERIFY_STAGES);
export type VerifyStage = z.infer<typeof VerifyStage>;

export const VerifyCheck = z.object({
  stage: VerifyStage,
  status: z.enum(['ok', 'failed', 'skipped']),
});
export type VerifyCheck = z.infer<typeof VerifyCheck>;

export const KeyTrust = z.enum([
  'trusted', // a registered / trusted key signed it
  'rotated', // a key reached from a trusted one through signed rotation statements
  'untrusted', // the signature is valid for the key the package names, but nobody registered that key
  'unknown', // the signature could not be checked
]);
export type KeyTrust = z.infer<typeof KeyTrust>;

export const VerifyFailure = z.object({
  /** PackageErrorCode; the i18n key is `package.<code>`. */
  code: z.string(),
  i18nKey: z.string(),
  /** The file at fault, relative to the bag root, when there is one. */
  file: z.string().nullable(),
  detail: z.string().nullable(),
});
export type VerifyFailure = z.infer<typeof VerifyFailure>;

export const PackageVerifyResult = z.object({
  ok: z.boolean(),
  path: z.string(),
  bagId: z.string().nullable(),
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  signerKeyId: z.string().nullable(),
  keyTrust: KeyTrust,
  /** The label of the trusted key that vouches for the signer. */
  trustedAs: z.string().nullable(),
  checks: z.array(VerifyCheck),
  failure: VerifyFailure.nullable(),
  report: ReportDigest.nullable(),
});
export type PackageVerifyResult = z.infer<typeof PackageVerifyResult>;
