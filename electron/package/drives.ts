// Where a package can go: removable drives (best effort per platform) and the
// user's Documents and Desktop folders, each with its free space so the export
// dialog can compare it with the estimate before starting.
//   Linux:   lsblk (RM / HOTPLUG mount points), plus /media/*/* and /run/media/*/*
//   Windows: PowerShell Get-Volume, removable drives
//   macOS:   /Volumes/* except the system volume
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UTF8_PREFIX, decodeConsoleOutput } from './consoleText';

const run = promisify(execFile);

export interface DriveInfo {
  path: string;
  label: string;
  kind: 'removable' | 'folder';
  freeBytes: number | null;
  totalBytes: number | null;
  /** e.g. vfat, exfat, ntfs: FAT32 cannot hold a file of 4 GB or more. */
  fsType: string | null;
}

export interface DriveListOptions {
  platform?: NodeJS.Platform;
  home?: string;
  /** Folders holding <user>/<volume> mount points (Linux). */
  mediaRoots?: string[];
  /** Runs a program and returns its stdout (tests replace it). */
  exec?: (file: string, args: string[]) => Promise<string>;
}

const defaultExec = async (file: string, args: string[]): Promise<string> =>
  decodeConsoleOutput((await run(file, args, { timeout: 5000, windowsHide: true, maxBuffer: 1024 * 1024, encoding: 'buffer' })).stdout);

export async function listDrives(opts: DriveListOptions = {}): Promise<DriveInfo[]> {
  const platform = opts.platform ?? process.platform;
  const exec = opts.exec ?? defaultExec;
  const home = opts.home ?? homedir();
  let removable: { path: string; label: string; fsType: string | null }[] = [];
  try {
    if (platform === 'linux') removable = await linuxRemovable(exec, opts.mediaRoots ?? ['/media', '/run/media']);
    else if (platform === 'win32') removable = await windowsRemovable(exec);
    else if (platform === 'darwin') removable = macVolumes();
  } catch {
    removable = []; // listing drives is a convenience; the user can still pick any folder
  }
  const seen = new Set<string>();
  const out: DriveInfo[] = [];
  const add = (path: string, label: string, kind: DriveInfo['kind'], fsType: string | null): void => {
    if (seen.has(path) || !isDir(path)) return;
    seen.add(path);
    out.push({ path, label, kind, fsType, ...space(path) });
  };
  for (const r of removable) add(r.path, r.label, 'removable', r.fsType ?? (platform === 'linux' ? mountFsType(r.path) : null));
  for (const name of ['Documents', 'Desktop']) add(join(home, name), name, 'folder', null);
  return out;
}

interface LsblkDevice {
  name?: string;
  rm?: boolean | string;
  hotplug?: boolean | string;
  mountpoint?: string | null;
  mountpoints?: (string | null)[];
  label?: string | null;
  fstype?: string | null;
  children?: LsblkDevice[];
}

const truthy = (v: boolean | string | undefined): boolean => v === true || v === '1' || v === 'true';

export function parseLsblk(json: string): { path: string; label: string; fsType: string | null }[] {
  const out: { path: string; label: string; fsType: string | null }[] = [];
  const walk = (d: LsblkDevice, parentRemovable: boolean): void => {
    const removable = parentRemovable || truthy(d.rm) || truthy(d.hotplug);
    const mounts = [d.mountpoint, ...(d.mountpoints ?? [])].filter((m): m is string => typeof m === 'string' && m.startsWith('/'));
    if (removable) for (const m of new Set(mounts)) if (m !== '/' && !m.startsWith('/boot')) out.push({ path: m, label: d.label ?? d.name ?? m, fsType: d.fstype ?? null });
    for (const c of d.children ?? []) walk(c, removable);
  };
  const parsed = JSON.parse(json) as { blockdevices?: LsblkDevice[] };
  for (const d of parsed.blockdevices ?? []) walk(d, false);
  return out;
}

async function linuxRemovable(exec: NonNullable<DriveListOptions['exec']>, mediaRoots: string[]) {
  const found: { path: string; label: string; fsType: string | null }[] = [];
  try {
    found.push(...parseLsblk(await exec('lsblk', ['-J', '-o', 'NAME,RM,HOTPLUG,MOUNTPOINT,LABEL,FSTYPE'])));
  } catch {
    // no lsblk: the media folders below still find the usual desktop mounts
  }
  for (const root of mediaRoots)
    for (const user of safeList(root))
      for (const vol of safeList(join(root, user))) found.push({ path: join(root, user, vol), label: vol, fsType: null });
  return found;
}

async function windowsRemovable(exec: NonNullable<DriveListOptions['exec']>) {
  const script =
    UTF8_PREFIX +
    "Get-Volume | Where-Object { $_.DriveType -eq 'Removable' -and $_.DriveLetter } | Select-Object DriveLetter,FileSystemLabel,FileSystem | ConvertTo-Json -Compress";
  const text = (await exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script])).trim();
  if (!text) return [];
  const raw = JSON.parse(text) as unknown;
  const list = (Array.isArray(raw) ? raw : [raw]) as { DriveLetter?: string; FileSystemLabel?: string; FileSystem?: string }[];
  return list
    .filter((v) => typeof v.DriveLetter === 'string' && /^[A-Z]$/i.test(v.DriveLetter))
    .map((v) => ({ path: `${v.DriveLetter}:\\`, label: v.FileSystemLabel || `${v.DriveLetter}:`, fsType: v.FileSystem?.toLowerCase() ?? null }));
}

function macVolumes() {
  const root = realpathSync('/');
  return safeList('/Volumes')
    .map((name) => ({ path: join('/Volumes', name), label: name, fsType: null }))
    .filter((v) => {
      try {
        return realpathSync(v.path) !== root;
      } catch {
        return false;
      }
    });
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function space(path: string): { freeBytes: number | null; totalBytes: number | null } {
  try {
    const s = statfsSync(path);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return { freeBytes: null, totalBytes: null };
  }
}

/** The file system type of a mount point, from /proc/mounts. */
function mountFsType(path: string): string | null {
  if (!existsSync('/proc/mounts')) return null;
  const line = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .find((f) => f[1]?.replace(/\\040/g, ' ') === path);
  return line?.[2] ?? null;
}

/** FAT32 (vfat) cannot store a file of 4 GiB or more. */
export const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1;
export const tooBigFor = (d: Pick<DriveInfo, 'fsType'>, bytes: number): boolean =>
  (d.fsType === 'vfat' || d.fsType === 'fat32' || d.fsType === 'msdos') && bytes > FAT32_MAX_FILE;
