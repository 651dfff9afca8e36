// Every error key a service throws (ApiError.message, translated under `error.` in the renderer).
// Kept in one list so the i18n files can be checked against it.
import { ApiError } from '../../shared/api/define';

export const ERROR_KEYS = [
  'invalidArgs',
  'internal',
  'io.diskFull',
  'io.permission',
  'io.readOnly',
  'io.failed',
  'db.busy',
  'db.corrupt',
  'settings.invalid',
  'template.notFound',
  'template.conflict',
  'template.invalid',
  'assessment.notFound',
  'assessment.frozen',
  'assessment.notFrozen',
  'assessment.alreadyContinued',
  'dialog.desktopOnly',
  'answer.unknownItem',
  'answer.wrongType',
  'answer.unknownOption',
  'answer.revisionNotFound',
  'answer.conflict',
  'answer.negative',
  'evidence.notFound',
  'evidence.executable',
  'evidence.unknownType',
  'evidence.badImage',
  'evidence.empty',
  'evidence.inFrozenAssessment',
  'evidence.vanished',
  'evidence.changedWhileReading',
  'evidence.truncatedImage',
  'evidence.tooLarge',
  'evidence.pathDesktopOnly',
  'intake.closed',
  'intake.badToken',
  'intake.notPhoto',
  'intake.noAddress',
  'event.notFound',
  'event.deleted',
  'event.unknownKind',
  'web.forbidden',
  'web.badRequest',
  'web.tooLarge',
  'web.notFound',
  'web.unknownMethod',
  'api.unknownMethod',
  'api.badResult',
] as const;
export type ErrorKey = (typeof ERROR_KEYS)[number];

export const notFound = (
  key: Extract<ErrorKey, `${string}.notFound` | 'answer.revisionNotFound'>,
  id: string | number,
): ApiError => new ApiError('not_found', key, { id });

export const frozen = (assessmentId: string): ApiError =>
  new ApiError('conflict', 'assessment.frozen', { id: assessmentId });

export const invalid = (key: ErrorKey, params?: Record<string, string | number>, detail?: string): ApiError =>
  new ApiError('invalid_args', key, params, detail);
