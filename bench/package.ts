// Package benchmark (`npm run bench:package`): prints figures, asserts nothing.
// Builds an evidence set of >= 1 GB (photos 2-6 MB, PDFs 1-20 MB, a few 100 MB
// videos; random content so nothing compresses by luck) in a data folder with
// an assessment, then times in the same run:
//   export (app)  vs  cp -r of the same files + sha512sum of the copies
//   verify (app)  vs  unzip -t,  and unzip + sha512sum -c of both manifests
// Size: $BENCH_PACKAGE_GB (default 1). Folders under $SELFCHECK_BENCH_DIR or the
// OS temp folder (say which disk you measure); everything is removed at the end.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { allItems } from '../shared/template/schema';
import { DEMO_PROFILE } from '../electron/demo/school';
import { createKeyVault } from '../electron/keys/keyVault';
import { runExport } from '../electron/package/export';
import { verifyReportPackage } from '../bag/verify';
import { createCore, type Core } from '../electron/services/core';

const GB = Number(process.env.BENCH_PACKAGE_GB ?? '1');
const base = process.env.SELFCHECK_BENCH_DIR ?? tmpdir();
const MB = 1024 * 1024;

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
function timed<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, seconds(t0)];
}
async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [r, seconds(t0)];
}
const rand = (min: number, max: number): number => Math.floor(min + Math.random() * (max - min + 1));

/** A real JPEG of camera-like noise; each photo is it plus random trailing bytes (ignored by decoders, unique content). */
async function basePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const mp4Head = (): Buffer => {
  const b = Buffer.alloc(24);
  b.writeUInt32BE(24, 0);
  b.write('ftypmp42', 4, 'latin1');
  b.write('mp42isom', 16, 'latin1');
  return b;
};

async function fillDataDir(core: Core): Promise<{ files: number; bytes: number; assessmentId: string }> {
  core.settings.save({ photoDownscale: 'off', keepOriginalPhoto: false });
  core.profile.save(DEMO_PROFILE);
  const seed = core.templates.list().find((t) => t.id === 'hunan-school-selfcheck');
  if (!seed) throw new Error('the built-in template is missing');
  const a = core.assessments.create({ templateId: seed.id, templateVersion: seed.version, periodKind: 'school_year', label: 'bench', startDate: '2025-09-01', endDate: '2026-08-31' });
  const items = allItems(core.templates.get(seed.id, seed.version)).filter((i) => !i.confidential);
  const photo = await basePhoto();
  const target = GB * 1024 * MB;
  let bytes = 0;
  let files = 0;
  const add = async (name: string, data: Buffer): Promise<void> => {
    const item = items[files % items.length];
    if (!item) throw new Error('no items');
    await core.evidence.import({ name, bytes: data, link: { assessmentId: a.id, itemCode: item.code } });
    bytes += data.length;
    files++;
  };
  for (let v = 0; v < 3; v++) await add(`课堂实录-${v + 1}.mp4`, Buffer.concat([mp4Head(), randomBytes(100 * MB)]));
  while (bytes < target) {
    if (files % 4 === 0) await add(`制度文件-${files}.pdf`, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(rand(1 * MB, 20 * MB))]));
    else await add(`活动照片-${files}.jpg`, Buffer.concat([photo, randomBytes(Math.max(0, rand(2 * MB, 6 * MB) - photo.length))]));
  }
  return { files, bytes, assessmentId: a.id };
}

function sh(cmd: string, args: string[], cwd?: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 64 * MB });
}

function storeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) {
      if (name.name !== 'thumbs') out.push(...storeFiles(p));
    } else if (/^[0-9a-f]{64}$/.test(name.name)) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(base, 'selfcheck-bench-package-'));
  const rows: [string, string][] = [];
  const row = (k: string, v: string): void => {
    rows.push([k, v]);
    console.log(`${k.padEnd(44)} ${v}`);
  };
  try {
    const dataDir = join(root, 'data');
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    console.log(`bench folder: ${root} (set SELFCHECK_BENCH_DIR to measure another disk)`);
    const [set, tSetup] = await timedAsync(() => fillDataDir(core));
    const mb = set.bytes / MB;
    row('evidence set', `${set.files} files, ${mb.toFixed(0)} MB (made in ${tSetup.toFixed(1)} s)`);

    // Export (app): freeze, report, stream into the zip with hashing, sync, read back and verify.
    const zip = join(root, 'out', 'package.zip');
    execFileSync('mkdir', ['-p', join(root, 'out')]);
    const [exp, tExport] = await timedAsync(() =>
      runExport({ core, vault: createKeyVault(dataDir) }, { outPath: zip, assessmentId: set.assessmentId }),
    );
    const zipMb = statSync(zip).size / MB;
    row('export (app, incl. fsync + read-back verify)', `${tExport.toFixed(2)} s, ${(mb / tExport).toFixed(0)} MB/s of evidence, zip ${zipMb.toFixed(0)} MB`);

    // Baseline: copy the same stored files and hash the copies.
    const store = join(dataDir, 'evidence');
    const copy = join(root, 'copy');
    const [, tCp] = timed(() => sh('cp', ['-r', store, copy]));
    const copies = storeFiles(copy);
    const [, tSum] = timed(() => sh('sha512sum', copies));
    const [, tSync] = timed(() => sh('sync', []));
    const tBase = tCp + tSum + tSync;
    row('baseline: cp -r + sha512sum + sync', `${tBase.toFixed(2)} s (cp ${tCp.toFixed(2)}, sha512sum ${tSum.toFixed(2)}, sync ${tSync.toFixed(2)}), ${(mb / tBase).toFixed(0)} MB/s`);
    row('export / baseline', `${(tExport / tBase).toFixed(2)}x the time`);

    // Verify (app) against the stock tools.
    const [v, tVerify] = await timedAsync(() => verifyReportPackage(zip, { trusted: [] }));
    row('verify (app, streamed, no unpacking)', `${tVerify.toFixed(2)} s, ${(mb / tVerify).toFixed(0)} MB/s (result: ${v.failure?.code ?? 'ok'}; untrusted here by design)`);
    const [, tTest] = timed(() => sh('unzip', ['-tq', zip]));
    row('baseline: unzip -t (CRC only)', `${tTest.toFixed(2)} s, ${(mb / tTest).toFixed(0)} MB/s; app / unzip -t = ${(tVerify / tTest).toFixed(2)}x`);
    const unz = join(root, 'unzipped');
    const [, tUnzip] = timed(() => sh('unzip', ['-q', zip, '-d', unz]));
    const bagDir = join(unz, exp.bagId);
    const [, tCheck] = timed(() => {
      sh('sha512sum', ['-c', '--quiet', 'tagmanifest-sha512.txt'], bagDir);
      sh('sha512sum', ['-c', '--quiet', 'manifest-sha512.txt'], bagDir);
    });
    const tManual = tUnzip + tCheck;
    row('baseline: unzip + sha512sum -c (both)', `${tManual.toFixed(2)} s (unzip ${tUnzip.toFixed(2)}, sha512sum ${tCheck.toFixed(2)}), ${(mb / tManual).toFixed(0)} MB/s`);
    row('verify / (unzip + sha512sum -c)', `${(tVerify / tManual).toFixed(2)}x the time`);
    console.log('note: files are fresh in the page cache for every step; on a USB stick the device speed dominates.');
    core.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
