// A school talking to the server over HTTP, the way the app does: challenge,
// minisign signature, token; tus-js-client for the bytes; submit. Bodies are
// parsed with the protocol's own schemas.
import { readFileSync } from 'node:fs';
import * as tus from 'tus-js-client';
import { signMessage } from '../../../bag/minisign';
import type { SchoolKey } from '../../../bag/keyTypes';
import { ChallengeResponse, challengeMessage, ServerInfo, SubmitResponse, TokenResponse, UPLOAD_METADATA } from '../../../shared/sync/protocol';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(url: string, init: RequestInit & { token?: string } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function info(base: string): Promise<ServerInfo> {
  return ServerInfo.parse((await call(`${base}/info`)).body);
}

export async function challenge(base: string, schoolCode: string, keyId: string): Promise<Reply> {
  return call(`${base}/auth/challenge`, { method: 'POST', body: JSON.stringify({ schoolCode, keyId }) });
}

export async function login(base: string, schoolCode: string, key: SchoolKey): Promise<string> {
  const { serverName } = await info(base);
  const c = await challenge(base, schoolCode, key.keyId);
  if (c.status !== 200) throw new Error(`challenge: ${c.status} ${JSON.stringify(c.body)}`);
  const ch = ChallengeResponse.parse(c.body);
  const signature = signMessage(Buffer.from(challengeMessage(serverName, ch.challengeId, ch.challenge)), key.secret, { trustedComment: 'selfcheck-auth' });
  const t = await call(`${base}/auth/token`, { method: 'POST', body: JSON.stringify({ challengeId: ch.challengeId, signature }) });
  if (t.status !== 200) throw new Error(`token: ${t.status} ${JSON.stringify(t.body)}`);
  return TokenResponse.parse(t.body).token;
}

export interface UploadOptions {
  chunkSize?: number;
  /** Stop after this many bytes have been acknowledged (to resume elsewhere). */
  stopAfter?: number;
  /** Resume this upload URL instead of creating one. */
  uploadUrl?: string;
  endpoint?: string;
}

/** Sends the file with tus; resolves with the upload URL and the bytes the server acknowledged. */
export function upload(base: string, token: string, file: string, sha512: string, opts: UploadOptions = {}): Promise<{ url: string; offset: number }> {
  const bytes = readFileSync(file);
  return new Promise((resolve, reject) => {
    let stopped = false;
    const up: tus.Upload = new tus.Upload(bytes, {
      endpoint: opts.endpoint ?? `${base}/uploads`,
      uploadUrl: opts.uploadUrl ?? null,
      headers: { authorization: `Bearer ${token}` },
      metadata: { [UPLOAD_METADATA.fileName]: 'package.zip', [UPLOAD_METADATA.sha512]: sha512 },
      uploadSize: bytes.length,
      chunkSize: opts.chunkSize ?? Infinity,
      retryDelays: null,
      onChunkComplete: (_chunk, accepted) => {
        if (opts.stopAfter !== undefined && accepted >= opts.stopAfter && !stopped) {
          stopped = true;
          void up.abort().then(() => resolve({ url: up.url ?? '', offset: accepted }));
        }
      },
      onSuccess: () => resolve({ url: up.url ?? '', offset: bytes.length }),
      onError: (e) => reject(e),
    });
    up.start();
  });
}

export const uploadIdOf = (uploadUrl: string): string => uploadUrl.split('/').pop() ?? '';

export async function submit(base: string, token: string, uploadId: string, sha512: string): Promise<Reply<SubmitResponse>> {
  const r = await call(`${base}/submissions`, { method: 'POST', token, body: JSON.stringify({ uploadId, sha512, clientTime: new Date().toISOString() }) });
  return { ...r, body: r.status < 500 && typeof r.body === 'object' && r.body !== null && 'outcome' in r.body ? SubmitResponse.parse(r.body) : (r.body as SubmitResponse) };
}
