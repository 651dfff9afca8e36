// JSON in and out for the API routes: bodies are size-limited and parsed with
// the protocol's zod schemas; every error goes out as protocol ErrorBody.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ErrorBody } from '../../shared/sync/protocol';
import { ServerError } from '../services/errors';

/** JSON bodies are small (a challenge, a signature, an upload id); anything bigger is refused unread. */
export const JSON_BODY_LIMIT = 16 * 1024;

/** `limit`: a route with larger bodies (a review with long comments on every point) names its own. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit = JSON_BODY_LIMIT): Promise<z.infer<S>> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new ServerError('too_large', 413, `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ServerError('too_large', 413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ServerError('bad_request', 400, 'the request body is not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerError('bad_request', 400, `bad request body: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: ServerError): void {
  const body: ErrorBody = { error: { code: e.code, message: e.message } };
  sendJson(res, e.status, body, e.code === 'rate_limited' ? { 'retry-after': '30' } : {});
}
