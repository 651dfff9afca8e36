// App back-end benchmark (`npm run bench`): prints figures, asserts nothing.
//  1. autosave: latency of one durable answer save through dispatch (commit + fsync), N = 2000
//  2. evidence import throughput against a plain copy of the same files, in the same run
//  3. summary of a 300-item assessment (the data folder a UI bench can reuse)
// Temp folders go under $SELFCHECK_BENCH_DIR or the OS temp folder (say which disk you measure).
import { copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { createAllHandlers, dispatch } from '../electron/api';
import { createLargeAssessmentDataDir } from '../electron/demo/large';
import { builtRendererDir } from '../electron/config/repoRoot';
import { startWebServer } from '../electron/web/server';
import { measureRenderTime, measureStaticBaseline } from './renderer';
import { DEMO_PROFILE } from '../electron/demo/school';
import { createCore, type Core } from '../electron/services/core';

export { createLargeAssessmentDataDir } from '../electron/demo/large';

const base = process.env.SELFCHECK_BENCH_DIR ?? tmpdir();
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const ms = (ns: bigint): number => Number(ns) / 1e6;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rows: [string, string][] = [];
const row = (name: string, value: string): void => {
  rows.push([name, value]);
};

async function benchAutosave(core: Core, n: number): Promise<void> {
  const handlers = createAllHandlers(core);
  const seed = core.templates.list().find((t) => t.id === 'hunan-school-selfcheck')!;
  core.profile.save(DEMO_PROFILE);
  const a = core.assessments.create({ templateId: seed.id, templateVersion: seed.version, periodKind: 'school_year', label: 'bench', startDate: '2025-09-01', endDate: '2026-08-31' });
  const template = core.templates.get(seed.id, seed.version);
  const items = template.areas.flatMap((x) => x.items).filter((i) => i.type === 'number' || i.type === 'yes_no');
  const times: number[] = [];
  gc();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const item = items[i % items.length]!;
    const value = item.type === 'number' ? { type: 'number', value: i } : { type: 'yes_no', value: i % 2 === 0 };
    const t0 = process.hrtime.bigint();
    const r = await dispatch(handlers, 'answers.save', { assessmentId: a.id, itemCode: item.code, value, note: `note ${i}` });
    times.push(ms(process.hrtime.bigint() - t0));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const total = ms(process.hrtime.bigint() - started);
  times.sort((x, y) => x - y);
  row('autosave: saves', String(n));
  row('autosave p50', `${pct(times, 50).toFixed(2)} ms`);
  row('autosave p90', `${pct(times, 90).toFixed(2)} ms`);
  row('autosave p99', `${pct(times, 99).toFixed(2)} ms`);
  row('autosave max', `${times[times.length - 1]!.toFixed(2)} ms`);
  row('autosave throughput', `${((n / total) * 1000).toFixed(0)} saves/s`);
}

async function makeSources(dir: string): Promise<{ docs: string[]; photos: string[] }> {
  mkdirSync(dir, { recursive: true });
  const docs: string[] = [];
  for (let i = 0; i < 20; i++) {
    const f = join(dir, `doc${i}.pdf`);
    writeFileSync(f, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2 * 1024 * 1024)]));
    docs.push(f);
  }
  const photos: string[] = [];
  for (let i = 0; i < 8; i++) {
    const f = join(dir, `photo${i}.jpg`);
    // Noise compresses badly, like a real 12-megapixel photo (~4-6 MB).
    await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#789', noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
      .jpeg({ quality: 85 })
      .toFile(f);
    photos.push(f);
  }
  return { docs, photos };
}

function plainCopy(files: string[], dest: string, fsync: boolean): number {
  mkdirSync(dest, { recursive: true });
  const t0 = process.hrtime.bigint();
  for (const [i, f] of files.entries()) {
    const to = join(dest, String(i));
    copyFileSync(f, to);
    if (fsync) {
      const fd = openSync(to, 'r+');
      fsyncSync(fd);
      closeSync(fd);
    }
  }
  return ms(process.hrtime.bigint() - t0);
}

async function timedImport(core: Core, files: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const f of files) await core.evidence.import({ name: f.slice(f.lastIndexOf('/') + 1), bytes: new Uint8Array(readFileSync(f)) });
  return ms(process.hrtime.bigint() - t0);
}

async function benchImport(core: Core, work: string): Promise<void> {
  const { docs, photos } = await makeSources(join(work, 'src'));
  const mb = (files: string[]): number => files.reduce((s, f) => s + statSync(f).size, 0) / 1048576;
  for (const [label, files, setting] of [
    ['documents (20 × 2 MB, stored as is)', docs, 'off'],
    ['photos (8 × 12 MP, downscale 2048 + thumbnail)', photos, '2048'],
  ] as const) {
    gc();
    core.settings.save({ photoDownscale: setting, keepOriginalPhoto: false });
    const size = mb(files);
    const copy = plainCopy(files, join(work, `copy-${setting}`), false);
    const copySync = plainCopy(files, join(work, `copysync-${setting}`), true);
    const imp = await timedImport(core, files);
    const rate = (t: number): string => `${(size / (t / 1000)).toFixed(1)} MB/s`;
    row(`import ${label}`, `${rate(imp)} (${size.toFixed(0)} MB in ${imp.toFixed(0)} ms)`);
    row(`  plain copy / copy+fsync`, `${rate(copy)} / ${rate(copySync)}`);
    row(`  import : copy / import : copy+fsync`, `${(copy / imp).toFixed(2)} / ${(copySync / imp).toFixed(2)}`);
  }
}

async function benchSummary(work: string): Promise<void> {
  const large = createLargeAssessmentDataDir(join(work, 'large'), 300);
  const core = createCore({ dataDir: large.dataDir, mode: 'cli', purgeAtStart: false });
  try {
    const handlers = createAllHandlers(core);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = process.hrtime.bigint();
      await dispatch(handlers, 'assessments.summary', { id: large.assessmentId, asOf: '2026-06-30' });
      times.push(ms(process.hrtime.bigint() - t0));
    }
    times.sort((x, y) => x - y);
    row('summary of 300 items p50', `${pct(times, 50).toFixed(2)} ms`);
  } finally {
    core.close();
  }
}

/** Time for the renderer to show every row of a 300-item assessment in Chromium, against plain HTML. */
async function benchRender(work: string): Promise<void> {
  const rendererDir = builtRendererDir();
  if (!rendererDir || !existsSync('/usr/bin/chromium')) {
    row('render 300 items in Chromium', 'skipped (needs `npm run build` and /usr/bin/chromium)');
    return;
  }
  const large = createLargeAssessmentDataDir(join(work, 'render'), 300);
  const core = createCore({ dataDir: large.dataDir, mode: 'web', purgeAtStart: false });
  const server = await startWebServer({ core, port: 0, rendererDir });
  try {
    const runs: number[] = [];
    let rowsShown = 0;
    for (let i = 0; i < 3; i++) {
      const r = await measureRenderTime(server.url);
      runs.push(r.ms);
      rowsShown = r.rows;
    }
    runs.sort((x, y) => x - y);
    const base = await measureStaticBaseline(rowsShown);
    const median = runs[1]!;
    row(`render ${rowsShown} items in Chromium (median of 3)`, `${median} ms`);
    row('  plain HTML table of as many rows', `${base.ms} ms (app : plain = ${(median / Math.max(base.ms, 1)).toFixed(1)})`);
  } finally {
    await server.close();
    core.close();
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(base, 'selfcheck-bench-'));
  try {
    const core = createCore({ dataDir: join(work, 'data'), mode: 'cli', purgeAtStart: false });
    try {
      await benchAutosave(core, Number(process.env.BENCH_SAVES ?? 2000));
      await benchImport(core, work);
    } finally {
      core.close();
    }
    await benchSummary(work);
    await benchRender(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([n]) => n.length));
  console.log(`SelfCheck back-end bench (${base}, Node ${process.version}, ${process.platform})`);
  for (const [n, v] of rows) console.log(`${n.padEnd(width)}  ${v}`);
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
