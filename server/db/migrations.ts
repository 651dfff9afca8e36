// One set of migrations for both engines, written with kysely's schema
// builder. Each migration is a list of statements; its checksum is the
// SHA-256 of the SQL they compile to on this engine, kept in
// server_migrations, so an edited migration or a database migrated by a newer
// server (a migration this build does not know) is refused with a clear
// message instead of being used half-understood.
import { createHash } from 'node:crypto';
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema';

type AnyDb = Kysely<Database>;
interface Migration {
  name: string;
  statements(db: AnyDb): Compilable[];
}

const MIGRATIONS: Migration[] = [
  {
    name: '0001-initial',
    statements: (db) => [
      db.schema
        .createTable('schools')
        .addColumn('code', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('enrolled_at', 'varchar(40)', (c) => c.notNull()),
      db.schema
        .createTable('school_keys')
        .addColumn('key_id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull().references('schools.code'))
        .addColumn('public_key', 'varchar(60)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('source', 'varchar(20)', (c) => c.notNull())
        .addColumn('enrolled_at', 'varchar(40)', (c) => c.notNull()),
      db.schema.createIndex('school_keys_school').on('school_keys').column('school_code'),
      db.schema
        .createTable('challenges')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('challenge', 'varchar(200)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(40)'),
      db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull()),
      db.schema
        .createTable('uploads')
        .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('declared_size', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull()),
      db.schema.createIndex('uploads_school').on('uploads').column('school_code'),
      db.schema
        .createTable('packages')
        .addColumn('sha512', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('bag_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('stored_at', 'varchar(40)', (c) => c.notNull()),
      db.schema.createIndex('packages_bag').on('packages').column('bag_id'),
      db.schema.createIndex('packages_school').on('packages').column('school_code'),
      db.schema
        .createTable('documents')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('sha512', 'varchar(128)', (c) => c.notNull().unique())
        .addColumn('bag_id', 'varchar(200)')
        .addColumn('school_code', 'varchar(40)')
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('minisig', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull()),
      db.schema.createIndex('documents_school').on('documents').columns(['school_code', 'seq']),
      db.schema
        .createTable('chain')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('last_hash', 'varchar(128)'),
      db.insertInto('chain').values({ id: 1, seq: 0, last_hash: null }),
      db.schema
        .createTable('templates')
        .addColumn('sha512', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('template_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('version', 'varchar(60)', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)', (c) => c.notNull()),
    ],
  },
];

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const checksumOf = (db: AnyDb, m: Migration): string => {
  const h = createHash('sha256');
  for (const s of m.statements(db)) h.update(s.compile().sql + '\n');
  return h.digest('hex');
};

/** Brings the database up to this build's schema; refuses one from a newer build or with edited history. */
export async function migrate(db: AnyDb): Promise<{ applied: string[] }> {
  await db.schema
    .createTable('server_migrations')
    .ifNotExists()
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('checksum', 'varchar(64)', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  const done = await db.selectFrom('server_migrations').selectAll().orderBy('name').execute();
  const known = new Map(MIGRATIONS.map((m) => [m.name, m]));
  const unknown = done.filter((d) => !known.has(d.name));
  if (unknown.length > 0)
    throw new MigrationError(
      `this database was migrated by a newer SelfCheck server (it has ${unknown.map((u) => u.name).join(', ')}, this version knows up to ${MIGRATIONS[MIGRATIONS.length - 1]?.name ?? 'none'}); upgrade the server, or restore a backup made by this version`,
    );
  for (const d of done) {
    const m = known.get(d.name) as Migration;
    if (checksumOf(db, m) !== d.checksum) throw new MigrationError(`migration ${d.name} differs from the one applied to this database (checksum mismatch); refusing to run`);
  }
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.some((d) => d.name === m.name)) continue;
    await db.transaction().execute(async (trx) => {
      for (const s of m.statements(trx)) await trx.executeQuery(s.compile());
      await trx.insertInto('server_migrations').values({ name: m.name, checksum: checksumOf(db, m), applied_at: new Date().toISOString() }).execute();
    });
    applied.push(m.name);
  }
  return { applied };
}

/** For tests of the refusal: what a newer server would have written. */
export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]?.name ?? '';
export const ping = (db: AnyDb): Promise<unknown> => sql`select 1`.execute(db);
