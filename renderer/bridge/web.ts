// Bridge for the local web mode: the same handlers over HTTP on 127.0.0.1.
// Auth is the HttpOnly cookie the server set when the page was opened with its
// token; `X-Selfcheck` marks the request as ours (a form post cannot set it).
import type { Bridge } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/define';
import { decodeJson, encodeJson } from '../../shared/api/codec';
import { asResult, unwrap } from './errors';

export function webBridge(base = ''): Bridge {
  return {
    async call(name, args) {
      let response: Response;
      const body = encodeJson(args);
      try {
        response = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Selfcheck': '1' },
          body,
          // A save sent as the page unloads (reload, tab closed) still reaches the back end;
          // browsers allow keepalive for bodies up to 64 KiB.
          keepalive: body.length < 60_000,
        });
      } catch (cause) {
        throw new ApiError('io', 'network', undefined, String(cause));
      }
      const text = await response.text();
      let decoded: unknown;
      try {
        decoded = decodeJson(text);
      } catch {
        throw new ApiError('internal', 'internal', undefined, `HTTP ${response.status}`);
      }
      return unwrap(asResult(decoded));
    },
    evidenceUrl: (sha256, variant) => `${base}/evidence/${encodeURIComponent(sha256)}/${variant}`,
  };
}
