// tus's Locker over PostgreSQL advisory locks, so two server processes on one
// database and one upload folder never write the same upload at once, and an
// upload begun on one continues on the other. Each held lock owns a
// dedicated connection (session-level advisory locks belong to a
// connection): if the process dies, PostgreSQL drops the connection and the
// lock with it. Within one process a waiting request asks the holder to let
// go (tus's requestRelease), as tus's own MemoryLocker does.
import type { Lock, Locker, RequestRelease } from '@tus/server';
import pg from 'pg';

/** The first key of the two-key advisory lock: "tus" in ASCII, so our locks never collide with others' on the same database. */
const LOCK_SPACE = 0x747573;
const POLL_MS = 100;

export class PgAdvisoryLocker implements Locker {
  readonly pool: pg.Pool;
  readonly holders = new Map<string, RequestRelease>();

  constructor(url: string, onError: (e: Error) => void, readonly timeoutMs = 30_000) {
    this.pool = new pg.Pool({ connectionString: url, max: 50, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5000 });
    this.pool.on('error', onError);
  }

  newLock(id: string): Lock {
    return new PgAdvisoryLock(id, this);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class PgAdvisoryLock implements Lock {
  private client: pg.PoolClient | null = null;

  constructor(
    private readonly id: string,
    private readonly locker: PgAdvisoryLocker,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.timeoutMs;
    const client = await this.locker.pool.connect();
    try {
      for (;;) {
        if (signal.aborted) throw new Error('lock request cancelled');
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LOCK_SPACE, this.id]);
        if (r.rows[0]?.ok) break;
        // Held in this process: ask that request to finish up. Held elsewhere: that process's request ends on its own.
        await this.locker.holders.get(this.id)?.();
        if (Date.now() > deadline) throw Object.assign(new Error('timed out waiting for the upload lock'), { status_code: 500, body: 'Timed out waiting for the upload lock\n' });
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      client.release();
      throw e;
    }
    this.client = client;
    this.locker.holders.set(this.id, requestRelease);
  }

  async unlock(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('releasing an upload lock that is not held');
    this.client = null;
    this.locker.holders.delete(this.id);
    try {
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, this.id]);
      client.release();
    } catch (e) {
      // The connection is gone (PostgreSQL restarted): the lock went with it. Do not return the broken client to the pool.
      client.release(e as Error);
    }
  }
}
