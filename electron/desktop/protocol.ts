// The app:// protocol: the UI from the built bundle, evidence from the evidence
// store, nothing else (security checklist §4). Paths are resolved and checked
// against their root after following links, exactly as the web mode does.
import { net, protocol } from 'electron';
import { realpath } from 'node:fs/promises';
import { extname, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core } from '../services/core';
import { resolveUnder } from '../web/files';
import { CSP } from '../web/http';
import { APP_HOST, APP_SCHEME } from './channels';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** The web mode's policy, plus the evidence host, which is a separate origin here. */
const DESKTOP_CSP = CSP.replace("img-src 'self'", `img-src 'self' ${APP_SCHEME}://evidence`);

const notFound = (): Response => new Response('not found', { status: 404 });

async function fileResponse(file: string, headers: Record<string, string>): Promise<Response> {
  const res = await net.fetch(pathToFileURL(file).toString());
  return new Response(res.body, { status: 200, headers });
}

async function serveBundle(rendererDir: string, path: string): Promise<Response> {
  const file = await resolveUnder(rendererDir, path === '/' ? '/index.html' : path);
  if (!file) return notFound();
  return fileResponse(file, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': DESKTOP_CSP,
  });
}

const EVIDENCE = /^\/([0-9a-f]{64})\/(original|thumb)$/;

async function serveEvidence(core: Core, path: string): Promise<Response> {
  const m = EVIDENCE.exec(path);
  if (!m) return notFound();
  const served = core.evidence.resolveForServing(m[1]!, m[2] as 'original' | 'thumb');
  if (!served) return notFound();
  const [root, real] = await Promise.all([realpath(core.paths.evidence), realpath(served.path).catch(() => null)]);
  if (!real) return notFound();
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return new Response('forbidden', { status: 403 });
  return fileResponse(real, { 'Content-Type': served.mime, 'X-Content-Type-Options': 'nosniff' });
}

export function handleAppProtocol(rendererDir: string, core: Core): void {
  protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return new Response('bad request', { status: 400 });
    }
    if (url.host === APP_HOST) return serveBundle(rendererDir, path);
    if (url.host === 'evidence') return serveEvidence(core, path);
    return notFound();
  });
}
