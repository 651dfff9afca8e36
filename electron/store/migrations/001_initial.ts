// The first schema. Every table is STRICT; foreign keys are enforced (see openDatabase).
// Triggers keep the rules that must hold even if a service forgets them:
// templates are immutable, answer history is append-only, frozen assessments take no edits.
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
) STRICT;

CREATE TABLE profile (
  id         INTEGER PRIMARY KEY CHECK (id = 1), -- a single row
  json       TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE templates (
  id           TEXT NOT NULL,
  version      TEXT NOT NULL,
  json         TEXT NOT NULL,
  installed_at TEXT NOT NULL,
  signed_by    TEXT,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TRIGGER templates_immutable BEFORE UPDATE ON templates
BEGIN SELECT RAISE(ABORT, 'template versions are immutable'); END;

CREATE TABLE assessments (
  id               TEXT PRIMARY KEY,
  template_id      TEXT NOT NULL,
  template_version TEXT NOT NULL,
  period_kind      TEXT NOT NULL CHECK (period_kind IN ('school_year', 'term')),
  label            TEXT NOT NULL,
  start_date       TEXT NOT NULL,
  end_date         TEXT NOT NULL CHECK (end_date > start_date),
  created_at       TEXT NOT NULL,
  frozen_at        TEXT,
  replaces_id      TEXT REFERENCES assessments (id),
  version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  FOREIGN KEY (template_id, template_version) REFERENCES templates (id, version)
) STRICT;

CREATE TRIGGER assessments_stay_frozen BEFORE UPDATE ON assessments
WHEN OLD.frozen_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'assessment is frozen'); END;

-- The current answer of each item; answer_revisions keeps every saved state.
CREATE TABLE answers (
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  item_code     TEXT NOT NULL,
  value         TEXT, -- JSON AnswerValue; NULL = cleared
  note          TEXT NOT NULL DEFAULT '',
  revision      INTEGER NOT NULL CHECK (revision >= 1),
  saved_by      TEXT NOT NULL,
  saved_at      TEXT NOT NULL,
  PRIMARY KEY (assessment_id, item_code)
) STRICT;

CREATE TABLE answer_revisions (
  id            INTEGER PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  item_code     TEXT NOT NULL,
  value         TEXT,
  note          TEXT NOT NULL DEFAULT '',
  revision      INTEGER NOT NULL CHECK (revision >= 1),
  saved_by      TEXT NOT NULL,
  saved_at      TEXT NOT NULL,
  UNIQUE (assessment_id, item_code, revision)
) STRICT;

CREATE TRIGGER answer_revisions_no_update BEFORE UPDATE ON answer_revisions
BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
CREATE TRIGGER answer_revisions_no_delete BEFORE DELETE ON answer_revisions
BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;

CREATE TRIGGER answers_frozen_insert BEFORE INSERT ON answers
WHEN (SELECT frozen_at FROM assessments WHERE id = NEW.assessment_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'assessment is frozen'); END;
CREATE TRIGGER answers_frozen_update BEFORE UPDATE ON answers
WHEN (SELECT frozen_at FROM assessments WHERE id = OLD.assessment_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'assessment is frozen'); END;

-- One row per stored file (sha256 is the file reports use). When a photo was
-- downscaled at import, source_* describe the bytes as imported; source_kept
-- says whether that original is stored too.
CREATE TABLE evidence_files (
  id            TEXT PRIMARY KEY,
  sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  original_name TEXT NOT NULL,
  mime          TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size >= 0),
  caption       TEXT NOT NULL DEFAULT '',
  taken_on      TEXT,
  width         INTEGER,
  height        INTEGER,
  has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0, 1)),
  thumb_size    INTEGER NOT NULL DEFAULT 0,
  source_sha256 TEXT CHECK (source_sha256 IS NULL OR length(source_sha256) = 64),
  source_mime   TEXT,
  source_size   INTEGER,
  source_kept   INTEGER NOT NULL DEFAULT 0 CHECK (source_kept IN (0, 1)),
  added_at      TEXT NOT NULL,
  added_by      TEXT NOT NULL,
  deleted_at    TEXT
) STRICT;
CREATE INDEX evidence_files_source ON evidence_files (source_sha256);

CREATE TABLE evidence_links (
  evidence_id   TEXT NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  item_code     TEXT NOT NULL,
  linked_at     TEXT NOT NULL,
  PRIMARY KEY (evidence_id, assessment_id, item_code)
) STRICT;
CREATE INDEX evidence_links_item ON evidence_links (assessment_id, item_code);

CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  date         TEXT NOT NULL,
  title        TEXT NOT NULL,
  participants INTEGER CHECK (participants IS NULL OR participants >= 0),
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
) STRICT;
CREATE INDEX events_date ON events (date);

CREATE TABLE event_evidence (
  event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  evidence_id TEXT NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, evidence_id)
) STRICT;
CREATE INDEX event_evidence_file ON event_evidence (evidence_id);
`,
};
