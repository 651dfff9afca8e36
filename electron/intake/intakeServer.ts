// The phone-photo intake: a tiny HTTP server that exists only while the QR code is shown.
// It listens on one address (the setting, or this computer's LAN address), answers only
// GET /u/<token> (the upload page) and POST /u/<token>/file (one photo as the raw body),
// and closes itself after `ttlMs`. The token in the QR is single-use: the first phone
// that opens it gets the page with a fresh upload key; the same link opened again is
// refused. Uploads go through the same staging, sniffing and import as desktop files,
// narrowed to photos and videos, with a per-file size limit and a file count limit.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { resources } from '../../shared/i18n';
import { toErrorShape } from '../api/errors';
import { drain } from '../web/http';
import type { EvidenceLink } from '../services/evidence';
import type { Core } from '../services/core';
import { messagePage, uploadPage } from './page';

export interface IntakeOptions {
  core: Core;
  host: string;
  /** 0 = any free port. */
  port?: number;
  target: { link?: EvidenceLink; eventId?: string; label: string };
  ttlMs: number;
  maxBytes: number;
  maxFiles: number;
}

export interface IntakeSession {
  url: string;
  expiresAt: Date;
  readonly received: EvidenceFile[];
  readonly active: boolean;
  stop(): Promise<void>;
}

const ACCEPT = ['image', 'video'] as const;

type Tree = { [k: string]: string | Tree };
/** An error key in both languages, as the phone page shows it (it has no i18n of its own). */
function say(key: string, params: Record<string, unknown> = {}): string {
  const one = (lng: 'zh-CN' | 'en'): string => {
    const errors = (resources[lng].translation as Tree).error as Tree;
    const text = typeof errors[key] === 'string' ? (errors[key] as string) : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
  };
  return `${one('zh-CN')} ${one('en')}`;
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res: ServerResponse, status: number, type: string, body: string, csp?: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  if (csp) res.setHeader('Content-Security-Policy', csp);
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));


export async function startIntake(o: IntakeOptions): Promise<IntakeSession> {
  const token = randomBytes(24).toString('base64url');
  let uploadKey: string | null = null; // set when the QR's link is first opened
  const received: EvidenceFile[] = [];
  let active = true;
  let port = 0;
  const pagePath = `/u/${token}`;
  const uploadPath = `${pagePath}/file`;
  const hostHeader = (): string => `${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Only our own address (no DNS rebinding from a page on the LAN).
    if (req.headers.host !== hostHeader()) return send(res, 403, 'text/plain', 'forbidden');
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path?.startsWith('/u/') && !path.endsWith('/file')) {
      if (!active) return send(res, 410, 'text/html; charset=utf-8', messagePage(say('intake.closed'), ''));
      if (!same(path, pagePath) || uploadKey !== null) return send(res, 403, 'text/html; charset=utf-8', messagePage(say('intake.badToken'), ''));
      uploadKey = randomBytes(24).toString('base64url');
      const nonce = randomBytes(16).toString('base64');
      const html = uploadPage({ nonce, key: uploadKey, uploadPath, target: o.target.label, maxMb: Math.floor(o.maxBytes / 1048576) });
      return send(res, 200, 'text/html; charset=utf-8', html, `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}' 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'`);
    }
    if (req.method === 'POST' && path === uploadPath) {
      const key = req.headers['x-intake-key'];
      if (!active) {
        await drain(req);
        return json(res, 410, { ok: false, message: say('intake.closed') });
      }
      if (uploadKey === null || typeof key !== 'string' || !same(key, uploadKey)) {
        await drain(req);
        return json(res, 403, { ok: false, message: say('intake.badToken') });
      }
      let name = 'photo';
      try {
        name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'photo')).slice(0, 255) || 'photo';
      } catch {
        /* keep the default name */
      }
      if (received.length >= o.maxFiles) {
        await drain(req);
        return json(res, 429, { ok: false, message: say('evidence.tooLarge', { name, limitMb: Math.floor(o.maxBytes / 1048576) }) });
      }
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > o.maxBytes) {
        res.setHeader('Connection', 'close');
        return json(res, 413, { ok: false, message: say('evidence.tooLarge', { name, limitMb: Math.floor(o.maxBytes / 1048576) }) });
      }
      try {
        const file = await o.core.evidence.importStream({ name, link: o.target.link, eventId: o.target.eventId }, req, o.maxBytes, ACCEPT);
        received.push(file);
        return json(res, 200, { ok: true, name });
      } catch (e) {
        const { error, unexpected } = toErrorShape(e);
        if (unexpected) console.error('[selfcheck] phone upload failed', e);
        await drain(req);
        return json(res, error.code === 'internal' ? 500 : 400, { ok: false, message: say(error.message, { name, ...error.params }) });
      }
    }
    // Upload-only: nothing else is served, nothing can be read back.
    return send(res, 404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'error');
      else res.destroy();
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.unref(); // never the reason the app stays running
  const stop = (): Promise<void> => {
    if (!active) return Promise.resolve();
    active = false;
    clearTimeout(timer);
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Let an upload under way finish its reply; idle phones are dropped now.
      server.closeIdleConnections();
    });
  };
  // Stops by itself: the QR is only good for a few minutes.
  const timer = setTimeout(() => void stop(), o.ttlMs);
  timer.unref();
  return {
    url: `http://${hostHeader()}${pagePath}`,
    expiresAt: new Date(Date.now() + o.ttlMs),
    received,
    get active() {
      return active;
    },
    stop,
  };
}
