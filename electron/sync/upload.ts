// Sends one package's bytes with tus (tus-js-client). tus-js-client keeps no
// resume state in Node, so we keep it: the upload URL as soon as the server made
// it, the offset after every chunk the server acknowledged. A dropped connection
// or a restarted app starts from the stored URL; tus-js-client asks the server
// for its offset (HEAD) and sends from there, so at most the chunk in flight is
// sent again.
//
// Chunk size, 2 MiB by default: every chunk is one PATCH request, so this bounds
// both what a cut can cost (<= 2 MiB again: about 16 s on a 1 Mbit/s village
// line) and the per-request overhead (a 100 MB package is 50 requests, nothing
// next to its transfer time). SELFCHECK_SYNC_CHUNK_BYTES overrides it (tests use
// small chunks to count re-sent bytes on small packages).
import { createReadStream, existsSync } from 'node:fs';
import { DefaultHttpStack, Upload, type DetailedError } from 'tus-js-client';
import { UPLOAD_METADATA } from '../../shared/sync/protocol';
import type { TokenSource } from './auth';
import type { SyncApi } from './api';
import { SyncError } from './errors';
import { agentFor } from './proxy';
import type { SyncStore } from './syncStore';

export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;
/** No byte acknowledged or sent for this long: the connection is taken as dead. */
const DEFAULT_STALL_MS = 60_000;

export function chunkBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SELFCHECK_SYNC_CHUNK_BYTES);
  return Number.isInteger(n) && n >= 1024 ? n : DEFAULT_CHUNK_BYTES;
}

function stallMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SELFCHECK_SYNC_STALL_MS);
  return Number.isInteger(n) && n >= 100 ? n : DEFAULT_STALL_MS;
}

export interface UploadJob {
  sha512: string;
  path: string;
  fileName: string;
  /** The stored tus URL of an interrupted upload, if any. */
  resumeUrl: string | null;
}

/** Uploads the file and resolves with its tus URL once the server holds every byte. */
export function uploadFile(
  deps: { api: SyncApi; tokens: TokenSource; store: SyncStore },
  job: UploadJob,
  onProgress: (sent: number, total: number) => void,
): Promise<string> {
  if (!existsSync(job.path)) return Promise.reject(new SyncError('fileMissing', `${job.path}: the outbox copy of the package is missing`));
  const { api, tokens, store } = deps;
  return new Promise((resolve, reject) => {
    let lastActivity = Date.now();
    let settled = false;
    const stall = stallMs();
    const upload = new Upload(createReadStream(job.path), {
      endpoint: api.uploadsUrl,
      uploadUrl: job.resumeUrl,
      chunkSize: chunkBytes(),
      retryDelays: [0, 1000, 3000],
      metadata: { [UPLOAD_METADATA.fileName]: job.fileName, [UPLOAD_METADATA.sha512]: job.sha512 },
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      httpStack: new DefaultHttpStack({ agent: agentFor(new URL(api.uploadsUrl)) }),
      onBeforeRequest: async (req) => {
        lastActivity = Date.now();
        req.setHeader('Authorization', `Bearer ${await tokens.get()}`);
      },
      onUploadUrlAvailable: () => {
        if (upload.url && upload.url !== job.resumeUrl) store.setUploadUrl(job.sha512, upload.url);
      },
      onProgress: (sent, total) => {
        lastActivity = Date.now();
        onProgress(sent, total);
      },
      onChunkComplete: (_chunk, accepted) => {
        lastActivity = Date.now();
        store.setOffset(job.sha512, accepted);
      },
      onShouldRetry: (err: DetailedError) => {
        const status = err.originalResponse?.getStatus() ?? 0;
        if (status === 401) tokens.invalidate();
        return status === 0 || status === 401 || status === 409 || status === 423 || status >= 500;
      },
      onSuccess: () => finish(null),
      onError: (e) => finish(e),
    });
    const timer = setInterval(() => {
      if (Date.now() - lastActivity < stall) return;
      void upload.abort();
      finish(new Error(`no progress for ${Math.round(stall / 1000)} s`));
    }, Math.min(1000, stall / 4));
    function finish(e: Error | null): void {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (!e && upload.url) return resolve(upload.url);
      reject(toSyncError(e ?? new Error('the upload ended without a URL')));
    }
    upload.start();
  });
}

function toSyncError(e: Error): SyncError {
  if (e instanceof SyncError) return e;
  const status = (e as DetailedError).originalResponse?.getStatus?.() ?? 0;
  const body = (e as DetailedError).originalResponse?.getBody?.() ?? '';
  if (status === 0) return new SyncError('network', `upload: ${e.message.split('\n')[0] ?? e.message}`);
  const code = /"code"\s*:\s*"([a-z_]+)"/.exec(body)?.[1];
  if (code === 'not_enrolled') return new SyncError('notEnrolled', `upload: HTTP ${status} ${code}`, code, status);
  return new SyncError('server', `upload: HTTP ${status}${code ? ` ${code}` : ''}`, code, status);
}

/** The upload id the submit call names: the last path segment of the tus URL. */
export const uploadIdOf = (uploadUrl: string): string => decodeURIComponent(new URL(uploadUrl).pathname.split('/').filter(Boolean).pop() ?? '');
