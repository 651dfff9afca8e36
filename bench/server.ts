// Server benchmark (`npm run bench:server`): prints figures, asserts nothing.
// Small signed packages (~60–100 KB, the test suite's sample package) sent by
// several parallel clients through the real protocol (challenge login, tus
// upload with tus-js-client, submit) to a real `selfcheck server serve`
// process, on SQLite and on a throwaway PostgreSQL 15 cluster, in one run.
// The baseline in the same run: the same bytes POSTed to a plain node:http
// endpoint that only writes them to disk, so the ratio shows what verifying,
// storing and signing cost over moving the bytes.
// Then one large package ($BENCH_LARGE_MB of random evidence, default 256;
// 1024 for the 1 GB figure): tus upload + submit (hash, verify,
// store, sign) against `curl` POSTing the same file to the plain endpoint
// plus `sha512sum` of it, in the same run.
// Size: $BENCH_PACKAGES (default 200), $BENCH_CLIENTS (default 4).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSamplePackage, newSchoolKey, SCHOOL_CODE } from '../test/package/helpers/samplePackage';
import { login, submit, upload, uploadIdOf } from '../test/server/helpers/client';
import { startPostgres } from '../test/server/helpers/postgres';
import { cli, startServer } from '../test/server/helpers/serverProcess';

const COUNT = Number(process.env.BENCH_PACKAGES ?? '200');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? '4');
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? '256');
const secondsSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

async function makePackages(dir: string, key: ReturnType<typeof newSchoolKey>): Promise<{ zipPath: string; sha512: string; size: number }[]> {
  const out = [];
  for (let i = 0; i < COUNT; i++) {
    const d = mkdtempSync(join(dir, 'p-'));
    const { zipPath } = await makeSamplePackage(d, { key, bagId: `${SCHOOL_CODE}-20250101-v1-bench${i}` });
    out.push({ zipPath, sha512: createHash('sha512').update(readFileSync(zipPath)).digest('hex'), size: statSync(zipPath).size });
  }
  return out;
}

async function runClients<T>(items: T[], work: (item: T, client: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T, c);
    }),
  );
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** A plain HTTP endpoint that writes each POSTed body to a file and answers 201: the bytes-only baseline. */
async function plainServer(dir: string): Promise<{ url: string; close(): void }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    const out = join(dir, `plain-${n++}`);
    req.pipe(createWriteStream(out)).on('finish', () => {
      res.writeHead(201).end();
      rmSync(out, { force: true });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function plainBaseline(pkgs: { zipPath: string }[], dir: string): Promise<number> {
  const plain = await plainServer(dir);
  const url = plain.url;
  const secs = await runClients(pkgs, async (p) => {
    const res = await fetch(url, { method: 'POST', body: readFileSync(p.zipPath) });
    await res.arrayBuffer();
  });
  plain.close();
  return secs;
}

async function serverRun(engine: 'sqlite' | 'postgres', dir: string, pkgs: { zipPath: string; sha512: string }[], key: ReturnType<typeof newSchoolKey>): Promise<number> {
  const pg = engine === 'postgres' ? await startPostgres() : null;
  try {
    const dataDir = join(dir, `data-${engine}`);
    const env: Record<string, string> = pg ? { SELFCHECK_SERVER_DATABASE_URL: pg.createDatabase('bench') } : {};
    cli(['server', 'init', '--data-dir', dataDir]);
    const cfgPath = join(dataDir, 'config.json');
    writeFileSync(cfgPath, JSON.stringify({ ...JSON.parse(readFileSync(cfgPath, 'utf8')), rateLimitPerMinute: 1_000_000 }));
    cli(['server', 'enrol', '--data-dir', dataDir, '--school', SCHOOL_CODE, '--key', key.publicKeyLine], env);
    const server = await startServer(dataDir, [], env);
    try {
      const tokens = await Promise.all(Array.from({ length: CLIENTS }, () => login(server.url, SCHOOL_CODE, key)));
      const secs = await runClients(pkgs, async (p, c) => {
        const token = tokens[c] as string;
        const up = await upload(server.url, token, p.zipPath, p.sha512);
        const r = await submit(server.url, token, uploadIdOf(up.url), p.sha512);
        if (r.status !== 201) throw new Error(`submit answered ${r.status}`);
      });
      printRouteTimes(engine, server.output());
      return secs;
    } finally {
      await server.stop();
    }
  } finally {
    pg?.stop();
  }
}

async function largePackage(dir: string, key: ReturnType<typeof newSchoolKey>): Promise<void> {
  const d = mkdtempSync(join(dir, 'large-'));
  const { zipPath } = await makeSamplePackage(d, { key, bagId: `${SCHOOL_CODE}-20250101-v1-large`, extraEvidence: [{ name: 'video.mp4', bytes: randomBytes(LARGE_MB * 1024 * 1024) }] });
  const size = statSync(zipPath).size;
  const mb = size / 1024 / 1024;
  const plain = await plainServer(dir);
  let t0 = process.hrtime.bigint();
  execFileSync('curl', ['-s', '-o', '/dev/null', '-X', 'POST', '--data-binary', `@${zipPath}`, '-H', 'content-type: application/octet-stream', plain.url]);
  const curlSecs = secondsSince(t0);
  plain.close();
  t0 = process.hrtime.bigint();
  const sha512 = execFileSync('sha512sum', [zipPath]).toString().split(' ')[0] ?? '';
  const shaSecs = secondsSince(t0);
  const dataDir = join(dir, 'data-large');
  cli(['server', 'init', '--data-dir', dataDir]);
  cli(['server', 'enrol', '--data-dir', dataDir, '--school', SCHOOL_CODE, '--key', key.publicKeyLine]);
  const server = await startServer(dataDir);
  try {
    const token = await login(server.url, SCHOOL_CODE, key);
    t0 = process.hrtime.bigint();
    const up = await upload(server.url, token, zipPath, sha512, { chunkSize: 16 * 1024 * 1024 });
    const upSecs = secondsSince(t0);
    t0 = process.hrtime.bigint();
    const r = await submit(server.url, token, uploadIdOf(up.url), sha512);
    const subSecs = secondsSince(t0);
    if (r.status !== 201) throw new Error(`large submit answered ${r.status}`);
    const base = curlSecs + shaSecs;
    console.log(`large package ${mb.toFixed(0)} MB: baseline curl POST ${curlSecs.toFixed(2)} s + sha512sum ${shaSecs.toFixed(2)} s = ${(mb / base).toFixed(0)} MB/s`);
    console.log(
      `large package ${mb.toFixed(0)} MB: tus upload ${upSecs.toFixed(2)} s + submit (hash, verify, store, sign) ${subSecs.toFixed(2)} s = ${(mb / (upSecs + subSecs)).toFixed(0)} MB/s, ${((upSecs + subSecs) / base).toFixed(1)}× the baseline's time`,
    );
  } finally {
    await server.stop();
    rmSync(d, { recursive: true, force: true });
  }
}

/** Where the server's time goes: mean ms per route, from its own JSON request log. */
function printRouteTimes(engine: string, log: string): void {
  const sums = new Map<string, { n: number; ms: number }>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as { method?: string; path?: string; ms?: number };
    if (!e.method || !e.path || e.ms === undefined) continue;
    const key = `${e.method} ${e.path.replace(/\/uploads\/.+$/, '/uploads/:id')}`;
    const s = sums.get(key) ?? { n: 0, ms: 0 };
    sums.set(key, { n: s.n + 1, ms: s.ms + e.ms });
  }
  console.log(`  ${engine} mean server time per request: ` + [...sums].map(([k, v]) => `${k} ${(v.ms / v.n).toFixed(1)} ms`).join(', '));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-bench-server-'));
  try {
    const key = newSchoolKey();
    const pkgs = await makePackages(dir, key);
    const avgKb = pkgs.reduce((n, p) => n + p.size, 0) / pkgs.length / 1024;
    console.log(`${COUNT} packages of ${avgKb.toFixed(0)} KB on average, ${CLIENTS} parallel clients`);
    const plain = await plainBaseline(pkgs, dir);
    console.log(`baseline: plain HTTP POST to disk    ${(COUNT / plain).toFixed(1)} packages/s (${plain.toFixed(2)} s)`);
    for (const engine of ['sqlite', 'postgres'] as const) {
      const secs = await serverRun(engine, dir, pkgs, key);
      console.log(
        `server on ${engine.padEnd(8)}: login+tus+verify+receipt ${(COUNT / secs).toFixed(1)} packages/s (${secs.toFixed(2)} s), ${(secs / plain).toFixed(1)}× the baseline's time`,
      );
    }
    if (LARGE_MB > 0) await largePackage(dir, key);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
