// Faults on the server side, on both engines: the server SIGKILLed mid-upload
// and mid-submit, two server processes sharing one PostgreSQL and one data
// folder, PostgreSQL restarted under a running server. After each: exactly
// one receipt per package, the receipts form an unbroken hash chain, and a
// resumed upload re-sent at most one chunk.
import { createHash } from 'node:crypto';
import { ReceiptsResponse, SignedBody } from '../../shared/sync/protocol';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, login, submit, upload, uploadIdOf } from './helpers/client';
import { startServer, type ServerProcess } from './helpers/serverProcess';

const CHUNK = 16 * 1024;

async function documentsFor(base: string, token: string, sha512: string): Promise<number> {
  const list = ReceiptsResponse.parse((await call(`${base}/receipts?after=0`, { token })).body);
  return list.documents.filter((d) => SignedBody.parse(JSON.parse(d.json)).sha512 === sha512).length;
}

async function headOffset(base: string, token: string, uploadId: string): Promise<number> {
  const r = await fetch(`${base}/uploads/${uploadId}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` } });
  return Number(r.headers.get('upload-offset'));
}

/** Every document's prev is the SHA-512 of the one before: no gap, no fork. */
function checkChain(docs: { json: string }[]): void {
  const bodies = docs.map((d) => SignedBody.parse(JSON.parse(d.json))).sort((a, b) => a.seq - b.seq);
  const seqs = new Set(bodies.map((b) => b.seq));
  expect(seqs.size).toBe(bodies.length);
  const byJson = new Map(docs.map((d) => [SignedBody.parse(JSON.parse(d.json)).seq, d.json]));
  for (const b of bodies) {
    const prevJson = byJson.get(b.seq - 1);
    if (prevJson !== undefined) expect(b.prev).toBe(createHash('sha512').update(prevJson).digest('hex'));
  }
}

describe.each(ENGINES)('server faults on %s', (engine) => {
  let b: Bureau;
  let server: ServerProcess;

  beforeAll(async () => {
    b = await setupBureau(engine);
    server = await startServer(b.dataDir, [], b.env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    b?.cleanup();
  }, 60_000);

  test('SIGKILL mid-upload: a new process resumes from the stored offset, re-sending at most one chunk', async () => {
    const pkg = await b.makePackage();
    let token = await login(server.url, '1430000001', b.school);
    const part = await upload(server.url, token, pkg.zipPath, pkg.sha512, { chunkSize: CHUNK, stopAfter: 2 * CHUNK });
    await server.kill();
    server = await startServer(b.dataDir, [], b.env);
    token = await login(server.url, '1430000001', b.school);
    const id = uploadIdOf(part.url);
    const offset = await headOffset(server.url, token, id);
    expect(offset).toBeGreaterThanOrEqual(part.offset);
    expect(part.offset - offset).toBeLessThanOrEqual(CHUNK);
    await upload(server.url, token, pkg.zipPath, pkg.sha512, { chunkSize: CHUNK, uploadUrl: `${server.url}/uploads/${id}` });
    const r = await submit(server.url, token, id, pkg.sha512);
    expect(r.status).toBe(201);
    expect(await documentsFor(server.url, token, pkg.sha512)).toBe(1);
  }, 120_000);

  test('SIGKILL mid-submit: submitting again after the restart gives exactly one receipt', async () => {
    const pkg = await b.makePackage();
    let token = await login(server.url, '1430000001', b.school);
    const up = await upload(server.url, token, pkg.zipPath, pkg.sha512);
    const id = uploadIdOf(up.url);
    const inFlight = submit(server.url, token, id, pkg.sha512).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 15));
    await server.kill();
    await inFlight;
    server = await startServer(b.dataDir, [], b.env);
    token = await login(server.url, '1430000001', b.school);
    const r = await submit(server.url, token, id, pkg.sha512);
    expect([200, 201]).toContain(r.status);
    expect(r.body.outcome).toBe('received');
    const again = await submit(server.url, token, id, pkg.sha512);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    expect(await documentsFor(server.url, token, pkg.sha512)).toBe(1);
    checkChain(ReceiptsResponse.parse((await call(`${server.url}/receipts?after=0`, { token })).body).documents);
  }, 120_000);

  if (engine === 'postgres') {
    test('two processes on one PostgreSQL: an upload begun on one continues on the other; concurrent submits keep one chain', async () => {
      const other = await startServer(b.dataDir, [], b.env);
      try {
        const pkg = await b.makePackage();
        const tokenA = await login(server.url, '1430000001', b.school);
        const tokenB = await login(other.url, '1430000001', b.school);
        const part = await upload(server.url, tokenA, pkg.zipPath, pkg.sha512, { chunkSize: CHUNK, stopAfter: CHUNK });
        const id = uploadIdOf(part.url);
        expect(await headOffset(other.url, tokenB, id)).toBe(part.offset);
        await upload(other.url, tokenB, pkg.zipPath, pkg.sha512, { chunkSize: CHUNK, uploadUrl: `${other.url}/uploads/${id}` });
        const onB = await submit(other.url, tokenB, id, pkg.sha512);
        expect(onB.status).toBe(201);
        const onA = await submit(server.url, tokenA, id, pkg.sha512);
        expect(onA.status).toBe(200);
        expect(onA.body).toEqual(onB.body);

        // Six packages submitted at once, alternating processes: six receipts, one unbroken chain.
        const pkgs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => b.makePackage()));
        const ups = await Promise.all(pkgs.map((p, i) => upload(i % 2 ? other.url : server.url, i % 2 ? tokenB : tokenA, p.zipPath, p.sha512)));
        const results = await Promise.all(pkgs.map((p, i) => submit(i % 2 ? other.url : server.url, i % 2 ? tokenB : tokenA, uploadIdOf(ups[i]!.url), p.sha512)));
        expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
        const docs = ReceiptsResponse.parse((await call(`${server.url}/receipts?after=0`, { token: tokenA })).body).documents;
        for (const p of pkgs) expect(docs.filter((d) => SignedBody.parse(JSON.parse(d.json)).sha512 === p.sha512)).toHaveLength(1);
        checkChain(docs);
      } finally {
        await other.stop();
      }
    }, 180_000);

    test('PostgreSQL restarted under a running server: health recovers and submissions work again', async () => {
      b.pg?.restart();
      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        status = (await call(`${server.url}/health`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      // The first query on a pooled connection that died may fail once; the client retries as the app does.
      let token = '';
      for (let i = 0; i < 5 && !token; i++) token = await login(server.url, '1430000001', b.school).catch(() => '');
      expect(token).not.toBe('');
      const pkg = await b.makePackage();
      const up = await upload(server.url, token, pkg.zipPath, pkg.sha512);
      const r = await submit(server.url, token, uploadIdOf(up.url), pkg.sha512);
      expect(r.status).toBe(201);
      expect(server.proc.exitCode).toBeNull();
    }, 120_000);
  }
});
