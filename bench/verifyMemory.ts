// Verify memory benchmark (`npm run bench:verify`): prints figures, asserts nothing.
// Peak memory of verification must not grow with the size or number of files
// in a package (issue 7 §2). Two signed bags, written by the app's own writer:
//   1. ~1 GB of payload ($BENCH_VERIFY_GB, default 1) in 8 stored files;
//   2. 24 extra tag files of 64 MiB each (1.5 GiB of tag files), the case
//      that used to hold every tag file in memory before the signature check.
// For each, in the same run: peak RSS (GNU time's %M) and wall time of
//   the app's verifier (bag layer: zip layout, signature, tag files, payload,
//   in a child process) against `unzip -t` and `sha512sum` of the same zip.
// Folders under $SELFCHECK_BENCH_DIR or the OS temp folder; removed at the end.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomFillSync } from 'node:crypto';
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { writeBagZip, type PayloadSource } from '../bag/bagZipWriter';
import { verifyBag } from '../bag/bagVerifier';
import { DEFAULT_LIMITS } from '../bag/limits';
import { generateSecretKey, keyIdHex, parsePublicKey, publicKeyLine, signMessage } from '../bag/minisign';

const MB = 1024 * 1024;
const GB = Number(process.env.BENCH_VERIFY_GB ?? '1');
const base = process.env.SELFCHECK_BENCH_DIR ?? tmpdir();

/** `node verifyMemory.js --child ZIP RWKEY`: verify one bag and print the outcome (run under GNU time). */
async function child(zip: string, keyLine: string): Promise<void> {
  const key = parsePublicKey(keyLine);
  try {
    await verifyBag(zip, { trusted: [{ key, keyId: keyIdHex(key.keyId), label: 'bench', source: 'command-line' }], limits: DEFAULT_LIMITS, wanted: [] });
    console.log('ok');
  } catch (e) {
    console.log(`refused: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}

function randomFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(8 * MB);
  for (let left = bytes; left > 0; left -= chunk.length) writeSync(fd, randomFillSync(chunk), 0, Math.min(chunk.length, left));
  closeSync(fd);
}

async function writeBag(zip: string, payload: PayloadSource[], extraTagFiles: { path: string; bytes: Uint8Array }[], secret: ReturnType<typeof generateSecretKey>): Promise<void> {
  const out = createWriteStream(zip);
  await writeBagZip(out, {
    bagId: 'bench-bag',
    payload,
    bagInfo: [['Source-Organization', 'bench']],
    extraTagFiles,
    sign: (m) => signMessage(m, secret, { trustedComment: '{"bench":true}' }),
  });
  if (!out.closed) await once(out, 'close');
}

interface Measure {
  peakMiB: number;
  seconds: number;
  outcome: string;
}
function measure(cmd: string, args: string[]): Measure {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 * MB });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [kb, secs] = last.split(' ').map(Number);
  return { peakMiB: (kb ?? 0) / 1024, seconds: secs ?? 0, outcome: r.status === 0 ? (/^refused/.test(r.stdout) ? r.stdout.trim() : 'ok') : `exit ${r.status}` };
}

function report(label: string, zip: string, keyLine: string): void {
  const size = statSync(zip).size / MB;
  console.log(`\n${label}: zip ${size.toFixed(0)} MiB`);
  const app = measure(process.execPath, [__filename, '--child', zip, keyLine]);
  const unzip = measure('unzip', ['-tq', zip]);
  const sha = measure('sha512sum', [zip]);
  // What Node itself takes, so that the verifier's own share is visible.
  const node = measure(process.execPath, ['-e', 'require(process.argv[1])', join(__dirname, '..', '..', 'node_modules', 'zod')]);
  const row = (name: string, m: Measure): void =>
    console.log(`  ${name.padEnd(34)} peak ${m.peakMiB.toFixed(0).padStart(5)} MiB  ${m.seconds.toFixed(2).padStart(7)} s  ${(size / Math.max(m.seconds, 0.01)).toFixed(0).padStart(5)} MiB/s  (${m.outcome})`);
  row('verify (app, bag layer)', app);
  row('baseline: unzip -t', unzip);
  row('baseline: sha512sum of the zip', sha);
  row('baseline: node starting, loading zod', node);
  console.log(`  app above bare node: ${(app.peakMiB - node.peakMiB).toFixed(0)} MiB`);
  console.log(`  app / unzip -t: ${(app.peakMiB / unzip.peakMiB).toFixed(1)}x the memory, ${(app.seconds / Math.max(unzip.seconds, 0.01)).toFixed(2)}x the time`);
  console.log(`  app / sha512sum: ${(app.peakMiB / sha.peakMiB).toFixed(1)}x the memory, ${(app.seconds / Math.max(sha.seconds, 0.01)).toFixed(2)}x the time`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(base, 'selfcheck-bench-verify-'));
  console.log(`bench folder: ${root}`);
  try {
    const secret = generateSecretKey();
    const keyLine = publicKeyLine(secret);

    // 1. ~1 GB of payload in 8 files (stored: .jpg, random so nothing compresses by luck).
    const files: PayloadSource[] = [];
    const each = Math.floor((GB * 1024 * MB) / 8);
    for (let i = 0; i < 8; i++) {
      const file = join(root, `p${i}.jpg`);
      randomFile(file, each);
      files.push({ path: `data/evidence/photo-${i}.jpg`, file, size: each });
    }
    const big = join(root, 'big.zip');
    await writeBag(big, [{ path: 'data/report.json', bytes: Buffer.from('{}') }, ...files], [], secret);
    for (let i = 0; i < 8; i++) rmSync(join(root, `p${i}.jpg`));
    report(`${GB} GB payload, 9 files`, big, keyLine);
    rmSync(big);

    // 2. 24 tag files of 64 MiB (one buffer, written 24 times; the writer copies one at a time).
    const tag = randomBytes(64 * MB);
    const tagFiles = Array.from({ length: 24 }, (_, i) => ({ path: `extra-tag-${i}.bin`, bytes: tag }));
    const many = join(root, 'tags.zip');
    await writeBag(many, [{ path: 'data/report.json', bytes: Buffer.from('{}') }], tagFiles, secret);
    report('24 tag files x 64 MiB', many, keyLine);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') void child(process.argv[3] ?? '', process.argv[4] ?? '');
else
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
