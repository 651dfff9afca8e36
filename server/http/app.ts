// The API under API_BASE, routed by hand over node:http (a dozen routes do
// not need a framework). Each request is logged as one JSON line when it
// ends. Bodies are parsed with the protocol's schemas; every failure is a
// protocol ErrorBody with a code the app acts on.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_BASE, ChallengeRequest, SubmitRequest, SYNC_PROTOCOL_VERSION, TokenRequest, type ServerInfo, type SubmitResponse } from '../../shared/sync/protocol';
import { sha512OfFile } from '../blobs/blobStore';
import { ping } from '../db/migrations';
import { authenticate, issueChallenge, issueToken, type Session } from '../services/auth';
import type { ServerContext } from '../services/context';
import { findDocument, listDocuments } from '../services/documents';
import { ServerError } from '../services/errors';
import { processPackage, type Outcome } from '../services/submissions';
import { templateFeed, templateFile } from '../services/templates';
import { readJson, sendError, sendJson } from './json';
import type { RateLimiter } from './rateLimit';
import { UPLOADS_PATH, type Uploads } from './uploads';
import { routeWorkspace } from './workspace/router';
import { WORKSPACE_ROUTES } from './workspace/routes';
import { serveWorkspacePage } from './workspace/static';

export type Log = (entry: Record<string, unknown>) => void;

export function createApp(ctx: ServerContext, uploads: Uploads, limiter: RateLimiter, log: Log) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const note: { school?: string; error?: string } = {};
    res.on('close', () =>
      log({ time: new Date().toISOString(), method: req.method, path, status: res.statusCode, ms: Date.now() - started, school: note.school, error: note.error, remote: req.socket.remoteAddress }),
    );
    try {
      await route(req, res, path, note);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof ServerError) {
        note.error = e.code;
        sendError(res, e);
      } else {
        note.error = (e as Error).message;
        sendError(res, new ServerError('internal', 500, 'the server could not complete this request; try again later'));
      }
    }
  };

  async function session(req: IncomingMessage, note: { school?: string }): Promise<Session> {
    const s = await authenticate(ctx, req.headers.authorization);
    note.school = s.schoolCode;
    limiter.hit(`school:${s.schoolCode}`);
    return s;
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, note: { school?: string }): Promise<void> {
    const m = req.method ?? 'GET';
    if (path === UPLOADS_PATH || path.startsWith(UPLOADS_PATH + '/')) {
      if (m === 'OPTIONS') return uploads.tus.handle(req, res);
      return uploads.handle(req, res, await session(req, note));
    }
    if (await routeWorkspace(ctx, WORKSPACE_ROUTES, req, res, path)) return;
    if (await serveWorkspacePage(req, res, path)) return;
    if (!path.startsWith(API_BASE + '/')) throw new ServerError('bad_request', 404, `no such endpoint: ${path}`);
    const sub = path.slice(API_BASE.length + 1);
    if (m === 'GET' && sub === 'health') return health(res);
    limiter.hit(`addr:${req.socket.remoteAddress ?? '?'}`);
    if (m === 'GET' && sub === 'info') {
      const info: ServerInfo = {
        protocol: SYNC_PROTOCOL_VERSION,
        serverName: ctx.config.serverName,
        bureauKey: ctx.bureauKeyLine,
        bureauKeyId: ctx.bureauKeyId,
        time: ctx.now().toISOString(),
        maxUploadBytes: ctx.config.maxUploadBytes,
      };
      return sendJson(res, 200, info);
    }
    if (m === 'POST' && sub === 'auth/challenge') return sendJson(res, 200, await issueChallenge(ctx, await readJson(req, ChallengeRequest)));
    if (m === 'POST' && sub === 'auth/token') return sendJson(res, 200, await issueToken(ctx, await readJson(req, TokenRequest)));
    if (m === 'POST' && sub === 'submissions') return submit(req, res, await session(req, note));
    if (m === 'GET' && sub === 'receipts') {
      const s = await session(req, note);
      const after = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? '0');
      if (!Number.isSafeInteger(after) || after < 0) throw new ServerError('bad_request', 400, 'after must be a sequence number (0 or more)');
      return sendJson(res, 200, await listDocuments(ctx, s.schoolCode, after));
    }
    if (m === 'GET' && sub === 'templates') {
      // Anonymous: every published template; with a school's token: its campaigns' templates (see templateFeed).
      const school = req.headers.authorization ? (await session(req, note)).schoolCode : null;
      const { feed, etag } = await templateFeed(ctx, school);
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      return sendJson(res, 200, feed, { etag, 'cache-control': 'no-cache' });
    }
    const t = /^templates\/([0-9a-f]{128})$/.exec(sub);
    if (m === 'GET' && t?.[1]) {
      const file = await templateFile(ctx, t[1]);
      if (!file) throw new ServerError('bad_request', 404, 'no published template has this SHA-512');
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': file.size, etag: `"${t[1].slice(0, 32)}"` });
      createReadStream(file.path).pipe(res);
      return;
    }
    throw new ServerError('bad_request', 404, `no such endpoint: ${m} ${path}`);
  }

  async function health(res: ServerResponse): Promise<void> {
    try {
      await ping(ctx.store.db);
      sendJson(res, 200, { status: 'ok', database: ctx.store.engine, time: ctx.now().toISOString() });
    } catch {
      sendJson(res, 503, { status: 'degraded', database: ctx.store.engine, error: 'database unreachable' });
    }
  }

  async function submit(req: IncomingMessage, res: ServerResponse, s: Session): Promise<void> {
    const body = await readJson(req, SubmitRequest);
    let upload;
    try {
      upload = await uploads.finished(body.uploadId, s);
    } catch (e) {
      // Submitted before, then the upload was cleared: the stored answer still stands.
      const known = e instanceof ServerError && e.code === 'upload_not_found' ? await findDocument(ctx.store.db, body.sha512) : null;
      if (!known || known.schoolCode !== s.schoolCode) throw e;
      return reply(res, known.kind === 'receipt' ? { outcome: 'received', fresh: false, doc: known } : { outcome: 'rejected', doc: known });
    }
    const sha512 = await sha512OfFile(upload.file);
    if (sha512 !== body.sha512) throw new ServerError('hash_mismatch', 400, `the uploaded bytes have SHA-512 ${sha512.slice(0, 16)}…, not ${body.sha512.slice(0, 16)}…; upload the package again`);
    const outcome = await processPackage(ctx, { file: upload.file, sha512, via: 'upload', session: s, clientTime: body.clientTime });
    if (outcome.outcome !== 'conflict') await uploads.remove(body.uploadId);
    reply(res, outcome);
  }
}

function reply(res: ServerResponse, o: Outcome): void {
  const doc = (d: { json: string; minisig: string }) => ({ json: d.json, minisig: d.minisig });
  let body: SubmitResponse;
  let status: number;
  if (o.outcome === 'received') [status, body] = [o.fresh ? 201 : 200, { outcome: 'received', receipt: doc(o.doc) }];
  else if (o.outcome === 'rejected') [status, body] = [422, { outcome: 'rejected', rejection: doc(o.doc) }];
  else [status, body] = [409, o];
  sendJson(res, status, body);
}
