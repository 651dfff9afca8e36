// Bridge for the local web mode: the same handlers over HTTP on 127.0.0.1.
// Auth is the per-run session secret (webSession.ts) in the Authorization header;
// evidence addresses, which <img> and new tabs load without headers, are signed with it.
// `X-Selfcheck` marks the request as ours (a form post cannot set it).
import type { Bridge } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/define';
import { decodeJson, encodeJson } from '../../shared/api/codec';
import { signedEvidenceQuery } from '../../shared/web/evidenceSignature';
import { asResult, unwrap } from './errors';
import { endWebSession } from './webSession';

export function webBridge(secret: string, base = ''): Bridge {
  return {
    async call(name, args) {
      let response: Response;
      const body = encodeJson(args);
      try {
        response = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', 'X-Selfcheck': '1', Authorization: `Bearer ${secret}` },
          body,
          // A save sent as the page unloads (reload, tab closed) still reaches the back end;
          // browsers allow keepalive for bodies up to 64 KiB.
          keepalive: body.length < 60_000,
        });
      } catch (cause) {
        throw new ApiError('io', 'network', undefined, String(cause));
      }
      if (response.status === 401) endWebSession();
      const text = await response.text();
      let decoded: unknown;
      try {
        decoded = decodeJson(text);
      } catch {
        throw new ApiError('internal', 'internal', undefined, `HTTP ${response.status}`);
      }
      return unwrap(asResult(decoded));
    },
    evidenceUrl: (sha256, variant) => `${base}/evidence/${encodeURIComponent(sha256)}/${variant}?${signedEvidenceQuery(secret, sha256, variant, Date.now())}`,
  };
}
