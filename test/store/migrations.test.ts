import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseTooNewError, MigrationMismatchError, openDatabase, schemaVersion } from '../../electron/store/db';
import { MIGRATIONS } from '../../electron/store/migrations';
import { stableStringify } from '../../electron/store/json';
import { fixtureProfile, openTestCore, tempDir } from '../fixtures/core';
import { fixtureTemplate } from '../fixtures/template';

const tablesOf = (file: string): string[] => {
  const db = openDatabase(file, { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return names;
};

describe('migrations', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // One test per migration: a fresh database migrated up to it is consistent.
  test.each(MIGRATIONS.map((m) => [m.version, m.name, m] as const))('migration %i (%s) applies on a fresh database', (version) => {
    const file = join(dir, 'db.sqlite');
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, version) });
    expect(schemaVersion(db)).toBe(version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  test('001 creates every table as STRICT', () => {
    const file = join(dir, 'db.sqlite');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const expected = ['answer_revisions', 'answers', 'assessments', 'event_evidence', 'events', 'evidence_files', 'evidence_links', 'profile', 'schema_migrations', 'settings', 'templates'];
    expect(tablesOf(file)).toEqual(expected);
    const db = openDatabase(file);
    for (const t of expected) {
      const info = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(t) as { strict: number };
      expect([t, info.strict]).toEqual([t, 1]);
    }
    db.close();
  });

  test('reopening applies nothing twice', () => {
    const file = join(dir, 'db.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toHaveLength(MIGRATIONS.length);
    db.close();
  });

  test('a database from a newer app version is refused with both versions named', () => {
    const file = join(dir, 'db.sqlite');
    const future = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' }];
    openDatabase(file, { migrations: future }).close();
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as Error).message).toContain(`schema version ${MIGRATIONS.length + 1}`);
    expect((err as Error).message).toContain(`knows up to ${MIGRATIONS.length}`);
    expect(() => openDatabase(file, { readonly: true })).toThrow(DatabaseTooNewError);
  });

  test('a migration renamed after shipping is detected', () => {
    const file = join(dir, 'db.sqlite');
    openDatabase(file).close();
    const renamed = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, name: 'renamed' } : m));
    expect(() => openDatabase(file, { migrations: renamed })).toThrow(MigrationMismatchError);
  });

  test('triggers: template rows and answer history cannot be changed', () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    db.prepare("INSERT INTO templates VALUES ('t', '1.0.0', '{}', 'now', NULL)").run();
    expect(() => db.prepare("UPDATE templates SET json = '{\"x\":1}'").run()).toThrow(/immutable/);
    db.prepare(
      "INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at) VALUES ('a', 't', '1.0.0', 'term', 'x', '2024-09-01', '2025-01-31', 'now')",
    ).run();
    db.prepare("INSERT INTO answer_revisions (assessment_id, item_code, value, note, revision, saved_by, saved_at) VALUES ('a', 'X-01', NULL, '', 1, 'me', 'now')").run();
    expect(() => db.prepare('DELETE FROM answer_revisions').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE answer_revisions SET note = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  test('002: a frozen row stays as it is, except a thaw by the export that froze it', () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    db.prepare("INSERT INTO templates VALUES ('t', '1.0.0', '{}', 'now', NULL)").run();
    db.prepare(
      "INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at) VALUES ('a', 't', '1.0.0', 'term', 'x', '2024-09-01', '2025-01-31', 'now')",
    ).run();
    db.prepare("UPDATE assessments SET frozen_at = 'F1', frozen_summary = '{}' WHERE id = 'a'").run();
    const thaw = db.prepare("UPDATE assessments SET frozen_at = NULL, frozen_summary = NULL WHERE id = 'a'");
    expect(() => db.prepare("UPDATE assessments SET label = 'y' WHERE id = 'a'").run()).toThrow(/frozen/);
    expect(() => db.prepare("UPDATE assessments SET frozen_summary = '{\"x\":1}' WHERE id = 'a'").run()).toThrow(/frozen/);
    expect(() => thaw.run()).toThrow(/frozen/);
    db.prepare("INSERT INTO export_freezes VALUES ('a', 'F0')").run(); // another freeze than this one
    expect(() => thaw.run()).toThrow(/frozen/);
    db.prepare("UPDATE export_freezes SET frozen_at = 'F1'").run();
    expect(() => db.prepare("UPDATE assessments SET frozen_at = NULL, frozen_summary = NULL, label = 'y' WHERE id = 'a'").run()).toThrow(/frozen/);
    thaw.run();
    expect(db.prepare("SELECT label, frozen_at, frozen_summary FROM assessments WHERE id = 'a'").get()).toEqual({ label: 'x', frozen_at: null, frozen_summary: null });
    db.close();
  });

  test('002: an assessment frozen under 001 gets its summary fixed the first time it is asked for', () => {
    const db = openDatabase(join(dir, 'selfcheck.db'), { migrations: MIGRATIONS.slice(0, 1) });
    db.prepare("INSERT INTO templates VALUES (?, ?, ?, 'now', NULL)").run(fixtureTemplate.id, fixtureTemplate.version, stableStringify(fixtureTemplate));
    db.prepare(
      `INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at, frozen_at)
       VALUES ('old', ?, ?, 'school_year', 'x', '2024-09-01', '2025-08-31', 'now', '2025-01-10T00:00:00.000Z')`,
    ).run(fixtureTemplate.id, fixtureTemplate.version);
    db.close();

    const t = openTestCore({ dataDir: dir });
    try {
      const first = t.core.summary.compute('old', '2025-01-10');
      t.core.profile.save({ ...fixtureProfile, hasSchoolBus: true });
      t.core.events.save({ kind: 'fire_drill', date: '2024-10-15', title: '演练', participants: 10, note: '' });
      expect(t.core.summary.compute('old', '2025-06-30')).toEqual(first);
      expect(t.core.assessments.frozenSummary('old')).toEqual(first);
    } finally {
      t.core.close();
    }
  });

  test('003 keeps a frozen package record unchanged: updates are refused', () => {
    const file = join(dir, 'db.sqlite');
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    db.prepare("INSERT INTO templates VALUES (?, ?, ?, 'now', NULL)").run(fixtureTemplate.id, fixtureTemplate.version, stableStringify(fixtureTemplate));
    db.prepare(
      `INSERT INTO assessments (id, template_id, template_version, period_kind, label, start_date, end_date, created_at)
       VALUES ('a', ?, ?, 'school_year', 'x', '2024-09-01', '2025-08-31', 'now')`,
    ).run(fixtureTemplate.id, fixtureTemplate.version);
    db.prepare(
      `INSERT INTO frozen_packages (assessment_id, bag_id, signed_at, key_id, app_version, school_code, school_name, report_json, report_html, evidence, created_at)
       VALUES ('a', 'bag-1', '2025-01-10T00:00:00.000Z', 'K', '1', 'S', 'N', x'7b7d', x'3c703e', '[]', 'now')`,
    ).run();
    expect(() => db.prepare("UPDATE frozen_packages SET bag_id = 'bag-2'").run()).toThrow(/never changes/);
    expect(db.prepare('SELECT bag_id FROM frozen_packages').get()).toEqual({ bag_id: 'bag-1' });
    db.close();
  });
});
