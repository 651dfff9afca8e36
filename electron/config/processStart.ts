// When did a process start? Used to tell a data-folder lock's real owner from another
// program that was later given the same pid (pids are reused, most quickly after a reboot).
// Linux: /proc/<pid>/stat (start in clock ticks after boot) and /proc/stat (boot time);
// macOS: `ps -o lstart=`; Windows: PowerShell's Get-Process. Only asked when a lock is
// found whose pid is alive, so the cost of a child process does not matter.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Linux exposes process times in USER_HZ, which is 100 on every architecture. */
const USER_HZ = 100;

function linuxStart(pid: number): Date | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the name) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22 of the whole line
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return null;
    return new Date((Number(btime) + ticks / USER_HZ) * 1000);
  } catch {
    return null;
  }
}

function commandStart(cmd: string, args: string[]): Date | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000, windowsHide: true });
  if (r.status !== 0) return null;
  const when = new Date(r.stdout.trim());
  return Number.isNaN(when.getTime()) ? null : when;
}

/** The start time of a running process, or null when the system will not say. */
export function processStartTime(pid: number): Date | null {
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') return linuxStart(pid);
  if (process.platform === 'darwin') return commandStart('ps', ['-o', 'lstart=', '-p', String(pid)]);
  if (process.platform === 'win32')
    return commandStart('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `(Get-Process -Id ${pid}).StartTime.ToUniversalTime().ToString('o')`]);
  return null;
}

/** Clock-tick rounding and a lock written in the owner's first moments. */
const SLACK_MS = 2000;

/**
 * Whether the process with `pid` can be the one that wrote a lock at `lockedAt`: it must
 * have started before then. A process that started later merely inherited the number.
 * When either time is unknown the lock is respected (never take a folder from a live owner).
 */
export function ownerStillRuns(pid: number, lockedAt: string): boolean {
  const locked = Date.parse(lockedAt);
  const started = processStartTime(pid);
  if (Number.isNaN(locked) || started === null) return true;
  return started.getTime() <= locked + SLACK_MS;
}
