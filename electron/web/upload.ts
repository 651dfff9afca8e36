// POST /upload/evidence: the web mode's way in for evidence files of any size. The body
// is the file itself (application/octet-stream, streamed by the browser from disk, never
// base64 in JSON); what the user said about it comes URI-encoded JSON in X-Selfcheck-Meta,
// checked with the same schema as the desktop's evidence.importPath. The body is hashed
// and written as it arrives (staging.ts), so nothing holds the whole file in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EvidenceImportMeta } from '../../shared/api/contract';
import { toErrorShape } from '../api/errors';
import type { Core } from '../services/core';
import { badRequest, drain, forbidden, sendJson } from './http';

/** Far above any drill video; it only stops a runaway upload from filling the disk. */
export const DEFAULT_UPLOAD_LIMIT = 8 * 1024 * 1024 * 1024;

export function parseMeta(raw: string | string[] | undefined): EvidenceImportMeta | null {
  if (typeof raw !== 'string') return null;
  try {
    const parsed = EvidenceImportMeta.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}



export async function receiveEvidenceUpload(req: IncomingMessage, res: ServerResponse, core: Core, limit = DEFAULT_UPLOAD_LIMIT): Promise<void> {
  if (req.headers['x-selfcheck'] !== '1') return forbidden(res, 'X-Selfcheck header missing');
  const meta = parseMeta(req.headers['x-selfcheck-meta']);
  if (!meta) {
    await drain(req);
    return badRequest(res, 'X-Selfcheck-Meta missing or invalid');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    res.setHeader('Connection', 'close');
    return sendJson(res, 413, { ok: false, error: { code: 'invalid_args', message: 'evidence.tooLarge', params: { name: meta.name, limitMb: Math.floor(limit / 1048576) } } });
  }
  try {
    const file = await core.evidence.importStream(meta, req, limit);
    sendJson(res, 200, { ok: true, value: file });
  } catch (e) {
    const { error, unexpected } = toErrorShape(e);
    if (unexpected) console.error('[selfcheck] upload failed', e);
    await drain(req);
    if (!res.writableEnded && !req.socket?.destroyed) sendJson(res, unexpected ? 500 : 200, { ok: false, error }); // a refusal is an answer, as on /api/: 200 with ok:false
  }
}
