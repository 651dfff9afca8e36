// The workspace's only way to the server: fetch with the session cookie
// (same-origin), the CSRF token from Me on everything that changes something,
// and every answer parsed with the contract's schema (shared/bureau/api.ts),
// so a server that drifts from the contract shows as an error here, not as a
// blank page later. An ErrorBody becomes an ApiError carrying the server's
// own message, which the pages show as it is.
import { z } from 'zod';
import {
  Analytics,
  AuditRow,
  CampaignSummary,
  Completeness,
  CSRF_HEADER,
  Me,
  ReviewView,
  RosterResult,
  Submission,
  UserRow,
  workspacePaths,
  type CheckRequest,
  type LoginRequest,
  type NewCampaignRequest,
  type NewUserRequest,
  type ReviewDraft,
} from '../shared/bureau/api';
import type { SchoolType } from '../shared/template/schema';
import { ErrorBody } from '../shared/sync/protocol';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the server says the session is gone (401), so the app can show the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(f: (() => void) | null): void {
  onUnauthenticated = f;
}

let csrf = '';
/** The CSRF token of the current session (from login or GET me). */
export function setCsrf(token: string): void {
  csrf = token;
}

type Body = { json: unknown } | { bytes: Blob | ArrayBuffer; type: string } | null;

async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, schema: z.ZodType<T>, body: Body = null, quietAuth = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = csrf;
  let payload: BodyInit | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = body.type || 'application/octet-stream';
    payload = body.bytes;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError('network', 0, (e as Error).message);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError('protocol', res.status, `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
  }
  if (!res.ok) {
    const err = ErrorBody.safeParse(data);
    const e = err.success ? new ApiError(err.data.error.code, res.status, err.data.error.message) : new ApiError('http', res.status, `HTTP ${res.status}`);
    if (res.status === 401 && !quietAuth) onUnauthenticated?.();
    throw e;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError('protocol', res.status, `${url}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Answers the pages do not read (they fetch the new state again): any JSON, or none. */
const Nothing = z.unknown();

export const api = {
  /** null when there is no session (not an error: the login page shows). */
  async me(): Promise<Me | null> {
    try {
      const me = await call('GET', workspacePaths.me, Me, null, true);
      setCsrf(me.csrf);
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  async login(req: LoginRequest): Promise<Me> {
    const me = await call('POST', workspacePaths.login, Me, { json: req }, true);
    setCsrf(me.csrf);
    return me;
  },
  async logout(): Promise<void> {
    await call('POST', workspacePaths.logout, Nothing, { json: {} }, true);
    setCsrf('');
  },
  users: () => call('GET', workspacePaths.users, z.array(UserRow)),
  addUser: (req: NewUserRequest) => call('POST', workspacePaths.users, Nothing, { json: req }),
  audit: () => call('GET', workspacePaths.audit, z.array(AuditRow)),
  campaigns: () => call('GET', workspacePaths.campaigns, z.array(CampaignSummary)),
  addCampaign: (req: NewCampaignRequest) => call('POST', workspacePaths.campaigns, Nothing, { json: req }),
  uploadRoster: (campaign: string, file: File) => call('PUT', workspacePaths.roster(campaign), RosterResult, { bytes: file, type: file.type }),
  completeness: (campaign: string) => call('GET', workspacePaths.completeness(campaign), Completeness),
  analytics(campaign: string, filter: { county: string | null; type: SchoolType | null }) {
    const q = new URLSearchParams();
    if (filter.county) q.set('county', filter.county);
    if (filter.type) q.set('type', filter.type);
    const qs = q.toString();
    return call('GET', workspacePaths.analytics(campaign) + (qs ? `?${qs}` : ''), Analytics);
  },
  submission(campaign: string, school: string, version: string | null) {
    return call('GET', workspacePaths.submission(campaign, school) + (version ? `?version=${encodeURIComponent(version)}` : ''), Submission);
  },
  /** The review of the school, or null when there is none yet (404). */
  async review(campaign: string, school: string): Promise<ReviewView | null> {
    try {
      return await call('GET', workspacePaths.review(campaign, school), ReviewView.nullable());
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  saveReview: (campaign: string, school: string, draft: ReviewDraft) => call('PUT', workspacePaths.review(campaign, school), Nothing, { json: draft }),
  publishReview: (campaign: string, school: string) => call('POST', workspacePaths.publish(campaign, school), Nothing, { json: {} }),
  closePoint: (review: string, code: string, req: CheckRequest) => call('POST', workspacePaths.closePoint(review, code), Nothing, { json: req }),
  reopenPoint: (review: string, code: string, req: CheckRequest) => call('POST', workspacePaths.reopenPoint(review, code), Nothing, { json: req }),
};
