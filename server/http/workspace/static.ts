// The workspace's browser bundle (dist/workspace/, built by scripts/build.mjs
// from workspace/), served below WORKSPACE_BASE. Every page path answers with
// index.html (the browser's router picks the page), the bundle's files are
// served by name, and every answer carries a strict CSP: the page runs only
// its own script, loads images only from this server (evidence) or blob:/data:,
// and may not be framed.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { WORKSPACE_API, WORKSPACE_BASE } from '../../../shared/bureau/api';
import { ServerError } from '../../services/errors';

const FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

export const WORKSPACE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * dist/workspace next to the running bundle (dist/server/cli.js → dist/workspace),
 * or, when running from source (tests through ts-jest), the repo's dist/workspace.
 */
function findWorkspaceDir(): string | null {
  for (const dir of [join(__dirname, '..', 'workspace'), join(__dirname, '..', '..', '..', 'dist', 'workspace')]) if (existsSync(join(dir, 'index.html'))) return dir;
  return null;
}

let dir: string | null | undefined;

export async function serveWorkspacePage(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path !== WORKSPACE_BASE && !path.startsWith(WORKSPACE_BASE + '/')) return false;
  if (path === WORKSPACE_API || path.startsWith(WORKSPACE_API + '/')) return false;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') throw new ServerError('bad_request', 405, `${method} is not allowed on a workspace page`);
  if (dir === undefined || dir === null) dir = findWorkspaceDir();
  if (!dir) throw new ServerError('internal', 503, 'the workspace is not built on this server (run `npm run build`)');
  const rest = path.slice(WORKSPACE_BASE.length + 1);
  const last = rest.split('/').pop() ?? '';
  let file: string;
  let type: string;
  let cache: string;
  if (!rest.includes('/') && FILES[rest]) {
    file = join(dir, rest);
    type = FILES[rest];
    // Names are not hashed: the browser keeps a copy but asks again each time (a 304 mostly).
    cache = 'no-cache';
  } else if (last.includes('.')) {
    throw new ServerError('not_found', 404, `no such file: ${path}`);
  } else {
    file = join(dir, 'index.html');
    type = 'text/html; charset=utf-8';
    cache = 'no-store';
  }
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new ServerError('not_found', 404, `no such file: ${path}`);
  }
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const headers = { ...WORKSPACE_HEADERS, 'content-type': type, 'cache-control': cache, etag };
  if (cache !== 'no-store' && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': st.size });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.once('error', reject);
    res.once('finish', resolve);
    res.once('close', resolve);
    stream.pipe(res);
  });
  return true;
}
