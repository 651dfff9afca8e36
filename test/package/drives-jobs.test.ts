// drives.list: removable mounts from lsblk and the media folders, Documents and
// Desktop, each with free space. jobs: progress, ETA, cancel, failure shapes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listDrives, parseLsblk, tooBigFor } from '../../electron/package/drives';
import { JobRegistry } from '../../electron/package/jobs';
import { PackageError } from '../../bag/errors';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'drives-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('lsblk output: removable and hot-plugged partitions with mount points, not the system disk', () => {
  const json = JSON.stringify({
    blockdevices: [
      { name: 'sda', rm: false, hotplug: false, mountpoint: null, children: [{ name: 'sda1', rm: false, mountpoint: '/' }] },
      {
        name: 'sdb',
        rm: true,
        hotplug: true,
        mountpoint: null,
        children: [{ name: 'sdb1', rm: true, mountpoints: ['/media/teacher/U盘'], label: 'U盘', fstype: 'vfat' }],
      },
      { name: 'sdc', rm: '0', hotplug: '1', mountpoint: '/mnt/usb', label: null, fstype: 'exfat' },
    ],
  });
  expect(parseLsblk(json)).toEqual([
    { path: '/media/teacher/U盘', label: 'U盘', fsType: 'vfat' },
    { path: '/mnt/usb', label: 'sdc', fsType: 'exfat' },
  ]);
  expect(tooBigFor({ fsType: 'vfat' }, 5 * 1024 ** 3)).toBe(true);
  expect(tooBigFor({ fsType: 'exfat' }, 5 * 1024 ** 3)).toBe(false);
});

test('listDrives finds media mounts and the home folders, with free space', async () => {
  const media = join(dir, 'media');
  const stick = join(media, 'teacher', 'STICK');
  mkdirSync(stick, { recursive: true });
  const home = join(dir, 'home');
  mkdirSync(join(home, 'Documents'), { recursive: true });
  const drives = await listDrives({
    platform: 'linux',
    home,
    mediaRoots: [media],
    exec: async () => JSON.stringify({ blockdevices: [] }),
  });
  expect(drives.map((d) => [d.path, d.kind, d.label])).toEqual([
    [stick, 'removable', 'STICK'],
    [join(home, 'Documents'), 'folder', 'Documents'],
  ]);
  expect(drives[0]?.freeBytes).toBeGreaterThan(0);
  // A failing lsblk is not an error: the list still has what it can find.
  const noLsblk = await listDrives({ platform: 'linux', home, mediaRoots: [media], exec: async () => Promise.reject(new Error('ENOENT')) });
  expect(noLsblk.length).toBe(2);
  // Windows: PowerShell's JSON for removable volumes.
  const win = await listDrives({
    platform: 'win32',
    home,
    exec: async () => JSON.stringify({ DriveLetter: 'E', FileSystemLabel: 'KINGSTON', FileSystem: 'FAT32' }),
  });
  expect(win.map((d) => d.kind)).toEqual(['folder']); // E:\ does not exist here, so only Documents is listed
});

test('a job reports progress and its result; a failure carries the error key', async () => {
  let t = 0;
  const jobs = new JobRegistry(() => t);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const id = jobs.start('export', async (_signal, report) => {
    report({ phase: 'writing', bytesDone: 0, bytesTotal: 1000 });
    t += 2000;
    report({ phase: 'writing', bytesDone: 250, bytesTotal: 1000 });
    await gate;
    return { done: true };
  });
  expect(jobs.get(id).state).toBe('running');
  await new Promise((r) => setImmediate(r));
  expect(jobs.get(id)).toMatchObject({ progress: { phase: 'writing', bytesDone: 250 }, etaSeconds: 6 });
  release();
  expect(await jobs.wait(id)).toMatchObject({ state: 'done', result: { done: true }, error: null });

  const bad = jobs.start('export', async () => {
    throw new PackageError('exportDiskFull', '/media/x.zip', 'ENOSPC');
  });
  expect(await jobs.wait(bad)).toMatchObject({ state: 'failed', error: { code: 'io', message: 'package.exportDiskFull', detail: 'ENOSPC' } });
  expect(() => jobs.get('nope')).toThrow('package.jobNotFound');
});

test('cancel aborts the work and the job ends as cancelled', async () => {
  const jobs = new JobRegistry();
  const id = jobs.start('export', (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new PackageError('exportCancelled')))));
  await new Promise((r) => setImmediate(r));
  jobs.cancel(id);
  expect(await jobs.wait(id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled', message: 'package.exportCancelled' } });
});
