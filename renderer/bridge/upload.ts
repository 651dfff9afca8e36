// Sending one evidence file to the back end without reading it into the page:
// the desktop passes the file's path (webUtils.getPathForFile in the preload) and the
// main process reads it; the web mode streams the File as the request body (the browser
// reads it from disk in chunks). Either way progress comes from the back end, by bytes
// hashed and written, through evidence.importProgress.
import type { EvidenceImportMeta } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/define';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { decodeJson } from '../../shared/api/codec';
import { api } from './index';
import { asResult, unwrap } from './errors';
import { currentWebSecret } from './webSession';

/** Whether the browser can still read the file (false once it was moved or deleted). */
async function stillReadable(file: File): Promise<boolean> {
  try {
    await file.slice(0, 1).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function upload(file: File, meta: EvidenceImportMeta): Promise<EvidenceFile> {
  let response: Response;
  try {
    response = await fetch('/upload/evidence', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Authorization: `Bearer ${currentWebSecret() ?? ''}`,
        'Content-Type': 'application/octet-stream',
        'X-Selfcheck': '1',
        'X-Selfcheck-Meta': encodeURIComponent(JSON.stringify(meta)),
      },
      body: file,
    });
  } catch (cause) {
    if (!(await stillReadable(file))) throw new ApiError('invalid_args', 'evidence.vanished', { name: meta.name });
    throw new ApiError('io', 'network', undefined, String(cause));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = decodeJson(text);
  } catch {
    throw new ApiError('internal', 'internal', undefined, `HTTP ${response.status}`);
  }
  return unwrap(asResult(body));
}

export async function importEvidenceFile(file: File, meta: EvidenceImportMeta): Promise<EvidenceFile> {
  const desktop = window.selfcheck;
  if (!desktop) return upload(file, meta);
  const path = desktop.pathForFile(file);
  if (path) return api().call('evidence.importPath', { ...meta, path });
  // A file made in the page has no path: it is small, so its bytes go as they are.
  return api().call('evidence.import', { ...meta, bytes: new Uint8Array(await file.arrayBuffer()) });
}
