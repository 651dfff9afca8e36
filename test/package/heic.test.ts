// HEIC photos (iPhones): this sharp build reads the HEIF container but has no HEVC
// decoder, so the app stores them as they came, without a thumbnail or a size, the
// UI shows a "HEIC" tile, and export carries the bytes unchanged.
// test/fixtures/photo-320x240.heic was made here with `heif-enc -q 50` (libheif 1.15, x265)
// from a plain 320x240 JPEG.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ReportJson } from '../../shared/report/schema';
import { runExport } from '../../electron/package/export';
import { tempDir } from '../fixtures/core';
import { makeExportFixture, type ExportFixture } from './helpers/exportFixture';

const HEIC = readFileSync(join(__dirname, '../fixtures/photo-320x240.heic'));

let fx: ExportFixture;
let out: string;
afterEach(() => {
  fx?.tc.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

// Should a sharp upgrade bring an HEVC decoder, this fails: then mark HEIC decodable in sniff.ts.
test('this sharp build cannot decode HEVC, which is why HEIC is stored undecoded', async () => {
  expect((await sharp(HEIC).metadata()).compression).toBe('hevc');
  await expect(sharp(HEIC).jpeg().toBuffer()).rejects.toThrow(/HEVC|decoder|plugin/i);
});

test('a HEIC photo is kept as it came, shown as a file, and exported byte for byte', async () => {
  fx = await makeExportFixture();
  const photo = await fx.core.evidence.import({ name: 'IMG_0001.HEIC', bytes: HEIC, link: { assessmentId: fx.assessmentId, itemCode: 'SAF-01' } });
  expect(photo).toMatchObject({ mime: 'image/heic', size: HEIC.byteLength, hasThumbnail: false, width: null, height: null });
  expect(fx.core.evidence.resolveForServing(photo.sha256, 'thumb')).toBeNull();
  const served = fx.core.evidence.resolveForServing(photo.sha256, 'original');
  expect(served?.mime).toBe('image/heic');
  expect(readFileSync(served?.path ?? '').equals(HEIC)).toBe(true);

  out = tempDir('heic-out-');
  const r = await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'r.zip') });
  expect(r.verify.ok).toBe(true);
  execFileSync('unzip', ['-q', r.path, '-d', join(out, 'x')]);
  const bag = join(out, 'x', readdirSync(join(out, 'x'))[0] as string);
  const report = ReportJson.parse(JSON.parse(readFileSync(join(bag, 'data/report.json'), 'utf8')));
  const ref = report.items.find((i) => i.code === 'SAF-01')?.evidence.find((f) => f.originalName === 'IMG_0001.HEIC');
  expect(ref).toMatchObject({ mime: 'image/heic', size: HEIC.byteLength });
  expect(ref?.path).toMatch(/-IMG_0001\.heic$/);
  expect(readFileSync(join(bag, ref?.path ?? '')).equals(HEIC)).toBe(true);
  expect(readFileSync(join(bag, 'data/report.html'), 'utf8')).toContain('IMG_0001.HEIC');
});
