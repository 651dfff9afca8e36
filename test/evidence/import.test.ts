import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { ApiError } from '../../shared/api/define';
import { createFixtureAssessment, openTestCore, type TestCore } from '../fixtures/core';
import { docx, exe, jpeg, pdf } from '../fixtures/files';

const sha = (b: Uint8Array | Buffer): string => createHash('sha256').update(b).digest('hex');

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

const rejection = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return `${e.code}:${e.message}`;
    throw e;
  }
  return 'accepted';
};

describe('evidence import', () => {
  let t: TestCore;
  beforeEach(() => (t = openTestCore()));
  afterEach(() => t.cleanup());

  test('a photo is stored by hash with a thumbnail and its size', async () => {
    const bytes = await jpeg(800, 600);
    const f = await t.core.evidence.import({ name: '消防演练.jpg', bytes, caption: '十月演练', takenOn: '2024-10-10' });
    expect(f).toMatchObject({ sha256: sha(bytes), mime: 'image/jpeg', size: bytes.byteLength, width: 800, height: 600, hasThumbnail: true });
    expect(f).toMatchObject({ originalName: '消防演练.jpg', caption: '十月演练', takenOn: '2024-10-10', deletedAt: null, links: [], eventIds: [] });
    const stored = t.core.evidence.store.objectPath(f.sha256);
    expect(relative(t.core.paths.evidence, stored)).toBe(join(f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256));
    expect(sha(readFileSync(stored))).toBe(f.sha256);
    const thumb = await sharp(readFileSync(t.core.evidence.store.thumbPath(f.sha256))).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 320, 240]);
    // The durable write leaves no temp file behind.
    expect(allFiles(t.core.paths.evidence).filter((p) => p.includes('.tmp-'))).toEqual([]);
  });

  test('the same bytes twice are one row and one file; re-importing a deleted file undeletes it', async () => {
    const bytes = pdf('dedupe');
    const a = await t.core.evidence.import({ name: 'a.pdf', bytes });
    const b = await t.core.evidence.import({ name: 'copy of a.pdf', bytes, caption: 'new caption' });
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ originalName: 'a.pdf', caption: 'new caption', hasThumbnail: false, width: null });
    expect(allFiles(t.core.paths.evidence)).toHaveLength(1);
    t.core.evidence.delete(a.id);
    expect(t.core.evidence.list()).toEqual([]);
    const c = await t.core.evidence.import({ name: 'again.pdf', bytes });
    expect([c.id, c.deletedAt]).toEqual([a.id, null]);
    expect(t.core.evidence.list(true)).toHaveLength(1);
  });

  test('refusals write nothing', async () => {
    expect(await rejection(t.core.evidence.import({ name: 'holiday.jpg', bytes: exe() }))).toBe('invalid_args:evidence.executable');
    expect(await rejection(t.core.evidence.import({ name: 'a.txt', bytes: new TextEncoder().encode('hello') }))).toBe(
      'invalid_args:evidence.unknownType',
    );
    expect(await rejection(t.core.evidence.import({ name: 'empty.pdf', bytes: new Uint8Array() }))).toBe('invalid_args:evidence.empty');
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    expect(await rejection(t.core.evidence.import({ name: 'broken.jpg', bytes: broken }))).toBe('invalid_args:evidence.badImage');
    expect(await rejection(t.core.evidence.import({ name: 'a.pdf', bytes: pdf(), link: { assessmentId: 'nope', itemCode: 'SAF-01' } }))).toBe(
      'not_found:assessment.notFound',
    );
    expect(allFiles(t.core.paths.evidence)).toEqual([]);
    expect(t.core.evidence.list(true)).toEqual([]);
  });

  test('downscale follows the setting; originals are kept only when asked', async () => {
    const big = await jpeg(4000, 3000, { color: '#c84' });
    t.core.settings.save({ photoDownscale: '1024', keepOriginalPhoto: false });
    const small = await t.core.evidence.import({ name: 'big.jpg', bytes: big });
    expect([small.width, small.height]).toEqual([1024, 768]);
    expect(small.sha256).not.toBe(sha(big));
    expect(existsSync(t.core.evidence.store.objectPath(sha(big)))).toBe(false);
    expect(await t.core.evidence.import({ name: 'big again.jpg', bytes: big })).toMatchObject({ id: small.id }); // deduped by the source hash

    const big2 = await jpeg(3000, 4000, { color: '#48c' });
    t.core.settings.save({ photoDownscale: '2048', keepOriginalPhoto: true });
    const kept = await t.core.evidence.import({ name: 'tall.jpg', bytes: big2 });
    expect([kept.width, kept.height]).toEqual([1536, 2048]);
    expect(sha(readFileSync(t.core.evidence.store.objectPath(sha(big2))))).toBe(sha(big2));
    expect(t.core.evidence.resolveForServing(sha(big2), 'original')).toEqual({ path: t.core.evidence.store.objectPath(sha(big2)), mime: 'image/jpeg', name: 'tall.jpg' });

    t.core.settings.save({ photoDownscale: 'off' });
    const full = await t.core.evidence.import({ name: 'full.jpg', bytes: await jpeg(3500, 2000) });
    expect([full.width, full.height]).toEqual([3500, 2000]);

    const stats = t.core.evidence.stats();
    expect(stats.files).toBe(3);
    expect(stats.bytes).toBe(small.size + kept.size + full.size);
    expect(stats.storedBytes).toBeGreaterThan(stats.bytes + big2.byteLength);
  });

  test('EXIF orientation: size is reported upright and thumbnails are rotated', async () => {
    const sideways = await jpeg(400, 200, { orientation: 6 });
    const f = await t.core.evidence.import({ name: 'phone.jpg', bytes: sideways });
    expect([f.width, f.height]).toEqual([200, 400]);
    const thumb = await sharp(readFileSync(t.core.evidence.store.thumbPath(f.sha256))).metadata();
    expect([thumb.width, thumb.height]).toEqual([160, 320]);
    t.core.settings.save({ photoDownscale: '1024' });
    const big = await t.core.evidence.import({ name: 'phone-big.jpg', bytes: await jpeg(3000, 1500, { orientation: 6 }) });
    expect([big.width, big.height]).toEqual([512, 1024]);
    const stored = await sharp(readFileSync(t.core.evidence.store.objectPath(big.sha256))).metadata();
    expect([stored.width, stored.height, stored.orientation ?? 1]).toEqual([512, 1024, 1]);
  });

  test('office documents are accepted and served as what they are', async () => {
    const f = await t.core.evidence.import({ name: '制度.docx', bytes: await docx() });
    expect(f.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(t.core.evidence.resolveForServing(f.sha256, 'thumb')).toBeNull();
    expect(t.core.evidence.resolveForServing('0'.repeat(64), 'original')).toBeNull();
  });

  test('links to items and events, with frozen assessments refusing changes', async () => {
    const a = createFixtureAssessment(t.core);
    const ev = t.core.events.save({ kind: 'fire_drill', date: '2024-10-10', title: '演练', participants: 10, note: '' });
    const f = await t.core.evidence.import({ name: 'p.jpg', bytes: await jpeg(50, 50), link: { assessmentId: a, itemCode: 'SAF-01' }, eventId: ev.id });
    expect(f.links).toEqual([{ assessmentId: a, itemCode: 'SAF-01' }]);
    expect(f.eventIds).toEqual([ev.id]);
    expect(t.core.events.get(ev.id).evidenceIds).toEqual([f.id]);
    expect(t.core.evidence.idsByItem(a)).toEqual({ 'SAF-01': [f.id] });
    expect(t.core.evidence.link(f.id, { assessmentId: a, itemCode: 'EDU-01' }).links).toHaveLength(2);
    expect(t.core.evidence.unlink(f.id, { assessmentId: a, itemCode: 'EDU-01' }).links).toHaveLength(1);
    expect(await rejection(Promise.resolve().then(() => t.core.evidence.link(f.id, { assessmentId: a, itemCode: 'ZZZ-99' })))).toBe(
      'invalid_args:answer.unknownItem',
    );

    t.core.evidence.delete(f.id);
    expect(t.core.evidence.idsByItem(a)).toEqual({});
    expect(t.core.events.get(ev.id).evidenceIds).toEqual([]);
    t.core.evidence.undelete(f.id);
    expect(t.core.evidence.unlinkEvent(f.id, ev.id).eventIds).toEqual([]);
    expect(t.core.evidence.linkEvent(f.id, ev.id).eventIds).toEqual([ev.id]);

    t.core.assessments.freeze(a);
    expect(await rejection(Promise.resolve().then(() => t.core.evidence.unlink(f.id, { assessmentId: a, itemCode: 'SAF-01' })))).toBe(
      'conflict:assessment.frozen',
    );
    expect(await rejection(t.core.evidence.import({ name: 'q.pdf', bytes: pdf('q'), link: { assessmentId: a, itemCode: 'SAF-01' } }))).toBe(
      'conflict:assessment.frozen',
    );
  });

  test('caption and date can be edited', async () => {
    const f = await t.core.evidence.import({ name: 'a.pdf', bytes: pdf('edit') });
    expect(t.core.evidence.update(f.id, { caption: '安全制度', takenOn: '2024-09-02' })).toMatchObject({ caption: '安全制度', takenOn: '2024-09-02' });
    expect(t.core.evidence.update(f.id, { takenOn: null })).toMatchObject({ caption: '安全制度', takenOn: null });
  });
});
