// Review routes (shared/bureau/api.ts workspacePaths.review / publish /
// closePoint / reopenPoint). The router has already checked the session, the
// role and the CSRF token; the services check the reviewer's scope.
import { CheckRequest, ReviewDraft, ReviewView, type Scope } from '../../../shared/bureau/api';
import { ServerError } from '../../services/errors';
import { checkPoint, getReview, publishReview, saveDraft } from '../../services/workspace/reviews';
import { readJson, sendJson } from '../json';
import type { WorkspaceCall, WorkspaceRoute } from './router';

/** A draft with 1000 points of 2000-character comments and a long opinion. */
const REVIEW_BODY_LIMIT = 4 * 1024 * 1024;

const userOf = (call: WorkspaceCall): { name: string; scope: Scope } => {
  if (!call.user) throw new ServerError('unauthenticated', 401, 'not logged in');
  return { name: call.user.name, scope: call.user.scope };
};
const param = (call: WorkspaceCall, i: number): string => call.params[i] ?? '';

const REVIEW = /^campaigns\/([^/]+)\/schools\/([^/]+)\/review$/;

export const REVIEW_ROUTES: readonly WorkspaceRoute[] = [
  {
    method: 'GET',
    pattern: REVIEW,
    roles: ['admin', 'reviewer', 'viewer'],
    async handle(ctx, call) {
      const view = await getReview(ctx, userOf(call), param(call, 0), param(call, 1));
      if (!view) throw new ServerError('not_found', 404, 'this school has no review yet');
      sendJson(call.res, 200, ReviewView.parse(view));
    },
  },
  {
    method: 'PUT',
    pattern: REVIEW,
    roles: ['admin', 'reviewer'],
    async handle(ctx, call) {
      const draft = await readJson(call.req, ReviewDraft, REVIEW_BODY_LIMIT);
      sendJson(call.res, 200, await saveDraft(ctx, userOf(call), param(call, 0), param(call, 1), draft));
    },
  },
  {
    method: 'POST',
    pattern: /^campaigns\/([^/]+)\/schools\/([^/]+)\/review\/publish$/,
    roles: ['admin', 'reviewer'],
    async handle(ctx, call) {
      sendJson(call.res, 200, await publishReview(ctx, userOf(call), param(call, 0), param(call, 1)));
    },
  },
  {
    method: 'POST',
    pattern: /^reviews\/([^/]+)\/points\/([^/]+)\/close$/,
    roles: ['admin', 'reviewer'],
    async handle(ctx, call) {
      const req = await readJson(call.req, CheckRequest);
      sendJson(call.res, 200, await checkPoint(ctx, userOf(call), param(call, 0), param(call, 1), 'closed', req));
    },
  },
  {
    method: 'POST',
    pattern: /^reviews\/([^/]+)\/points\/([^/]+)\/reopen$/,
    roles: ['admin', 'reviewer'],
    async handle(ctx, call) {
      const req = await readJson(call.req, CheckRequest);
      sendJson(call.res, 200, await checkPoint(ctx, userOf(call), param(call, 0), param(call, 1), 'reopened', req));
    },
  },
];
