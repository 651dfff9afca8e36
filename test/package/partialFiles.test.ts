// Leftovers of killed exports are recognised by a name only this app makes, and
// only those written before this run are removed.
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdPartial, isPartialName, partialPathFor, removeStalePartials, RUN_STARTED_AT_MS } from '../../bag/partialFiles';
import { tempDir } from '../fixtures/core';

let dir: string;
beforeEach(() => (dir = tempDir('partials-')));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file; with `ageMs`, dated that long before this run started. */
const put = (name: string, ageMs?: number): string => {
  const path = join(dir, name);
  writeFileSync(path, 'bytes');
  if (ageMs !== undefined) age(path, ageMs);
  return path;
};
const age = (path: string, ms: number): void => {
  const t = new Date(RUN_STARTED_AT_MS - ms);
  utimesSync(path, t, t);
};

test('the partial name is hidden, derived from the final one, and recognisable', () => {
  expect(partialPathFor('/media/usb/报告 2025.zip')).toBe('/media/usb/.报告 2025.zip.selfcheck-partial');
  expect(isPartialName('.报告 2025.zip.selfcheck-partial')).toBe(true);
  for (const other of ['报告.zip', '报告.zip.partial', 'x.selfcheck-partial', '.selfcheck-partial', '.x.selfcheck-partial.txt'])
    expect([other, isPartialName(other)]).toEqual([other, false]);
});

test('removes only our partial files from before this run', () => {
  const stale = put('.old.zip.selfcheck-partial', 60_000);
  const fresh = put('.now.zip.selfcheck-partial'); // written since this run started: maybe by someone now
  const writing = put('.mine.zip.selfcheck-partial', 60_000);
  const release = holdPartial(writing); // this process is writing it
  const foreign = ['old.zip.partial', 'report.zip', '.hidden', 'x.selfcheck-partial'].map((n) => put(n, 60_000));
  const folder = join(dir, '.folder.selfcheck-partial');
  mkdirSync(folder);
  age(folder, 60_000);
  const link = join(dir, '.link.selfcheck-partial');
  symlinkSync(join(dir, 'report.zip'), link);

  expect(removeStalePartials(dir)).toEqual(['.old.zip.selfcheck-partial']);
  expect(existsSync(stale)).toBe(false);
  for (const kept of [fresh, writing, folder, link, ...foreign]) expect([kept, existsSync(kept)]).toEqual([kept, true]);

  release();
  expect(removeStalePartials(dir)).toEqual(['.mine.zip.selfcheck-partial']);
  expect(readdirSync(dir).sort()).toEqual(['.folder.selfcheck-partial', '.hidden', '.link.selfcheck-partial', '.now.zip.selfcheck-partial', 'old.zip.partial', 'report.zip', 'x.selfcheck-partial']);
});

test('a folder that cannot be read removes nothing and does not throw', () => {
  expect(removeStalePartials(join(dir, 'missing'))).toEqual([]);
});
