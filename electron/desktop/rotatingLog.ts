// The support log: <data folder>/logs/selfcheck.log, rotated by size so it never grows
// without bound (selfcheck.log.1 … .N are older). Synchronous appends: it is written
// rarely (errors, start/stop) and must land even when the process is about to die.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class RotatingLog {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly maxBytes = 1024 * 1024,
    private readonly keep = 3,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(dir, 'selfcheck.log');
  }

  write(level: 'info' | 'error', message: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      this.rotateIfFull();
      appendFileSync(this.file, `${this.now().toISOString()} ${level.toUpperCase()} ${message.replace(/\r?\n/g, '\n    ')}\n`, 'utf8');
    } catch {
      // A log that cannot be written must never take the app down with it.
    }
  }

  private rotateIfFull(): void {
    const size = statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
    if (size < this.maxBytes) return;
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
      } catch {
        /* that generation does not exist yet */
      }
    }
    renameSync(this.file, `${this.file}.1`);
  }
}
