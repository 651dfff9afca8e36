// Every way a package, template package or export can fail, each with its own
// code. The code is also the i18n key (`package.<code>`, translated under
// `error.` like every API error) and `file` names the file at fault.
import { ApiError, type ErrorCode } from '../shared/api/define';

export const PACKAGE_ERROR_CODES = [
  // the zip container
  'zipUnreadable',
  'zipAbsolutePath',
  'zipParentPath',
  'zipBadName',
  'zipLink',
  'zipDuplicate',
  'zipTooManyEntries',
  'zipTooLarge',
  'zipRatio',
  'zipEntrySize',
  'zipEncrypted',
  'zipCompression',
  'zipNotOneFolder',
  'zipOverlap',
  'zipHeaderMismatch',
  'zipEntryCount',
  'zipUnlisted',
  'zipGap',
  'zipComment',
  'zipExtraField',
  'zipFeature',
  'zipCrc',
  'zipWindowsName',
  // the bag
  'bagDeclaration',
  'bagMissingTagFile',
  'bagManifestSyntax',
  'bagFileMissing',
  'bagHashMismatch',
  'bagUnlistedPayload',
  'bagExtraFile',
  'bagOxum',
  'bagInfo',
  'bagFetch',
  'bagManifestAlgorithm',
  'bagTagFileTooLarge',
  // the signature
  'sigMalformed',
  'sigAlgorithm',
  'sigKeyNotTrusted',
  'sigBad',
  'sigGlobalBad',
  'sigComment',
  'sigWrongSchool',
  'rotationInvalid',
  // the report inside
  'reportMalformed',
  'reportVersion',
  'reportMismatch',
  // template packages
  'templateMissing',
  'templateInvalid',
  'templateConflict',
  // export and writing
  'exportNoProfile',
  'exportNoAssessment',
  'exportChooseAssessment',
  'exportSourceChanged',
  'exportDiskFull',
  'exportDeviceGone',
  'exportWriteFailed',
  'exportTargetExists',
  'exportCancelled',
  'exportVerifyFailed',
  'exportKeyChanged',
  'exportFolderMissing',
  'exportFolderNotWritable',
  // keys and trust
  'keyFilePermissions',
  'keySealedElsewhere',
  'keyInsecureStorage',
  'keyUnreadable',
  'trustMalformed',
  'trustNotFound',
  // extract
  'extractTargetNotEmpty',
  // a job id nobody knows
  'jobNotFound',
] as const;
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];

const apiCodeFor = (code: PackageErrorCode): ErrorCode => {
  if (code.startsWith('export') && code !== 'exportNoProfile' && code !== 'exportNoAssessment' && code !== 'exportChooseAssessment')
    return code === 'exportCancelled' ? 'cancelled' : 'io';
  if (code === 'exportNoProfile' || code === 'exportNoAssessment' || code === 'trustNotFound' || code === 'jobNotFound') return 'not_found';
  if (code === 'exportChooseAssessment' || code === 'trustMalformed') return 'invalid_args';
  if (code === 'keyFilePermissions' || code === 'keySealedElsewhere' || code === 'keyInsecureStorage' || code === 'keyUnreadable')
    return 'forbidden';
  if (code === 'templateConflict' || code === 'extractTargetNotEmpty') return 'conflict';
  return 'bad_package';
};

export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    /** The file at fault: a path inside the package, or a path on disk. */
    readonly file?: string,
    /** Technical detail (English), for logs and the CLI; the UI shows the translated code. */
    readonly detail?: string,
  ) {
    super(`${code}${file ? ` (${file})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'PackageError';
  }

  get i18nKey(): string {
    return `package.${this.code}`;
  }

  toApiError(): ApiError {
    return new ApiError(apiCodeFor(this.code), this.i18nKey, this.file ? { file: this.file } : undefined, this.detail ?? this.file);
  }
}

export const isPackageError = (e: unknown): e is PackageError => e instanceof PackageError;
