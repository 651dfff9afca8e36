// Workspace routes for people and access: log in / out, who am I, the
// accounts (administrators) and the audit log (administrators).
import { LoginRequest, NewUserRequest, ROLES, type Me } from '../../../shared/bureau/api';
import { AUDIT_LIMIT_MAX, listAudit } from '../../services/workspace/audit';
import { login, logout, type WorkspaceUser } from '../../services/workspace/sessions';
import { createUser, listUsers } from '../../services/workspace/users';
import { ServerError } from '../../services/errors';
import { readJson, sendJson } from '../json';
import type { WorkspaceCall, WorkspaceRoute } from './router';

const me = (u: WorkspaceUser): Me => ({ name: u.name, role: u.role, scope: u.scope, csrf: u.csrf, expiresAt: u.expiresAt });

/** The router only calls a non-public route with a user. */
function userOf(call: WorkspaceCall): WorkspaceUser {
  if (!call.user) throw new ServerError('unauthenticated', 401, 'not logged in');
  return call.user;
}

export const AUTH_ROUTES: WorkspaceRoute[] = [
  {
    method: 'POST',
    pattern: /^login$/,
    roles: 'public',
    async handle(ctx, { req, res }) {
      const { user, cookie } = await login(ctx, req, await readJson(req, LoginRequest));
      sendJson(res, 200, me(user), { 'set-cookie': cookie });
    },
  },
  {
    method: 'POST',
    pattern: /^logout$/,
    roles: ROLES,
    async handle(ctx, call) {
      const cookie = await logout(ctx, call.req, userOf(call));
      call.res.writeHead(204, { 'set-cookie': cookie, 'cache-control': 'no-store' });
      call.res.end();
    },
  },
  {
    method: 'GET',
    pattern: /^me$/,
    roles: ROLES,
    async handle(_ctx, call) {
      sendJson(call.res, 200, me(userOf(call)));
    },
  },
  {
    method: 'GET',
    pattern: /^users$/,
    roles: ['admin'],
    async handle(ctx, { res }) {
      sendJson(res, 200, await listUsers(ctx));
    },
  },
  {
    method: 'POST',
    pattern: /^users$/,
    roles: ['admin'],
    async handle(ctx, call) {
      const body = await readJson(call.req, NewUserRequest);
      sendJson(call.res, 201, await createUser(ctx, body, userOf(call).name));
    },
  },
  {
    method: 'GET',
    pattern: /^audit$/,
    roles: ['admin'],
    async handle(ctx, { res, url }) {
      const raw = url.searchParams.get('limit');
      const limit = raw === null ? 200 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_LIMIT_MAX) throw new ServerError('bad_request', 400, `limit must be a whole number from 1 to ${AUDIT_LIMIT_MAX}`);
      sendJson(res, 200, await listAudit(ctx, limit));
    },
  },
];
