// Who may talk to the web-mode server.
// Browsers do not scope cookies by port, so any page served from another port on
// 127.0.0.1 would receive a session cookie: this server sets none. Instead:
//  - the printed URL's token is traded once per page (POST /session) for the per-run
//    session secret, which the page keeps in its own origin's sessionStorage and sends
//    as `Authorization: Bearer …` (scripts may send the token itself the same way);
//  - evidence loaded by <img>/links carries a short-lived HMAC signature instead;
//  - every request must name our Host (no DNS rebinding), and a browser request must come
//    from our origin (Origin / Sec-Fetch-Site), so another local page cannot ride along.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EVIDENCE_URL_WINDOW_S, evidenceSignature, type EvidenceVariant } from '../../shared/web/evidenceSignature';

export const newToken = (): string => randomBytes(32).toString('hex');

const ours = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

/** Host must name this server exactly: 127.0.0.1:PORT or localhost:PORT. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return ours(port).includes(req.headers.host ?? '');
}

/**
 * A browser request made by our own page (or typed into the address bar): Origin, when
 * sent, is ours; Sec-Fetch-Site, when sent, is same-origin or none. Clients that send
 * neither (curl, scripts) are judged by their credential alone.
 */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && !ours(port).some((h) => origin === `http://${h}`)) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** The two per-run credentials: the printed token and the secret a page gets for it. */
export interface SessionKeys {
  token: string;
  secret: string;
}

/** A request carrying the token or the session secret in its Authorization header. */
export function hasCredential(req: IncomingMessage, keys: SessionKeys): boolean {
  const given = bearerToken(req);
  return tokenMatches(given, keys.token) || tokenMatches(given, keys.secret);
}

/** A signed evidence address (`?exp=…&sig=…`) that is genuine and not expired. */
export function evidenceSignatureValid(query: URLSearchParams, sha256: string, variant: EvidenceVariant, secret: string, nowMs: number): boolean {
  const exp = Number(query.get('exp'));
  const sig = query.get('sig') ?? undefined;
  const now = nowMs / 1000;
  // Never older than now, never further ahead than a page could have made it.
  if (!Number.isSafeInteger(exp) || exp < now || exp > now + 2 * EVIDENCE_URL_WINDOW_S) return false;
  return tokenMatches(sig, evidenceSignature(secret, sha256, variant, exp));
}
