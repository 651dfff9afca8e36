// Small HTTP requests of the sync client (JSON in, JSON or bytes out) over
// node:http(s), so the environment's proxy is honoured (proxy.ts). Uploads go
// through tus-js-client with the same agent (upload.ts).
import * as http from 'node:http';
import * as https from 'node:https';
import { agentFor } from './proxy';
import { SyncError } from './errors';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  json?: unknown;
  /** Whole-request deadline (connect + answer). */
  timeoutMs?: number;
  /** Refuse answers larger than this (a template package is the largest we fetch). */
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

export function request(url: URL, opts: RequestOptions = {}): Promise<HttpResponse> {
  const body = opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json));
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, agent: agentFor(url) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy(new Error(`answer larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => reject(networkError(url, e)));
    });
    req.setTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(networkError(url, e)));
    req.end(body);
  });
}

function networkError(url: URL, e: Error): SyncError {
  const code = (e as NodeJS.ErrnoException).code;
  return new SyncError('network', `${url.origin}: ${code ? `${code} ` : ''}${e.message}`);
}
