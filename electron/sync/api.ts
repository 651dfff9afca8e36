// The server's API as the app calls it: one method per endpoint of
// shared/sync/protocol.ts, every answer parsed with its schema.
import type { z } from 'zod';
import {
  API_BASE,
  ChallengeResponse,
  ErrorBody,
  ReceiptsResponse,
  ServerInfo,
  SubmitResponse,
  TemplateFeed,
  TokenResponse,
  type ChallengeRequest,
  type SubmitRequest,
  type TokenRequest,
} from '../../shared/sync/protocol';
import { SyncError } from './errors';
import { request, type HttpResponse } from './http';

/** The largest template package we download. */
const MAX_TEMPLATE_BYTES = 32 * 1024 * 1024;

export class SyncApi {
  readonly base: URL;

  constructor(serverUrl: string) {
    const u = new URL(serverUrl);
    // The server's address, with or without the API path (a connection file may name either).
    const root = u.pathname.replace(/\/+$/, '');
    u.pathname = (root.endsWith(API_BASE) ? root : root + API_BASE) + '/';
    u.search = '';
    u.hash = '';
    this.base = u;
  }

  url(path: string): URL {
    return new URL(path, this.base);
  }

  /** The tus endpoint (uploads are created here). */
  get uploadsUrl(): string {
    return this.url('uploads/').toString();
  }

  async info(): Promise<ServerInfo> {
    return parse(ServerInfo, await request(this.url('info')), 'info');
  }

  async challenge(body: ChallengeRequest): Promise<ChallengeResponse> {
    return parse(ChallengeResponse, await request(this.url('auth/challenge'), { json: body }), 'auth/challenge');
  }

  async token(body: TokenRequest): Promise<TokenResponse> {
    return parse(TokenResponse, await request(this.url('auth/token'), { json: body }), 'auth/token');
  }

  /** 200/201 received, 422 rejected, 409 conflict; anything else is an error. */
  async submit(token: string, body: SubmitRequest, timeoutMs?: number): Promise<SubmitResponse> {
    const res = await request(this.url('submissions'), { json: body, headers: auth(token), timeoutMs });
    if (res.status === 200 || res.status === 201 || res.status === 409 || res.status === 422) return parseBody(SubmitResponse, res, 'submissions');
    throw errorOf(res, 'submissions');
  }

  async receipts(token: string, after: number): Promise<ReceiptsResponse> {
    return parse(ReceiptsResponse, await request(this.url(`receipts?after=${after}`), { headers: auth(token), maxBytes: 16 * 1024 * 1024 }), 'receipts');
  }

  /** null when the feed has not changed since `etag`. With the school's token the server lists only its campaigns' templates (when any campaign names the school). */
  async templates(etag: string | null, token: string | null = null): Promise<{ feed: TemplateFeed; etag: string | null } | null> {
    const res = await request(this.url('templates'), { headers: { ...(etag ? { 'if-none-match': etag } : {}), ...(token ? auth(token) : {}) } });
    if (res.status === 304) return null;
    const feed = parse(TemplateFeed, res, 'templates');
    const tag = res.headers.etag;
    return { feed, etag: typeof tag === 'string' ? tag : null };
  }

  async templateBytes(sha512: string): Promise<Buffer> {
    const res = await request(this.url(`templates/${sha512}`), { headers: { accept: 'application/zip' }, maxBytes: MAX_TEMPLATE_BYTES, timeoutMs: 120_000 });
    if (res.status !== 200) throw errorOf(res, 'templates/:sha512');
    return res.body;
  }
}

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function parse<T>(schema: z.ZodType<T>, res: HttpResponse, what: string): T {
  if (res.status < 200 || res.status > 299) throw errorOf(res, what);
  return parseBody(schema, res, what);
}

function parseBody<T>(schema: z.ZodType<T>, res: HttpResponse, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new SyncError('protocol', `${what}: the server's answer (HTTP ${res.status}) is not JSON`, undefined, res.status);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new SyncError('protocol', `${what}: unexpected answer (HTTP ${res.status}): ${r.error.issues[0]?.message ?? ''}`, undefined, res.status);
  return r.data;
}

/** An error answer as a SyncError: the server's code and message when it sent an ErrorBody. */
export function errorOf(res: HttpResponse, what: string): SyncError {
  let body: ErrorBody | null;
  try {
    const r = ErrorBody.safeParse(JSON.parse(res.body.toString('utf8')));
    body = r.success ? r.data : null;
  } catch {
    body = null;
  }
  const code = body?.error.code;
  const message = `${what}: HTTP ${res.status}${code ? ` ${code}` : ''}${body ? `: ${body.error.message}` : ''}`;
  if (code === 'not_enrolled') return new SyncError('notEnrolled', message, code, res.status);
  return new SyncError('server', message, code, res.status);
}
