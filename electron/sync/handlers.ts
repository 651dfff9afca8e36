// Handlers of the sync methods (shared/api/sync.ts) and the background sender
// of the desktop app and the web mode: every minute, when connected, it sends
// the packages that are due (failed ones wait out their backoff), then fetches
// receipts and the template feed. "Send now" runs the same at once, failed
// packages included. One run at a time; errors are recorded, never thrown.
import { ConnectionFile } from '../../shared/sync/protocol';
import { ApiError } from '../../shared/api/define';
import type { SyncStatus } from '../../shared/api/sync';
import type { Handlers } from '../api/dispatch';
import { keyFingerprint } from '../keys/enrolmentSheet';
import type { Core } from '../services/core';
import type { SyncClient } from './client';
import { documentFileBase } from './documents';
import { SyncError } from './errors';
import { syncClientFor } from './forCore';
import { installOffered } from './templatesFeed';

const TICK_MS = 60_000;

/** SyncErrors become ApiErrors whose message is an i18n key (error.sync.<code>); the detail is the English text. */
function guard<A, R>(fn: (args: A) => R | Promise<R>): (args: A) => Promise<R> {
  return async (args) => {
    try {
      return await fn(args);
    } catch (e) {
      if (e instanceof SyncError) throw new ApiError(e.code === 'network' || e.code === 'server' ? 'io' : 'bad_package', `sync.${e.code}`, undefined, e.message);
      throw e;
    }
  };
}

export class SyncRunner {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly client: SyncClient,
    private readonly core: Core,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.run(false), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get sending(): boolean {
    return this.running !== null;
  }

  /** One round: send, receipts, templates. Resolves when done; a second call while one runs joins it. */
  run(force: boolean): Promise<void> {
    try {
      if (!this.client.store.server()) return Promise.resolve();
    } catch {
      this.stop(); // the database is closed: the app is shutting down
      return Promise.resolve();
    }
    this.running ??= this.round(force).finally(() => (this.running = null));
    return this.running;
  }

  private async round(force: boolean): Promise<void> {
    const c = this.client;
    try {
      await c.ping();
      await c.send({ force });
      await c.fetchReceipts();
      await c.fetchTemplates(this.core.templates);
    } catch (e) {
      c.store.recordContact({ error: (e as Error).message });
    }
  }
}

export function syncStatus(runner: SyncRunner): SyncStatus {
  const c = runner.client;
  const s = c.store.server();
  return {
    server: s ? { url: s.url, serverName: s.serverName, bureauKeyId: s.bureauKeyId, fingerprint: keyFingerprint(s.bureauKey), lastContactAt: s.lastContactAt, lastError: s.lastError } : null,
    clock: c.clock(),
    sending: runner.sending,
    items: c.store.items().map((i) => ({
      sha512: i.sha512,
      bagId: i.bagId,
      size: i.size,
      state: i.state,
      sent: c.progress.get(i.sha512)?.sent ?? (i.state === 'received' ? i.size : i.uploadOffset),
      attempts: i.attempts,
      nextAttemptAt: i.nextAttemptAt,
      lastError: i.lastError,
      reason: i.reason,
      addedAt: i.addedAt,
    })),
    receipts: c.store.documents().map((d) => ({ sha512: d.sha512, kind: d.kind, bagId: d.bagId, seq: d.seq, received: d.received, via: d.via })),
    offers: c.store.templateOffers().map((o) => ({ sha512: o.sha512, templateId: o.templateId, version: o.version, installedAt: o.installedAt })),
  };
}

export function createSyncHandlers(core: Core, opts: { background?: boolean } = {}): Handlers {
  const runner = new SyncRunner(syncClientFor(core), core);
  if (opts.background) runner.start();
  const c = runner.client;
  return {
    'sync.status': guard(() => syncStatus(runner)),
    'sync.connect': guard(async (args: { connectionFile: string } | { server: string; bureauKey: string }) => {
      if ('connectionFile' in args) {
        let json: unknown;
        try {
          json = JSON.parse(args.connectionFile);
        } catch {
          throw new SyncError('badConnectionFile', 'the connection file is not JSON');
        }
        const f = ConnectionFile.safeParse(json);
        if (!f.success) throw new SyncError('badConnectionFile', `${f.error.issues[0]?.path.join('.') ?? ''} ${f.error.issues[0]?.message ?? ''}`);
        await c.connect({ server: f.data.server, bureauKey: f.data.bureauKey, bureauKeyId: f.data.bureauKeyId });
      } else await c.connect(args);
      void runner.run(false);
      return syncStatus(runner);
    }),
    'sync.sendNow': guard(() => {
      if (!c.store.server()) throw new SyncError('notConnected', 'not connected to a bureau server yet');
      c.store.retryNow();
      void runner.run(true);
      return syncStatus(runner);
    }),
    'sync.receipt': guard(({ sha512 }: { sha512: string }) => {
      const d = c.store.document(sha512);
      if (!d) throw new ApiError('not_found', 'sync.noReceipt', undefined, sha512);
      return { fileName: documentFileBase(d), json: d.json, minisig: d.minisig };
    }),
    'sync.importReceipts': guard(({ files }: { files: { name: string; json: string; minisig: string }[] }) =>
      c
        .importDocuments(files.map((f) => ({ name: f.name, read: () => ({ json: f.json, minisig: f.minisig }) })))
        .map((o) => ({ name: o.file, ok: o.ok, bagId: o.bagId ?? null, error: o.error ?? null })),
    ),
    'sync.installTemplate': guard(({ sha512 }: { sha512: string }) => installOffered(c.store, core.paths.dataDir, core.templates, sha512)),
  };
}
