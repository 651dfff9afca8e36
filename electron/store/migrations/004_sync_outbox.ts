// The app's side of sync (issue 11): the bureau server it talks to, the outbox of
// exported packages with their upload state, the receipts the bureau signed, and
// the template packages the bureau offers.
//
// - sync_server: one row at most, written by `connect`. The clock columns keep the
//   last comparison of our clock with the server's (ServerInfo.time).
// - outbox: one row per package (by SHA-512, so the same bytes exported twice are
//   one entry). upload_url / upload_offset are the tus upload in flight, kept here
//   because tus-js-client keeps nothing in Node: a restart resumes mid-file.
//   'failed' is "failed, will retry" (next_attempt_at, last_error); 'rejected' is
//   final (quarantined, never retried); 'conflict' waits for the user.
// - sync_documents: receipts and rejections exactly as signed (json + minisig),
//   verified against the bureau key before they are stored.
// - sync_templates: template packages from the feed, verified, waiting to be installed.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'sync_outbox',
  sql: `
CREATE TABLE sync_server (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  url             TEXT NOT NULL,
  server_name     TEXT NOT NULL,
  bureau_key      TEXT NOT NULL, -- minisign "RW..." line
  bureau_key_id   TEXT NOT NULL,
  connected_at    TEXT NOT NULL,
  server_time     TEXT,          -- the server's clock at the last contact
  local_time      TEXT,          -- ours at the same moment
  last_seq        INTEGER NOT NULL DEFAULT 0, -- receipts fetched up to this sequence number
  templates_etag  TEXT,
  last_contact_at TEXT,
  last_error      TEXT
) STRICT;

CREATE TABLE outbox (
  sha512             TEXT PRIMARY KEY,
  bag_id             TEXT NOT NULL,
  file               TEXT NOT NULL, -- the copy under <dataDir>/outbox/, relative to the data folder
  size               INTEGER NOT NULL,
  assessment_id      TEXT,
  assessment_version INTEGER,
  state              TEXT NOT NULL CHECK (state IN ('queued', 'uploading', 'failed', 'received', 'conflict', 'rejected')),
  upload_url         TEXT,
  upload_offset      INTEGER NOT NULL DEFAULT 0,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TEXT,
  last_error         TEXT,
  reason             TEXT,          -- rejection reason code or conflict message
  added_at           TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_state ON outbox (state, next_attempt_at);

CREATE TABLE sync_documents (
  sha512      TEXT PRIMARY KEY,     -- the package the document is about
  kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'rejection')),
  bag_id      TEXT,                 -- receipts only
  seq         INTEGER NOT NULL,
  received    TEXT NOT NULL,        -- the server's clock
  json        TEXT NOT NULL,        -- the exact signed bytes
  minisig     TEXT NOT NULL,
  key_id      TEXT NOT NULL,        -- the bureau key that verified it
  via         TEXT NOT NULL,        -- 'upload' | 'import' (how the package reached the bureau)
  stored_at   TEXT NOT NULL
) STRICT;

CREATE TABLE sync_templates (
  sha512       TEXT PRIMARY KEY,
  template_id  TEXT NOT NULL,
  version      TEXT NOT NULL,
  size         INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  file         TEXT NOT NULL,       -- verified package under <dataDir>/sync/templates/
  key_id       TEXT NOT NULL,
  fetched_at   TEXT NOT NULL,
  installed_at TEXT
) STRICT;
`,
};
