// Serving files from disk without ever leaving the allowed folder: the URL path is
// decoded once, resolved under the root, and the real path (links followed) checked again.
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { INLINE_MIME } from '../evidence/sniff';
import type { Core } from '../services/core';
import { CSP, badRequest, forbidden, notFound } from './http';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
};

/** The file under `root` a URL path names, or null when it would leave `root`. */
export async function resolveUnder(root: string, urlPath: string): Promise<string | null> {
  if (urlPath.includes('\0') || urlPath.includes('\\')) return null;
  const full = resolve(root, `.${urlPath}`);
  if (!inside(root, full)) return null;
  try {
    const [realRoot, realFull] = await Promise.all([realpath(root), realpath(full)]);
    return inside(realRoot, realFull) ? realFull : null;
  } catch {
    return null; // missing
  }
}

/** Decodes the path part of a request URL; null when it is malformed. */
export function requestPath(req: IncomingMessage): string | null {
  const raw = (req.url ?? '/').split('?')[0]!;
  if (!raw.startsWith('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function streamFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): Promise<void> {
  const info = await stat(file);
  if (!info.isFile()) return notFound(res);
  res.statusCode = 200;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', info.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const s = createReadStream(file);
    s.on('error', () => {
      res.destroy();
      done();
    });
    s.on('end', done);
    s.pipe(res);
  });
}

/**
 * The built UI. `fillIndex` completes index.html (the no-session notice in its slot); it is
 * sent whole, never cached, since its content depends on the request.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string | null, fillIndex: (html: string) => string = (h) => h): Promise<void> {
  const path = requestPath(req);
  if (path === null || path.includes('\0') || path.includes('\\')) return badRequest(res, 'path');
  if (!rendererDir) {
    if (path !== '/') return notFound(res);
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><meta charset="utf-8"><title>SelfCheck</title><p>The UI is not built: run <code>npm run build</code>.</p>');
    return;
  }
  let file = await resolveUnder(rendererDir, path === '/' ? '/index.html' : path);
  // Paths without a file extension belong to the single-page app.
  if (!file && !extname(path) && !path.includes('..')) file = await resolveUnder(rendererDir, '/index.html');
  if (!file) {
    // Tell traversal attempts apart from plain misses only in the status code.
    const escapes = !inside(resolve(rendererDir), resolve(rendererDir, `.${path}`));
    return escapes ? forbidden(res, 'path') : notFound(res);
  }
  if (file === (await resolveUnder(rendererDir, '/index.html'))) {
    const html = Buffer.from(fillIndex(await readFile(file, 'utf8')));
    res.statusCode = 200;
    res.setHeader('Content-Type', STATIC_TYPES['.html']!);
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', html.length);
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  await streamFile(req, res, file, {
    'Content-Type': STATIC_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
  });
}

const EVIDENCE_ROUTE = /^\/evidence\/([0-9a-f]{64})\/(original|thumb)$/;

export interface EvidenceRoute {
  sha256: string;
  variant: 'original' | 'thumb';
}

/** `/evidence/<sha256>/original|thumb` (a decoded request path), or null for anything else. */
export function evidenceRoute(path: string | null): EvidenceRoute | null {
  const m = path === null ? null : EVIDENCE_ROUTE.exec(path);
  return m ? { sha256: m[1]!, variant: m[2] as EvidenceRoute['variant'] } : null;
}

/** GET /evidence/<sha256>/original|thumb: only files a row names, only from the evidence store. */
export async function serveEvidence(req: IncomingMessage, res: ServerResponse, core: Core, route: EvidenceRoute): Promise<void> {
  const served = core.evidence.resolveForServing(route.sha256, route.variant);
  if (!served) return notFound(res);
  const root = await realpath(core.paths.evidence);
  const real = await realpath(served.path).catch(() => null);
  if (!real) return notFound(res);
  if (!inside(root, real)) return forbidden(res, 'evidence');
  const inline = INLINE_MIME.has(served.mime);
  const headers: Record<string, string> = {
    'Content-Type': served.mime,
    'Content-Disposition': inline ? 'inline' : contentDisposition(served.name),
    'Cache-Control': 'private, max-age=31536000, immutable', // content-addressed: the bytes never change
  };
  // Images opened on their own get a page with nothing else allowed; PDFs keep the browser's viewer.
  if (served.mime.startsWith('image/')) headers['Content-Security-Policy'] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
  else if (!inline) headers['Content-Security-Policy'] = "default-src 'none'; sandbox";
  await streamFile(req, res, real, headers);
}

/** An attachment header carrying the original name safely (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'evidence';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
