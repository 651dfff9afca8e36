// Opens the app database: WAL, foreign keys, durable commits, migrations.
// An answer must survive a power cut once the UI says "saved", hence synchronous=FULL.
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** The database was written by a newer app version; opening it could damage it. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly dbVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${file}: the database has schema version ${dbVersion}, this app knows up to ${knownVersion}. ` +
        'Install a newer version of the app to open it.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The applied migrations do not match the ones this build ships (a renamed or edited migration). */
export class MigrationMismatchError extends Error {
  constructor(file: string, version: number, applied: string, known: string) {
    super(`${file}: migration ${version} was applied as "${applied}" but this app calls it "${known}"`);
    this.name = 'MigrationMismatchError';
  }
}

export interface OpenOptions {
  /** For tests: the migration list to apply (defaults to every shipped migration). */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

/**
 * Electron loads a second build of the native addon, made for its own ABI
 * (scripts/electron-native.mjs); Node, the CLI and tests keep the default one.
 */
let nativeBinding: string | undefined;
export function useNativeBinding(path: string): void {
  nativeBinding = path;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, nativeBinding });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, file, options.migrations ?? MIGRATIONS);
    else checkVersion(db, file, options.migrations ?? MIGRATIONS);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

interface AppliedRow {
  version: number;
  name: string;
}

function appliedMigrations(db: Db): AppliedRow[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return [];
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

function checkVersion(db: Db, file: string, known: readonly Migration[]): AppliedRow[] {
  const applied = appliedMigrations(db);
  const newest = applied.length ? applied[applied.length - 1]!.version : 0;
  if (newest > known.length) throw new DatabaseTooNewError(file, newest, known.length);
  for (const row of applied) {
    const m = known[row.version - 1];
    if (!m || m.name !== row.name) throw new MigrationMismatchError(file, row.version, row.name, m?.name ?? '?');
  }
  return applied;
}

function migrate(db: Db, file: string, known: readonly Migration[]): void {
  known.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = checkVersion(db, file, known);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of known.slice(applied.length)) {
    // Each step commits on its own, so a crash leaves the database at a known version.
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  const problems = db.pragma('foreign_key_check') as unknown[];
  if (problems.length) throw new Error(`${file}: foreign key check failed after migration`);
}

/** The schema version of an open database (number of applied migrations). */
export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
