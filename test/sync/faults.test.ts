// The app's outbox against a real bureau server process, through a TCP fault
// proxy of our own: connections cut mid-upload, the app killed mid-upload, the
// server SIGKILLed mid-upload and mid-submit, an answer lost after the server
// succeeded, a tampered package. After each: every package has exactly one
// receipt (app and server agree), and a resumed upload re-sent at most one chunk.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../electron/services/core';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from '../package/helpers/exportFixture';
import { FaultProxy } from './faultProxy';
import { ServerProcess, selfcheck, selfcheckAsync } from './serverProcess';

const ROOT = join(__dirname, '..', '..');
const CHUNK = 256 * 1024;
/** Request and response headers of the extra requests a resume makes (HEAD, re-auth, PATCH headers). */
const SLACK = 64 * 1024;
const syncEnv = { SELFCHECK_SYNC_CHUNK_BYTES: String(CHUNK), SELFCHECK_SYNC_STALL_MS: '3000' };

let school: string;
let bureau: string;
let work: string;
let server: ServerProcess;
let proxy: FaultProxy;
let bureauPub: string;
let exported = 0;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const fx = await makeExportFixture({ bigFileBytes: 3 * 1024 * 1024 });
  fx.tc.core.close();
  school = fx.tc.dir;
  bureau = tempDir('sync-bureau-');
  work = tempDir('sync-work-');
  const init = await selfcheck(['server', 'init', '--data-dir', bureau, '--name', 'Test County']);
  expect(init.status).toBe(0);
  const bureauKey = /bureau public key:\s+(RW\S+)/.exec(init.stdout)?.[1] as string;
  bureauPub = join(bureau, 'bureau.pub');
  const keys = await selfcheck(['keys', '--data-dir', school]);
  const schoolKey = /public key:\s+(RW\S+)/.exec(keys.stdout)?.[1] as string;
  expect((await selfcheck(['server', 'enrol', '--data-dir', bureau, '--school', '1430000001', '--key', schoolKey])).status).toBe(0);
  server = new ServerProcess(bureau);
  await server.start();
  proxy = new FaultProxy(server.port);
  await proxy.start();
  const c = await selfcheck(['connect', '--data-dir', school, '--server', proxy.url, '--bureau-key', bureauKey]);
  expect(c.stderr + c.stdout).toContain('OK  connected to "Test County"');
  expect(c.status).toBe(0);
}, 300_000);

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  for (const d of [school, bureau, work]) if (d) rmSync(d, { recursive: true, force: true });
});

interface Pkg {
  bagId: string;
  sha512: string;
  size: number;
  path: string;
}

/**
 * Each test sends a package the server has not seen: a re-export of a frozen
 * version is byte-identical (and would get the receipt it already has), so
 * every export after the first continues the latest version, as a school
 * does when it edits after exporting.
 */
function nextVersion(): string | null {
  const core = createCore({ dataDir: school, mode: 'cli', purgeAtStart: false });
  try {
    const latest = [...core.assessments.list()].sort((a, b) => b.version - a.version)[0];
    if (!latest?.frozenAt) return latest?.id ?? null;
    return core.assessments.continueFrozen(latest.id, 'test').id;
  } finally {
    core.close();
  }
}

async function exportOne(): Promise<Pkg> {
  const path = join(work, `p${++exported}.zip`);
  const id = nextVersion();
  const r = await selfcheck(['export', '--data-dir', school, '--out', path, '--lang', 'en', ...(id ? ['--assessment', id] : [])]);
  expect(r.status).toBe(0);
  const bytes = readFileSync(path);
  return { bagId: /bag=(\S+)/.exec(r.stdout)?.[1] as string, sha512: createHash('sha512').update(bytes).digest('hex'), size: bytes.length, path };
}

const appDb = () => new Database(join(school, 'selfcheck.db'), { readonly: true });
const outboxRow = (sha512: string) => {
  const db = appDb();
  try {
    return db.prepare('SELECT state, upload_offset AS offset, upload_url AS url FROM outbox WHERE sha512 = ?').get(sha512) as { state: string; offset: number; url: string | null };
  } finally {
    db.close();
  }
};

/** Every package in the outbox has one receipt (or, if tampered, one rejection), in the app and on the server, and nothing else. */
function expectOneDocumentEach(rejected: string[] = []): void {
  const db = appDb();
  const items = db.prepare('SELECT sha512, state FROM outbox').all() as { sha512: string; state: string }[];
  const docs = db.prepare('SELECT sha512, kind FROM sync_documents').all() as { sha512: string; kind: string }[];
  db.close();
  expect(items.length).toBeGreaterThan(0);
  for (const i of items) {
    const want = rejected.includes(i.sha512) ? 'rejected' : 'received';
    expect(i.state).toBe(want);
    expect(docs.filter((d) => d.sha512 === i.sha512).map((d) => d.kind)).toEqual([want === 'received' ? 'receipt' : 'rejection']);
  }
  expect(docs.length).toBe(items.length);
  const sdb = new Database(join(bureau, 'server.sqlite'), { readonly: true });
  const serverDocs = sdb.prepare('SELECT sha512, kind FROM documents').all() as { sha512: string; kind: string }[];
  sdb.close();
  expect(serverDocs.map((d) => d.sha512).sort()).toEqual(items.map((i) => i.sha512).sort());
}

const sync = () => selfcheck(['sync', '--data-dir', school], syncEnv);

test('a connection cut mid-upload resumes; at most one chunk is sent twice; the receipt verifies with stock minisign', async () => {
  const p = await exportOne();
  const before = proxy.upBytes;
  proxy.arm({ kind: 'cut', afterBytes: Math.floor(p.size / 2) });
  const r = await sync();
  expect(r.stdout).toContain(`RECEIVED  ${p.bagId}`);
  expect(r.status).toBe(0);
  expect(proxy.fired).toBeGreaterThanOrEqual(1);
  const sent = proxy.upBytes - before;
  expect(sent).toBeGreaterThanOrEqual(p.size);
  expect(sent - p.size).toBeLessThanOrEqual(CHUNK + SLACK);
  expectOneDocumentEach();

  const out = join(work, 'receipts');
  expect((await selfcheck(['receipts', '--data-dir', school, '--out', out])).status).toBe(0);
  const v = spawnSync('minisign', ['-V', '-p', bureauPub, '-m', join(out, `${p.bagId}.receipt.json`)], { encoding: 'utf8' });
  expect(v.stdout).toContain('Signature and comment signature verified');
  expect(v.status).toBe(0);
}, 240_000);

test('the app killed mid-upload resumes from the stored offset', async () => {
  const p = await exportOne();
  const before = proxy.upBytes;
  proxy.arm({ kind: 'stall', afterBytes: Math.floor(p.size * 0.6) });
  const child = selfcheckAsync(['sync', '--data-dir', school], syncEnv);
  const deadline = Date.now() + 90_000;
  while (proxy.fired === 0 || outboxRow(p.sha512).offset === 0) {
    if (Date.now() > deadline) throw new Error('the stall never came');
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const stored = outboxRow(p.sha512);
  expect(stored.url).not.toBeNull();
  expect(stored.offset).toBeGreaterThan(0);
  const firstRun = proxy.upBytes - before;

  const r = await sync();
  expect(r.stdout).toContain(`RECEIVED  ${p.bagId}`);
  expect(r.status).toBe(0);
  // The second run sent (about) only what the server did not have: from its offset on.
  const secondRun = proxy.upBytes - before - firstRun;
  expect(secondRun).toBeLessThanOrEqual(p.size - stored.offset + CHUNK + SLACK);
  expect(firstRun + secondRun - p.size).toBeLessThanOrEqual(CHUNK + SLACK);
  expectOneDocumentEach();
}, 240_000);

test('the server SIGKILLed mid-upload and restarted: one receipt', async () => {
  const p = await exportOne();
  let killed: Promise<void> | null = null;
  const half = proxy.upBytes + p.size / 2;
  proxy.onUpstream = () => {
    if (!killed && proxy.upBytes > half) killed = server.kill();
  };
  const child = selfcheckAsync(['sync', '--data-dir', school], syncEnv);
  const deadline = Date.now() + 90_000;
  while (!killed) {
    if (Date.now() > deadline) throw new Error('never reached the middle of the upload');
    await new Promise((r) => setTimeout(r, 50));
  }
  proxy.onUpstream = null;
  await killed;
  await new Promise((r) => child.once('exit', r));
  await server.start();
  const r = await sync();
  expect(r.stdout).toContain(`RECEIVED  ${p.bagId}`);
  expect(r.status).toBe(0);
  expectOneDocumentEach();
}, 240_000);

test('the server SIGKILLed mid-submit and restarted: one receipt', async () => {
  const p = await exportOne();
  let killed: Promise<void> | null = null;
  proxy.onUpstream = (chunk) => {
    if (!killed && chunk.includes('POST /api/v1/submissions')) killed = new Promise((r) => setTimeout(r, 30)).then(() => server.kill());
  };
  const first = selfcheckAsync(['sync', '--data-dir', school], syncEnv);
  const deadline = Date.now() + 90_000;
  while (!killed) {
    if (Date.now() > deadline) throw new Error('never submitted');
    await new Promise((r) => setTimeout(r, 50));
  }
  proxy.onUpstream = null;
  await killed;
  await new Promise((r) => first.once('exit', r));
  await server.start();
  const r = await sync();
  expect(r.stdout).toContain(`RECEIVED  ${p.bagId}`);
  expect(r.status).toBe(0);
  expectOneDocumentEach();
}, 240_000);

test('an answer lost after the server succeeded (a 504): the same receipt, no duplicate, the bytes not sent again', async () => {
  const p = await exportOne();
  proxy.arm({ kind: 'loseAnswer', requestContains: 'POST /api/v1/submissions' });
  const before = proxy.upBytes;
  const r = await sync();
  expect(proxy.fired).toBeGreaterThanOrEqual(1);
  expect(r.stdout).toContain(`RECEIVED  ${p.bagId}`);
  expect(r.status).toBe(0);
  expect(proxy.upBytes - before - p.size).toBeLessThanOrEqual(SLACK);
  expectOneDocumentEach();
}, 240_000);

test('a tampered package is rejected, quarantined and not retried; the next package is still sent', async () => {
  const good = await exportOne();
  const bad = await exportOne();
  const bytes = readFileSync(bad.path);
  // Flip a byte in the middle (inside the stored evidence): the package no longer verifies.
  const mid = Math.floor(bytes.length / 2);
  bytes[mid] = (bytes[mid] as number) ^ 0xff;
  const tampered = join(work, 'tampered.zip');
  writeFileSync(tampered, bytes);
  const tamperedSha = createHash('sha512').update(bytes).digest('hex');
  const r = await selfcheck(['sync', '--data-dir', school, '--add', tampered], syncEnv);
  expect(r.stdout).toMatch(/^REJECTED {2}tampered .*reason=\S+ \(quarantined, not sent again\)/m);
  expect(r.stdout).toContain(`RECEIVED  ${good.bagId}`);
  expect(r.stdout).toContain(`RECEIVED  ${bad.bagId}`);
  expect(r.status).toBe(1);
  expect(readFileSync(join(school, 'outbox', 'quarantine', 'tampered.zip')).equals(bytes)).toBe(true);
  const before = proxy.upBytes;
  const again = await sync();
  expect(again.status).toBe(1);
  expect(proxy.upBytes - before).toBeLessThan(SLACK); // the rejected package is not sent again
  expectOneDocumentEach([tamperedSha]);
}, 300_000);
