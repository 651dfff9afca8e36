// Checks the folder an export goes to before anything is frozen or written, and
// says what is wrong in words a person can act on: the folder does not exist, it
// is not a folder, it cannot be written (read-only stick, no permission), or the
// device it was on is gone (a USB stick pulled: its mount point vanished).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { join, parse } from 'node:path';
import { PackageError } from '../../bag/errors';

/** Where removable media are mounted, and how many path parts name one device under it. */
const REMOVABLE_ROOTS: [string, number][] = [['/media/', 2], ['/run/media/', 2], ['/mnt/', 1], ['/Volumes/', 1]];

/** The folder is on a device whose mount point (E:\, /media/user/STICK) is no longer there. */
function deviceGone(dir: string): boolean {
  if (process.platform === 'win32') return !existsSync(parse(dir).root);
  for (const [root, depth] of REMOVABLE_ROOTS) {
    if (!dir.startsWith(root)) continue;
    const parts = dir.slice(root.length).split('/').filter((x) => x !== '');
    if (parts.length < depth) return false;
    return !existsSync(root + parts.slice(0, depth).join('/'));
  }
  return false;
}

export function checkExportFolder(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    if (deviceGone(dir)) throw new PackageError('exportDeviceGone', dir, 'the drive is no longer there');
    throw new PackageError('exportFolderMissing', dir, 'no such folder');
  }
  if (!isDir) throw new PackageError('exportFolderMissing', dir, 'not a folder');
  // access(W_OK) says yes on a read-only mounted stick on some systems: try a real write.
  const probe = join(dir, `.selfcheck-write-test-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'EIO' || code === 'ENXIO' || code === 'ENODEV') throw new PackageError('exportDeviceGone', dir, code);
    throw new PackageError('exportFolderNotWritable', dir, code);
  } finally {
    rmSync(probe, { force: true });
  }
}
