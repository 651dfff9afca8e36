// Sends the outbox: for each package still to send, upload the bytes (tus,
// resumable), then submit (idempotent) and settle it with the signed answer.
// Packages go one after another and each on its own: a failing one is marked
// "failed, will retry" with exponential backoff and jitter, and the next goes on.
import { join } from 'node:path';
import { SyncError } from './errors';
import { acceptDocument } from './documents';
import { settleFiles } from './outboxFiles';
import { uploadFile, uploadIdOf } from './upload';
import type { SyncApi } from './api';
import type { TokenSource } from './auth';
import type { OutboxItem, ServerRow, SyncStore } from './syncStore';

export type SendEvent =
  | { kind: 'start'; item: OutboxItem }
  | { kind: 'progress'; sha512: string; sent: number; total: number }
  | { kind: 'done'; item: OutboxItem | null; error?: SyncError };

export interface SendDeps {
  api: SyncApi;
  tokens: TokenSource;
  store: SyncStore;
  server: ServerRow;
  dataDir: string;
  now?: () => Date;
  random?: () => number;
}

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Exponential backoff with full jitter ("attempts" counts tries so far, 1 after the first). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Sends every package that is due (or all still to send when `force`); returns what happened to each. */
export async function sendOutbox(deps: SendDeps, opts: { force: boolean; onEvent?: (e: SendEvent) => void; signal?: AbortSignal }): Promise<OutboxItem[]> {
  const emit = opts.onEvent ?? (() => undefined);
  const out: OutboxItem[] = [];
  for (const item of deps.store.pending(!opts.force)) {
    if (opts.signal?.aborted) break;
    emit({ kind: 'start', item });
    const error = await sendOne(deps, item, (sent, total) => emit({ kind: 'progress', sha512: item.sha512, sent, total }));
    const after = deps.store.item(item.sha512);
    emit({ kind: 'done', item: after, ...(error ? { error } : {}) });
    if (after) out.push(after);
  }
  return out;
}

/** Sends one package; never throws (the error, if any, is recorded on the item and returned). */
async function sendOne(deps: SendDeps, item: OutboxItem, onProgress: (sent: number, total: number) => void): Promise<SyncError | undefined> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  store.startUpload(item.sha512);
  try {
    for (let round = 0; round < 2; round++) {
      const current = store.item(item.sha512);
      const uploadUrl = await uploadFile(
        deps,
        { sha512: item.sha512, path: join(deps.dataDir, item.file), fileName: `${item.bagId}.zip`, resumeUrl: current?.uploadUrl ?? null },
        onProgress,
      );
      store.setUploadUrl(item.sha512, uploadUrl);
      store.setOffset(item.sha512, item.size);
      const again = await submit(deps, item, uploadUrl);
      if (!again) return undefined;
      // The server lost or refused the finished upload (expired, hash mismatch): start it afresh, once.
      store.setUploadUrl(item.sha512, null);
    }
    throw new SyncError('server', 'the server did not accept the finished upload twice in a row');
  } catch (e) {
    const err = e instanceof SyncError ? e : new SyncError('network', (e as Error).message);
    const attempts = (store.item(item.sha512)?.attempts ?? 1);
    store.fail(item.sha512, err.message, new Date(now().getTime() + backoffMs(attempts, deps.random)));
    return err;
  }
}

/** Submits a finished upload; true when the upload must be sent again. */
async function submit(deps: SendDeps, item: OutboxItem, uploadUrl: string): Promise<boolean> {
  const { api, tokens, store, server } = deps;
  const body = { uploadId: uploadIdOf(uploadUrl), sha512: item.sha512, clientTime: (deps.now ?? (() => new Date()))().toISOString() };
  let res;
  try {
    res = await api.submit(await tokens.get(), body, 120_000);
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    if (e.serverCode === 'unauthenticated') {
      tokens.invalidate();
      res = await api.submit(await tokens.get(), body, 120_000);
    } else if (e.serverCode === 'upload_not_found' || e.serverCode === 'hash_mismatch' || e.serverCode === 'upload_incomplete') {
      return true;
    } else throw e;
  }
  if (res.outcome === 'conflict') {
    store.conflict(item.sha512, res.message);
    return false;
  }
  const doc = res.outcome === 'received' ? res.receipt : res.rejection;
  const { body: signed } = acceptDocument(store, doc, server.bureauKey, server.bureauKeyId, item.sha512);
  settleFiles(deps.dataDir, store, item.sha512);
  store.recordContact({ serverTime: signed.received, localTime: body.clientTime });
  return false;
}
