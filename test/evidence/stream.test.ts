// Evidence that comes in by path (the desktop) or as a streamed body (web mode): stored
// byte for byte as `sha256sum` sees it, with progress by bytes while it is copied, and
// the failures a user meets named in their words, with nothing left behind.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/define';
import { openTestCore, tempDir, type TestCore } from '../fixtures/core';
import { writeVideo } from '../fixtures/bigFiles';
import { exe, jpeg, pdf } from '../fixtures/files';

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

const sha256sum = (file: string): string => execFileSync('sha256sum', ['-b', file]).toString().split(' ')[0]!;

const refusal = async (p: Promise<unknown>): Promise<{ key: string; params: unknown }> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return { key: `${e.code}:${e.message}`, params: e.params };
    throw e;
  }
  return { key: 'accepted', params: null };
};

describe('evidence by path and by stream', () => {
  let t: TestCore;
  let src: string;
  beforeEach(() => {
    t = openTestCore();
    src = tempDir('selfcheck-src-');
  });
  afterEach(() => {
    t.cleanup();
    rmSync(src, { recursive: true, force: true });
  });

  test('a 64 MiB video comes in from its path unchanged, with progress by bytes that moves', async () => {
    const file = join(src, '消防演练.mp4');
    writeVideo(file, 64);
    const seen: number[] = [];
    const poll = setInterval(() => {
      const p = t.core.evidence.progress('ticket-video-1');
      if (p) seen.push(p.bytesDone);
    }, 2);
    const f = await t.core.evidence.importFile({ name: '消防演练.mp4', path: file, ticket: 'ticket-video-1' }).finally(() => clearInterval(poll));
    expect(f).toMatchObject({ mime: 'video/mp4', size: statSync(file).size, originalName: '消防演练.mp4', hasThumbnail: false });
    // The stored file is what the stock tool says the source is.
    expect(f.sha256).toBe(sha256sum(file));
    expect(sha256sum(t.core.evidence.store.objectPath(f.sha256))).toBe(f.sha256);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBeGreaterThan(2);
    expect(t.core.evidence.progress('ticket-video-1')).toBeNull();
    expect(allFiles(t.core.paths.evidence).filter((p) => p.includes('.tmp-'))).toEqual([]);
  });

  test('a file moved or deleted before it is read is named, and nothing is stored', async () => {
    const kept = join(src, 'plan.pdf');
    writeFileSync(kept, pdf('kept'));
    const gone = join(src, '安全预案.pdf');
    writeFileSync(gone, pdf('gone'));
    rmSync(gone);
    const r = await refusal(t.core.evidence.importFile({ name: '安全预案.pdf', path: gone }));
    expect(r).toEqual({ key: 'invalid_args:evidence.vanished', params: { name: '安全预案.pdf' } });
    // The next file of the same batch is not affected.
    expect((await t.core.evidence.importFile({ name: 'plan.pdf', path: kept })).mime).toBe('application/pdf');
    expect(t.core.evidence.list()).toHaveLength(1);
  });

  test('a truncated photo gets its own message, not "internal"', async () => {
    const whole = await jpeg(2400, 1800, { color: '#48c' });
    const file = join(src, 'cut.jpg');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.byteLength / 2)));
    const r = await refusal(t.core.evidence.importFile({ name: 'cut.jpg', path: file }));
    expect(r).toEqual({ key: 'invalid_args:evidence.truncatedImage', params: { name: 'cut.jpg' } });
    expect(allFiles(t.core.paths.evidence)).toEqual([]);
    expect(t.core.evidence.list(true)).toEqual([]);
  });

  test('an .exe renamed .jpg is refused by name, from a path and from a stream', async () => {
    const file = join(src, 'holiday.jpg');
    writeFileSync(file, exe());
    expect(await refusal(t.core.evidence.importFile({ name: 'holiday.jpg', path: file }))).toEqual({
      key: 'invalid_args:evidence.executable',
      params: { name: 'holiday.jpg' },
    });
    async function* body(): AsyncIterable<Uint8Array> {
      yield exe();
    }
    expect((await refusal(t.core.evidence.importStream({ name: 'holiday.jpg' }, body(), 1 << 20))).key).toBe('invalid_args:evidence.executable');
    expect(allFiles(t.core.paths.evidence)).toEqual([]);
  });

  test('a stream over the limit stops early and leaves nothing', async () => {
    async function* body(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 10; i++) yield new Uint8Array(256 * 1024).fill(i + 1);
    }
    const r = await refusal(t.core.evidence.importStream({ name: 'big.pdf' }, body(), 1024 * 1024));
    expect(r).toEqual({ key: 'invalid_args:evidence.tooLarge', params: { name: 'big.pdf', limitMb: 1 } });
    expect(allFiles(t.core.paths.evidence)).toEqual([]);
  });
});
