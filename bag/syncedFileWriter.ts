// A file sink for the package that flushes to the device as it goes. USB
// sticks take data into the page cache far faster than they store it; by
// syncing every few MB the progress bar shows bytes that are really on the
// stick, the final fsync does not hang for minutes, and a pulled stick fails
// the write (EIO) while we can still say so.
import { close, fdatasync, fsync, open, write } from 'node:fs';
import { Writable } from 'node:stream';

export class SyncedFileWriter extends Writable {
  /** Bytes handed to the kernel and, up to the last sync, stored on the device. */
  bytesWritten = 0;
  bytesSynced = 0;
  private sinceSync = 0;

  private constructor(
    private readonly fd: number,
    private readonly syncEvery: number,
    private readonly onWritten?: (written: number, synced: number) => void,
  ) {
    super({ highWaterMark: 4 * 1024 * 1024 });
  }

  /** Creates (or truncates) the file with owner read/write and everyone read. */
  static open(path: string, opts: { syncEvery?: number; onWritten?: (written: number, synced: number) => void } = {}): Promise<SyncedFileWriter> {
    return new Promise((resolve, reject) =>
      open(path, 'w', 0o644, (err, fd) => (err ? reject(err) : resolve(new SyncedFileWriter(fd, opts.syncEvery ?? 32 * 1024 * 1024, opts.onWritten)))),
    );
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writeAll(chunk, 0, (err) => {
      if (err) return cb(err);
      this.bytesWritten += chunk.length;
      this.sinceSync += chunk.length;
      if (this.sinceSync < this.syncEvery) {
        this.onWritten?.(this.bytesWritten, this.bytesSynced);
        return cb();
      }
      fdatasync(this.fd, (syncErr) => {
        if (syncErr) return cb(syncErr);
        this.sinceSync = 0;
        this.bytesSynced = this.bytesWritten;
        this.onWritten?.(this.bytesWritten, this.bytesSynced);
        cb();
      });
    });
  }

  private writeAll(chunk: Buffer, offset: number, cb: (e: Error | null) => void): void {
    write(this.fd, chunk, offset, chunk.length - offset, null, (err, n) => {
      if (err) return cb(err);
      if (offset + n < chunk.length) return this.writeAll(chunk, offset + n, cb);
      cb(null);
    });
  }

  override _final(cb: (e?: Error | null) => void): void {
    fsync(this.fd, (err) => {
      if (!err) this.bytesSynced = this.bytesWritten;
      cb(err);
    });
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    close(this.fd, (closeErr) => cb(err ?? closeErr ?? null));
  }
}
