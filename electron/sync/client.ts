// The app's sync side in one object, used by the CLI commands and the UI
// handlers alike: connect, send the outbox, fetch receipts and templates,
// import and export receipts. State lives in SQLite (SyncStore); this object
// holds only the live upload progress and the token.
import { readFileSync, statSync } from 'node:fs';
import { ConnectionFile, type SignedDocument } from '../../shared/sync/protocol';
import { keyIdHex, parsePublicKey, publicKeyLine } from '../../bag/minisign';
import type { KeyVault } from '../keys/keyVault';
import { keyFingerprint } from '../keys/enrolmentSheet';
import { TrustStore } from '../keys/trustStore';
import type { Db } from '../store/db';
import { SyncApi } from './api';
import { TokenSource } from './auth';
import { clockOf, type ClockCheck } from './clock';
import { ReviewStore } from '../review/reviewStore';
import { acceptBureauDocument, exportDocuments, readDocumentFiles, receiptFilesIn } from './documents';
import { SyncError } from './errors';
import { enqueuePackage, settleFiles, type Enqueued } from './outboxFiles';
import { sendOutbox, type SendEvent } from './sender';
import { SyncStore, type OutboxItem, type ServerRow } from './syncStore';
import { fetchTemplates, type FeedOutcome } from './templatesFeed';
import type { TemplateService } from '../services/templates';

export interface SyncClientDeps {
  db: Db;
  dataDir: string;
  vault: KeyVault;
  /** The school code the app's profile names (null before the profile is filled in). */
  schoolCode: () => string | null;
  now?: () => Date;
}

export interface ConnectResult {
  server: ServerRow;
  fingerprint: string;
  clock: ClockCheck;
}

export interface ImportOutcome {
  file: string;
  ok: boolean;
  kind?: 'receipt' | 'rejection' | 'review' | 'recheck';
  bagId?: string | null;
  /** The review's id (reviews and rechecks). */
  reviewId?: string;
  error?: string;
}

const MAX_CONNECTION_FILE = 8192;

export class SyncClient {
  readonly store: SyncStore;
  readonly reviews: ReviewStore;
  /** Live progress of the upload in flight (not persisted: the offset is). */
  readonly progress = new Map<string, { sent: number; total: number }>();
  private tokens: { url: string; source: TokenSource } | null = null;

  constructor(private readonly deps: SyncClientDeps) {
    this.store = new SyncStore(deps.db, deps.now);
    this.reviews = new ReviewStore(deps.db, deps.now);
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** Reads a connection file the bureau handed out. */
  static readConnectionFile(path: string): ConnectionFile {
    let text: string;
    try {
      if (statSync(path).size > MAX_CONNECTION_FILE) throw new Error('larger than a connection file');
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new SyncError('badConnectionFile', `${path}: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncError('badConnectionFile', `${path}: not JSON`);
    }
    const r = ConnectionFile.safeParse(json);
    if (!r.success) throw new SyncError('badConnectionFile', `${path}: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`);
    return r.data;
  }

  /**
   * Asks the server who it is and checks that its bureau key is the one we were
   * given; only then stores the server and trusts the key. Nothing is stored on a mismatch.
   */
  async connect(input: { server: string; bureauKey: string; bureauKeyId?: string }): Promise<ConnectResult> {
    let given;
    try {
      given = parsePublicKey(input.bureauKey);
    } catch (e) {
      throw new SyncError('bureauKeyMismatch', `the bureau key is not a minisign public key: ${(e as Error).message}`);
    }
    const givenId = keyIdHex(given.keyId);
    if (input.bureauKeyId && input.bureauKeyId !== givenId) throw new SyncError('badConnectionFile', `the key id ${input.bureauKeyId} does not belong to the key given (${givenId})`);
    const api = new SyncApi(input.server);
    const local = this.now();
    const info = await api.info();
    let served;
    try {
      served = parsePublicKey(info.bureauKey);
    } catch {
      throw new SyncError('protocol', 'the server sent a bureau key that is not a minisign public key');
    }
    if (publicKeyLine(served) !== publicKeyLine(given) || info.bureauKeyId !== givenId)
      throw new SyncError('bureauKeyMismatch', `the server's bureau key (${info.bureauKeyId}) is not the one you were given (${givenId}); do not connect, ask the bureau`);
    TrustStore.forDataDir(this.deps.dataDir).add(publicKeyLine(given), { kind: 'bureau', label: info.serverName });
    this.store.setServer({ url: api.base.origin + api.base.pathname.replace(/\/api\/v1\/$/, ''), serverName: info.serverName, bureauKey: publicKeyLine(given), bureauKeyId: givenId });
    this.store.recordContact({ serverTime: info.time, localTime: local.toISOString() });
    this.tokens = null;
    const server = this.store.server() as ServerRow;
    return { server, fingerprint: keyFingerprint(server.bureauKey), clock: clockOf(server) };
  }

  private connected(): { server: ServerRow; api: SyncApi; tokens: TokenSource } {
    const server = this.store.server();
    if (!server) throw new SyncError('notConnected', 'not connected to a bureau server yet: run "selfcheck connect" first');
    const api = new SyncApi(server.url);
    if (!this.tokens || this.tokens.url !== server.url) {
      const code = this.deps.schoolCode();
      if (!code) throw new SyncError('notConnected', 'the school profile has no school code yet');
      this.tokens = { url: server.url, source: new TokenSource(api, server.serverName, code, () => this.deps.vault.loadOrCreate()) };
    }
    return { server, api, tokens: this.tokens.source };
  }

  /** Refreshes the clock comparison (and proves the server is reachable). */
  async ping(): Promise<ClockCheck> {
    const { api } = this.connected();
    const local = this.now();
    try {
      const info = await api.info();
      this.store.recordContact({ serverTime: info.time, localTime: local.toISOString() });
    } catch (e) {
      this.store.recordContact({ error: (e as Error).message });
      throw e;
    }
    return clockOf(this.store.server() as ServerRow);
  }

  enqueue(pkg: { path: string; bagId: string; assessmentId?: string; assessmentVersion?: number }): Promise<Enqueued> {
    return enqueuePackage(this.deps.dataDir, this.store, pkg);
  }

  async send(opts: { force: boolean; onEvent?: (e: SendEvent) => void; signal?: AbortSignal }): Promise<OutboxItem[]> {
    // A package whose bytes all arrived but whose answer was lost (a 504 after the
    // server succeeded) may already have its receipt: ask before sending anything again.
    if (this.store.pending(!opts.force).some((i) => i.uploadUrl && i.uploadOffset >= i.size)) await this.fetchReceipts().catch(() => 0);
    const { server, api, tokens } = this.connected();
    return sendOutbox(
      { api, tokens, store: this.store, server, dataDir: this.deps.dataDir, now: this.deps.now },
      {
        ...opts,
        onEvent: (e) => {
          if (e.kind === 'progress') this.progress.set(e.sha512, { sent: e.sent, total: e.total });
          if (e.kind === 'done' && e.item) this.progress.delete(e.item.sha512);
          opts.onEvent?.(e);
        },
      },
    );
  }

  /** Fetches this school's receipts and rejections the server holds (recovers answers lost on the way). */
  async fetchReceipts(): Promise<number> {
    const { server, api, tokens } = this.connected();
    const res = await api.receipts(await tokens.get(), server.lastSeq);
    let stored = 0;
    for (const doc of res.documents) {
      const r = acceptBureauDocument({ sync: this.store, reviews: this.reviews }, doc, server.bureauKey, server.bureauKeyId, this.deps.schoolCode());
      if (r.body.kind === 'receipt' || r.body.kind === 'rejection') settleFiles(this.deps.dataDir, this.store, r.body.sha512);
      if (r.stored) stored++;
    }
    this.store.setLastSeq(res.last);
    return stored;
  }

  /** The bureau's template feed, asked as this school so it offers the templates of the campaigns that name us. */
  async fetchTemplates(templates: TemplateService): Promise<FeedOutcome> {
    const { api, tokens } = this.connected();
    return fetchTemplates(api, this.store, this.deps.dataDir, templates, await tokens.get());
  }

  /** Receipt files from a stick (`selfcheck server import --receipts DIR`): verified the same way. */
  importReceipts(paths: string[]): ImportOutcome[] {
    return this.importDocuments(receiptFilesIn(paths).map((f) => ({ name: f.json, read: () => readDocumentFiles(f) })));
  }

  /** Signed documents from outside (files, the page's upload), each checked against every trusted bureau key. */
  importDocuments(docs: { name: string; read: () => SignedDocument }[]): ImportOutcome[] {
    const server = this.store.server();
    const bureau = server ? [{ line: server.bureauKey, id: server.bureauKeyId }] : [];
    for (const t of TrustStore.forDataDir(this.deps.dataDir).trusted('bureau')) if (!bureau.some((b) => b.id === t.keyId)) bureau.push({ line: publicKeyLine(t.key), id: t.keyId });
    if (!bureau.length) throw new SyncError('notConnected', 'no bureau key is trusted yet: connect to the bureau server or add its key first');
    return docs.map((d) => {
      let lastError = '';
      for (const key of bureau) {
        try {
          const r = acceptBureauDocument({ sync: this.store, reviews: this.reviews }, d.read(), key.line, key.id, this.deps.schoolCode());
          const b = r.body;
          if (b.kind === 'review') return { file: d.name, ok: true, kind: b.kind, bagId: b.bag, reviewId: b.id };
          if (b.kind === 'recheck') return { file: d.name, ok: true, kind: b.kind, bagId: null, reviewId: b.review };
          settleFiles(this.deps.dataDir, this.store, b.sha512);
          return { file: d.name, ok: true, kind: b.kind, bagId: b.kind === 'receipt' ? b.bag : null };
        } catch (e) {
          lastError = (e as Error).message;
        }
      }
      return { file: d.name, ok: false, error: lastError };
    });
  }

  exportReceipts(dir: string): string[] {
    return exportDocuments(this.store.documents(), dir);
  }

  clock(): ClockCheck | null {
    const s = this.store.server();
    return s ? clockOf(s) : null;
  }
}
