// The bureau workspace's API under WORKSPACE_API (shared/bureau/api.ts): a
// table of routes, each naming the roles that may call it. The router finds
// the session from the cookie, refuses a missing or wrong role before the
// handler runs, and checks the CSRF header on every request that changes
// something. Handlers live one file per area (auth, campaigns, submissions,
// reviews, analytics) and only ever see a request that passed these checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSRF_HEADER, WORKSPACE_API, type Role } from '../../../shared/bureau/api';
import type { ServerContext } from '../../services/context';
import { ServerError } from '../../services/errors';
import { sessionFromRequest, type WorkspaceUser } from '../../services/workspace/sessions';

export interface WorkspaceCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The pattern's capture groups, URI-decoded. */
  params: string[];
  /** Null only on 'public' routes (login). */
  user: WorkspaceUser | null;
}

export interface WorkspaceRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after WORKSPACE_API (e.g. /^campaigns\/([^/]+)\/completeness$/). */
  pattern: RegExp;
  /** Who may call it; 'public' = no session needed (log in). */
  roles: readonly Role[] | 'public';
  handle(ctx: ServerContext, call: WorkspaceCall): Promise<void>;
}

const SAFE = new Set(['GET', 'HEAD']);

/** Resolves to false when the path is not below WORKSPACE_API (the caller goes on to other handlers). */
export async function routeWorkspace(ctx: ServerContext, routes: readonly WorkspaceRoute[], req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith(WORKSPACE_API + '/')) return false;
  const sub = path.slice(WORKSPACE_API.length + 1);
  const method = req.method ?? 'GET';
  let matched: { route: WorkspaceRoute; params: string[] } | null = null;
  let pathKnown = false;
  for (const route of routes) {
    const m = route.pattern.exec(sub);
    if (!m) continue;
    pathKnown = true;
    if (route.method === method) {
      matched = { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
      break;
    }
  }
  if (!matched) throw new ServerError('bad_request', pathKnown ? 405 : 404, `no such workspace endpoint: ${method} ${path}`);
  const url = new URL(req.url ?? '/', 'http://workspace.invalid');
  const { route, params } = matched;
  if (route.roles === 'public') {
    await route.handle(ctx, { req, res, url, params, user: null });
    return true;
  }
  const user = await sessionFromRequest(ctx, req);
  if (!user) throw new ServerError('unauthenticated', 401, 'not logged in, or the session has expired; log in again');
  if (!route.roles.includes(user.role)) throw new ServerError('forbidden', 403, `a ${user.role} may not do this`);
  if (!SAFE.has(method) && req.headers[CSRF_HEADER] !== user.csrf) throw new ServerError('forbidden', 403, 'the request did not carry this session’s CSRF token; reload the page');
  await route.handle(ctx, { req, res, url, params, user });
  return true;
}
