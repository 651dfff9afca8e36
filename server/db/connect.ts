// Opens the server database: the embedded SQLite file in the data folder by
// default, or PostgreSQL when a postgres:// URL is given. kysely gives one
// typed query layer over both, so services never see which engine runs.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface ServerDb {
  db: Kysely<Schema>;
  engine: Engine;
  /** The PostgreSQL URL, for the upload locker and pg_dump; null on SQLite. */
  url: string | null;
  close(): Promise<void>;
}

// int8 (sizes, seq) as numbers: every value we store is far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export function openDatabase(sqliteFile: string, url: string | null, onPoolError: (e: Error) => void = () => undefined): ServerDb {
  if (url !== null) {
    if (!isPostgresUrl(url)) throw new Error(`--database takes a postgres:// URL (got ${url.split(':')[0] ?? ''}:…)`);
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client's connection dying (PostgreSQL restarted) must not kill the server; the pool reconnects.
    pool.on('error', onPoolError);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', url, close: () => db.destroy() };
  }
  const sqlite = new Database(sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', url: null, close: () => db.destroy() };
}
