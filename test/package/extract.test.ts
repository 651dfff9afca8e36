// extractPackage: a good package comes out as <target>/<bag-id>; hostile ones
// are refused before anything is written, and a failure midway leaves nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractPackage } from '../../electron/package/extract';
import { rawZip, type RawEntry } from './helpers/rawZip';
import { makeSamplePackage, readZipEntries } from './helpers/samplePackage';

let dir: string;
let target: string;
let good: RawEntry[];
let zipPath: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'extract-'));
  target = join(dir, 'target');
  mkdirSync(target);
  ({ zipPath } = await makeSamplePackage(dir));
  good = (await readZipEntries(zipPath)).map((e) => ({ name: e.name, data: e.data }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a package is unpacked into <target>/<bag-id>, byte for byte', async () => {
  const out = await extractPackage(zipPath, target);
  expect(readdirSync(target)).toEqual([out.split('/').pop()]);
  for (const e of good) expect(readFileSync(join(target, e.name)).equals(e.data)).toBe(true);
  // The same package again does not overwrite what is there.
  await expect(extractPackage(zipPath, target)).rejects.toMatchObject({ code: 'extractTargetNotEmpty' });
});

test.each([
  ['zip slip', (b: string) => `${b}/../../escaped.txt`, 'zipParentPath'],
  ['absolute path', () => `${dir}/absolute.txt`, 'zipAbsolutePath'],
])('%s is refused and nothing is written anywhere', async (_l, name, code) => {
  const bag = (good[0] as RawEntry).name.split('/')[0] as string;
  const evil = join(dir, 'evil.zip');
  writeFileSync(evil, rawZip([...good, { name: name(bag), data: Buffer.from('pwned') }]));
  await expect(extractPackage(evil, target)).rejects.toMatchObject({ code });
  expect(readdirSync(target)).toEqual([]);
  expect(existsSync(join(dir, 'escaped.txt'))).toBe(false);
  expect(existsSync(join(dir, 'absolute.txt'))).toBe(false);
});

test('a symlink entry is refused', async () => {
  const bag = (good[0] as RawEntry).name.split('/')[0] as string;
  const evil = join(dir, 'link.zip');
  writeFileSync(evil, rawZip([...good, { name: `${bag}/data/link`, data: Buffer.from('/etc'), mode: 0o120777 }]));
  await expect(extractPackage(evil, target)).rejects.toMatchObject({ code: 'zipLink' });
  expect(readdirSync(target)).toEqual([]);
});

test('corrupt data midway removes the staging folder', async () => {
  const lying = good.map((e, i) => (i === good.length - 1 ? { ...e, method: 8 as const, declaredSize: e.data.length + 5 } : e));
  const evil = join(dir, 'short.zip');
  writeFileSync(evil, rawZip(lying));
  await expect(extractPackage(evil, target)).rejects.toMatchObject({ code: 'zipEntrySize' });
  expect(readdirSync(target)).toEqual([]);
});
