// Small response helpers shared by the web-mode routes. Every response carries
// the same hardening headers; none carries CORS headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorShape } from '../../shared/api/define';
import { encodeJson } from '../../shared/api/codec';

export const CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'";

export function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = encodeJson(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ApiErrorShape): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error });
}

export const forbidden = (res: ServerResponse, detail: string): void =>
  sendError(res, 403, { code: 'forbidden', message: 'web.forbidden', detail });

export const notFound = (res: ServerResponse): void => sendError(res, 404, { code: 'not_found', message: 'web.notFound' });

export const badRequest = (res: ServerResponse, detail: string): void =>
  sendError(res, 400, { code: 'invalid_args', message: 'web.badRequest', detail });

/** No credential, or not this run's: the caller must open the printed address again. */
export const unauthorized = (res: ServerResponse): void => sendError(res, 401, { code: 'forbidden', message: 'web.unauthorized' });

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(html));
  res.end(html);
}

/** Reads and drops the rest of a request body, so a refusal reaches a browser that is still sending. */
export function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((done) => {
    req.on('end', done);
    req.on('close', done);
    req.resume();
  });
}
