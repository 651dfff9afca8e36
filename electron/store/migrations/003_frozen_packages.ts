// What an export signed, kept so that exporting the same frozen version again
// gives the same bytes (same bag id, signing time, report, zip entries): the
// bureau's server answers the same bytes with the same receipt, and a
// re-export after the live data moved on must not become a different package.
//
// - One row per assessment version, written by its first export that got as
//   far as a verified package; removed only if that export then failed before
//   its file got its final name (nothing was delivered).
// - The report bytes are stored as written (report.json, report.html, and the
//   PDF the desktop app printed), because a later app version may render them
//   differently; the evidence list names the stored files by hash.
// - A row never changes: the trigger refuses updates.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'frozen_packages',
  sql: `
CREATE TABLE frozen_packages (
  assessment_id TEXT PRIMARY KEY REFERENCES assessments (id),
  bag_id        TEXT NOT NULL,
  signed_at     TEXT NOT NULL, -- ISO 8601 UTC, the signing time in the signature's trusted comment
  key_id        TEXT NOT NULL, -- the school key that signed it
  app_version   TEXT NOT NULL,
  school_code   TEXT NOT NULL,
  school_name   TEXT NOT NULL,
  report_json   BLOB NOT NULL,
  report_html   BLOB NOT NULL,
  report_pdf    BLOB,          -- NULL when no PDF went in (CLI, web mode)
  evidence      TEXT NOT NULL, -- JSON [{path, sha256, size}] in package order
  created_at    TEXT NOT NULL
) STRICT;

CREATE TRIGGER frozen_packages_never_change BEFORE UPDATE ON frozen_packages
BEGIN SELECT RAISE(ABORT, 'a frozen package record never changes'); END;
`,
};
