// Local web mode: the real back end and the built UI over HTTP on 127.0.0.1, like
// Jupyter: a random token per run, printed in the URL. The page trades it for the
// per-run session secret and sends that as a header (auth.ts says why no cookie).
// Every request must name our Host; API calls also need the X-Selfcheck header (a
// cross-site page cannot send it without a CORS preflight, which we never grant).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJson } from '../../shared/api/codec';
import { createAllHandlers, dispatch, type Handlers } from '../api';
import type { Core } from '../services/core';
import { bearerToken, evidenceSignatureValid, hasCredential, hostAllowed, newToken, originAllowed, tokenMatches, type SessionKeys } from './auth';
import { evidenceRoute, requestPath, serveEvidence, serveStatic } from './files';
import { baseHeaders, badRequest, forbidden, notFound, sendError, sendHtml, sendJson, unauthorized } from './http';
import { badTokenPage, pageLanguage, withNoSessionNotice } from './noSession';
import { receiveEvidenceUpload } from './upload';

export const DEFAULT_BODY_LIMIT = 200 * 1024 * 1024;

export interface WebServerOptions {
  core: Core;
  /** 0 = any free port. */
  port: number;
  /** The built UI (dist/renderer); null serves a page saying it is not built. */
  rendererDir: string | null;
  /** Defaults to every handler of the app (createAllHandlers). */
  handlers?: Handlers;
  bodyLimit?: number;
  /** Fixed token (tests); a fresh random one otherwise. */
  token?: string;
}

export interface WebServer {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT/?token=... : the page opened with it starts a session. */
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!ended) reject(new Error('request aborted'));
    });
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const handlers = options.handlers ?? createAllHandlers(options.core);
  const token = options.token ?? newToken();
  const keys: SessionKeys = { token, secret: newToken() };
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  let port = options.port;

  const api = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.headers['x-selfcheck'] !== '1') return forbidden(res, 'X-Selfcheck header missing');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return badRequest(res, 'Content-Type must be application/json');
    let args: unknown;
    try {
      const body = await readBody(req, limit);
      args = body.length ? decodeJson(body.toString('utf8')) : {};
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return sendError(res, 413, { code: 'invalid_args', message: 'web.tooLarge', params: { limitMb: Math.floor(limit / 1048576) } });
      }
      return badRequest(res, 'body is not valid JSON');
    }
    sendJson(res, 200, await dispatch(handlers, method, args));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    baseHeaders(res);
    if (!hostAllowed(req, port)) return forbidden(res, 'Host');
    const url = req.url ?? '/';
    const [pathPart = '/', queryPart = ''] = url.split('?', 2);
    const query = new URLSearchParams(queryPart);
    const guarded = pathPart === '/session' || pathPart.startsWith('/api/') || pathPart.startsWith('/evidence/') || pathPart.startsWith('/upload/');
    if (guarded && !originAllowed(req, port)) return sendError(res, 403, { code: 'forbidden', message: 'web.origin', detail: 'Origin' });
    // The one step the printed token alone allows: a page trades it for the session secret.
    if (pathPart === '/session') {
      if (req.method !== 'POST') return sendError(res, 405, { code: 'invalid_args', message: 'web.badRequest', detail: 'POST only' });
      if (!tokenMatches(bearerToken(req), keys.token)) return unauthorized(res);
      return sendJson(res, 200, { ok: true, value: { secret: keys.secret } });
    }
    if (pathPart === '/upload/evidence' && req.method === 'POST') {
      if (!hasCredential(req, keys)) return unauthorized(res);
      return receiveEvidenceUpload(req, res, options.core);
    }
    if (pathPart.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError(res, 405, { code: 'invalid_args', message: 'web.badRequest', detail: 'POST only' });
      if (!hasCredential(req, keys)) return unauthorized(res);
      return api(req, res, pathPart.slice(5));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'invalid_args', message: 'web.badRequest', detail: 'method' });
    if (pathPart.startsWith('/evidence/')) {
      const route = evidenceRoute(requestPath(req));
      if (!route) return notFound(res);
      const signed = evidenceSignatureValid(query, route.sha256, route.variant, keys.secret, Date.now());
      if (!signed && !hasCredential(req, keys)) return unauthorized(res);
      return serveEvidence(req, res, options.core, route);
    }
    // The app's own files are public code; they hold no school data and need no session.
    const lang = pageLanguage(req.headers['accept-language']);
    if (pathPart === '/' && query.has('token') && !tokenMatches(query.get('token') ?? undefined, keys.token))
      return sendHtml(res, 403, badTokenPage(lang));
    return serveStatic(req, res, options.rendererDir, (html) => withNoSessionNotice(html, lang));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[selfcheck] web request failed', e);
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'internal' });
      else res.destroy();
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
