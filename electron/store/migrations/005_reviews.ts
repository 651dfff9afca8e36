// The bureau's reviews and the school's 整改 (issue 12 §5–6).
//
// - reviews: review documents as signed (json + minisig), verified against the
//   bureau key before they are stored, with the fields the pages list. One row
//   per review id. rectification_assessment_id is the assessment version the
//   school's rectification report is made from (bound when the principal asks
//   for the package; the export adds the rectification block to that version).
// - review_rechecks: the bureau closed or reopened points (signed 'recheck'
//   documents); the latest per point is its state.
// - rectification_entries: what the principal records per point to rectify:
//   measures, the person responsible, a deadline, a status and evidence links
//   (evidence ids of the library, JSON array). Saved per point, with a revision
//   so two windows cannot overwrite each other silently.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'reviews',
  sql: `
CREATE TABLE reviews (
  id                 TEXT PRIMARY KEY,
  doc_sha512         TEXT NOT NULL UNIQUE, -- SHA-512 of the document's json (a rectification report names it)
  school_code        TEXT NOT NULL,
  campaign           TEXT NOT NULL,
  bag_id             TEXT NOT NULL,        -- the package reviewed
  package_sha512     TEXT NOT NULL,
  reviewer           TEXT NOT NULL,
  published_at       TEXT NOT NULL,
  deadline           TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  json               TEXT NOT NULL,        -- the exact signed bytes
  minisig            TEXT NOT NULL,
  key_id             TEXT NOT NULL,        -- the bureau key that verified it
  stored_at          TEXT NOT NULL,
  rectification_assessment_id TEXT
) STRICT;

CREATE TABLE review_rechecks (
  doc_sha512  TEXT PRIMARY KEY,
  review_id   TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  json        TEXT NOT NULL,
  minisig     TEXT NOT NULL,
  key_id      TEXT NOT NULL,
  stored_at   TEXT NOT NULL
) STRICT;
CREATE INDEX review_rechecks_review ON review_rechecks (review_id, seq);

CREATE TABLE rectification_entries (
  review_id    TEXT NOT NULL,
  code         TEXT NOT NULL,
  measures     TEXT NOT NULL,
  responsible  TEXT NOT NULL,
  deadline     TEXT,
  status       TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
  evidence_ids TEXT NOT NULL DEFAULT '[]',
  revision     INTEGER NOT NULL,
  saved_by     TEXT NOT NULL,
  saved_at     TEXT NOT NULL,
  PRIMARY KEY (review_id, code)
) STRICT;
`,
};
