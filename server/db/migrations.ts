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
  {
    // The bureau workspace: accounts, audit, campaigns with their roster, an
    // index of every received report (and its items) for the lists and
    // analytics, reviews with their points, and what rectifications said.
    name: '0002-workspace',
    statements: (db) => [
      db.schema
        .createTable('users')
        .addColumn('name', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('role', 'varchar(10)', (c) => c.notNull())
        .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
        .addColumn('scope_json', 'text')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'varchar(40)')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull()),
      db.schema
        .createTable('web_sessions')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_name', 'varchar(60)', (c) => c.notNull())
        .addColumn('csrf', 'varchar(100)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull()),
      db.schema
        .createTable('audit')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('user_name', 'varchar(60)')
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('target', 'varchar(300)')
        .addColumn('detail', 'text', (c) => c.notNull()),
      db.schema.createIndex('audit_at').on('audit').column('at'),
      db.schema
        .createTable('campaigns')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('label', 'varchar(200)', (c) => c.notNull())
        .addColumn('template_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('template_version', 'varchar(60)', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(60)'),
      db.schema
        .createTable('roster')
        .addColumn('campaign_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('type', 'varchar(40)', (c) => c.notNull())
        .addColumn('county', 'varchar(100)', (c) => c.notNull())
        .addPrimaryKeyConstraint('roster_pk', ['campaign_id', 'school_code']),
      db.schema
        .createTable('reports')
        .addColumn('sha512', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('bag_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('assessment_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('assessment_version', 'integer', (c) => c.notNull())
        .addColumn('template_id', 'varchar(200)', (c) => c.notNull())
        .addColumn('template_version', 'varchar(60)', (c) => c.notNull())
        .addColumn('school_type', 'varchar(40)', (c) => c.notNull())
        .addColumn('county', 'varchar(100)', (c) => c.notNull())
        .addColumn('signer_key_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('generated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('via', 'varchar(10)', (c) => c.notNull())
        .addColumn('receipt_seq', 'bigint', (c) => c.notNull())
        .addColumn('total', 'double precision')
        .addColumn('level', 'varchar(20)')
        .addColumn('answers_review', 'varchar(40)'),
      db.schema.createIndex('reports_template_school').on('reports').columns(['template_id', 'template_version', 'school_code', 'received_at']),
      db.schema
        .createTable('report_points')
        .addColumn('sha512', 'varchar(128)', (c) => c.notNull())
        .addColumn('code', 'varchar(40)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('self', 'double precision')
        .addColumn('max', 'double precision')
        .addPrimaryKeyConstraint('report_points_pk', ['sha512', 'code']),
      db.schema
        .createTable('reviews')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('campaign_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('school_code', 'varchar(40)', (c) => c.notNull())
        .addColumn('sha512', 'varchar(128)', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('opinion', 'text', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
        .addColumn('reviewer', 'varchar(60)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)')
        .addColumn('doc_seq', 'bigint'),
      db.schema.createIndex('reviews_campaign_school').on('reviews').columns(['campaign_id', 'school_code']),
      db.schema
        .createTable('review_points')
        .addColumn('review_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('code', 'varchar(40)', (c) => c.notNull())
        .addColumn('score', 'double precision')
        .addColumn('status', 'varchar(20)')
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('rectify', 'integer', (c) => c.notNull())
        .addColumn('state', 'varchar(10)')
        .addColumn('checked_by', 'varchar(60)')
        .addColumn('checked_at', 'varchar(40)')
        .addColumn('check_comment', 'text')
        .addPrimaryKeyConstraint('review_points_pk', ['review_id', 'code']),
      db.schema
        .createTable('rectifications')
        .addColumn('sha512', 'varchar(128)', (c) => c.notNull())
        .addColumn('review_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('code', 'varchar(40)', (c) => c.notNull())
        .addColumn('measures', 'text', (c) => c.notNull())
        .addColumn('responsible', 'varchar(200)', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)')
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('evidence_count', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('rectifications_pk', ['sha512', 'code']),
      db.schema.createIndex('rectifications_review').on('rectifications').columns(['review_id', 'code']),
    ],
  },
  {
    // Accounts: failed log-ins for names that have no account are counted
    // from the audit log (so they lock like real ones and reveal nothing);
    // this index keeps that count cheap however long the log grows.
    name: '0003-accounts',
    statements: (db) => [db.schema.createIndex('audit_target').on('audit').columns(['target', 'action', 'at'])],
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
