import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createFixtureAssessment, openTestCore, type TestCore } from '../fixtures/core';
import { jpeg, pdf } from '../fixtures/files';

const DAY = 86_400_000;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

describe('evidence garbage collection', () => {
  let t: TestCore;
  let clock: number;
  beforeEach(() => {
    clock = Date.parse('2025-01-01T00:00:00Z');
    t = openTestCore({ now: () => new Date(clock) });
  });
  afterEach(() => t.cleanup());

  test('removes only what no row references', async () => {
    const store = t.core.evidence.store;
    const live = await t.core.evidence.import({ name: 'live.jpg', bytes: await jpeg(400, 300) });
    const oldDeleted = await t.core.evidence.import({ name: 'old.pdf', bytes: pdf('old') });
    const recentDeleted = await t.core.evidence.import({ name: 'recent.pdf', bytes: pdf('recent') });
    t.core.settings.save({ photoDownscale: '1024', keepOriginalPhoto: true });
    const bigBytes = await jpeg(2400, 1600);
    const withOriginal = await t.core.evidence.import({ name: 'big.jpg', bytes: bigBytes });

    t.core.evidence.delete(oldDeleted.id);
    clock += 25 * DAY;
    t.core.evidence.delete(recentDeleted.id);
    clock += 10 * DAY; // oldDeleted: 35 days ago, recentDeleted: 10 days ago

    // An orphan object (no row), a stale temp file, and a file an import is still writing.
    const orphan = pdf('orphan');
    const orphanPath = store.objectPath(sha(orphan));
    mkdirSync(dirname(orphanPath), { recursive: true });
    writeFileSync(orphanPath, orphan);
    const inFlight = pdf('in flight');
    const inFlightPath = store.objectPath(sha(inFlight));
    mkdirSync(dirname(inFlightPath), { recursive: true });
    writeFileSync(inFlightPath, inFlight);
    const release = store.hold([sha(inFlight)]);
    const temp = `${store.objectPath(live.sha256)}.tmp-abc123`;
    writeFileSync(temp, 'partial');
    utimesSync(temp, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    // A file whose name is not a hash is never ours to remove.
    const foreign = join(t.core.paths.evidence, 'README.txt');
    writeFileSync(foreign, 'keep me');

    const result = await t.core.purgeEvidence({ olderThanDays: 30 });
    expect(result).toMatchObject({ rowsPurged: 1, tempsRemoved: 1, filesRemoved: 2 });
    expect(existsSync(store.objectPath(oldDeleted.sha256))).toBe(false);
    expect(existsSync(orphanPath)).toBe(false);
    expect(existsSync(temp)).toBe(false);
    // Everything a row still names is there, deleted-but-recent included.
    for (const f of [live, recentDeleted, withOriginal]) expect(existsSync(store.objectPath(f.sha256))).toBe(true);
    expect(existsSync(store.thumbPath(live.sha256))).toBe(true);
    expect(existsSync(store.thumbPath(withOriginal.sha256))).toBe(true);
    expect(existsSync(store.objectPath(sha(bigBytes)))).toBe(true); // the kept original
    expect(existsSync(inFlightPath)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(t.core.evidence.list(true).map((f) => f.id).sort()).toEqual([live.id, recentDeleted.id, withOriginal.id].sort());

    release();
    expect((await t.core.purgeEvidence({ olderThanDays: 30 })).filesRemoved).toBe(1); // the no-longer-held orphan
  });

  test('every file a row references survives any purge, whatever the grace period', async () => {
    const a = createFixtureAssessment(t.core);
    const files = [];
    for (let i = 0; i < 6; i++) files.push(await t.core.evidence.import({ name: `f${i}.pdf`, bytes: pdf(`n${i}`), link: { assessmentId: a, itemCode: 'SAF-01' } }));
    files.push(await t.core.evidence.import({ name: 'img.jpg', bytes: await jpeg(64, 64) }));
    for (const f of files.slice(0, 3)) t.core.evidence.delete(f.id);
    const before = allFiles(t.core.paths.evidence).sort();
    await t.core.purgeEvidence({ olderThanDays: 1, tempMaxAgeMs: 0 }); // deleted just now: not yet due
    expect(allFiles(t.core.paths.evidence).sort()).toEqual(before);
    // Evidence of a frozen assessment is kept even when its rows are long deleted.
    t.core.assessments.freeze(a);
    clock += 400 * DAY;
    const r = await t.core.purgeEvidence({ olderThanDays: 0, tempMaxAgeMs: 0 });
    expect(r).toMatchObject({ rowsPurged: 0, filesRemoved: 0 });
    expect(allFiles(t.core.paths.evidence).sort()).toEqual(before);
  });

  test('a purge racing a re-import of the same bytes never leaves a row without its file', async () => {
    for (let round = 0; round < 12; round++) {
      const bytes = pdf(`race ${round}`);
      const first = await t.core.evidence.import({ name: 'a.pdf', bytes });
      t.core.evidence.delete(first.id);
      clock += 40 * DAY;
      const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [, again] = await Promise.all([
        delay(round % 4).then(() => t.core.purgeEvidence({ olderThanDays: 30 })),
        delay((round * 3) % 5).then(() => t.core.evidence.import({ name: 'again.pdf', bytes })),
      ]);
      expect(again.deletedAt).toBeNull();
      for (const f of t.core.evidence.list(true)) expect([f.id, existsSync(t.core.evidence.store.objectPath(f.sha256))]).toEqual([f.id, true]);
    }
  });

  test('start-up maintenance removes crash leftovers', async () => {
    const f = await t.core.evidence.import({ name: 'a.pdf', bytes: pdf('start') });
    const temp = `${t.core.evidence.store.objectPath(f.sha256)}.tmp-dead01`;
    writeFileSync(temp, 'half a file');
    const core = t.reopen({ purgeAtStart: true });
    expect(await core.maintenance).toMatchObject({ tempsRemoved: 1, filesRemoved: 0 });
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(core.evidence.store.objectPath(f.sha256))).toBe(true);
  });
});
