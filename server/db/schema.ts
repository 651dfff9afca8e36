// The server database's tables as kysely sees them. Times are ISO-8601 text
// (sortable, the same on both engines); sizes are bigint in PostgreSQL, read
// back as numbers (see connect.ts). Package bytes are never stored here: only
// their SHA-512, which names the file in the blob folder.
export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: string;
}

export interface SchoolsTable {
  code: string;
  name: string;
  enrolled_at: string;
}

export interface SchoolKeysTable {
  key_id: string;
  school_code: string;
  public_key: string;
  /** 'active' keys may log in and sign; a rotation retires the old key. */
  status: 'active' | 'retired';
  source: 'sheet' | 'command-line' | 'rotation';
  enrolled_at: string;
}

export interface ChallengesTable {
  id: string;
  school_code: string;
  key_id: string;
  challenge: string;
  expires_at: string;
  used_at: string | null;
}

export interface TokensTable {
  /** SHA-256 of the bearer token: a copy of the database cannot log in. */
  token_hash: string;
  school_code: string;
  key_id: string;
  expires_at: string;
}

export interface UploadsTable {
  id: string;
  school_code: string;
  declared_size: number;
  created_at: string;
}

export interface PackagesTable {
  sha512: string;
  bag_id: string;
  school_code: string;
  size: number;
  stored_at: string;
}

export interface DocumentsTable {
  seq: number;
  kind: 'receipt' | 'rejection';
  sha512: string;
  bag_id: string | null;
  school_code: string | null;
  json: string;
  minisig: string;
  created_at: string;
}

/** One row (id 1): the receipt chain's head. Updating it first in a transaction serialises issuing across processes. */
export interface ChainTable {
  id: number;
  seq: number;
  last_hash: string | null;
}

export interface TemplatesTable {
  sha512: string;
  template_id: string;
  version: string;
  size: number;
  published_at: string;
}

export interface Database {
  server_migrations: MigrationsTable;
  schools: SchoolsTable;
  school_keys: SchoolKeysTable;
  challenges: ChallengesTable;
  tokens: TokensTable;
  uploads: UploadsTable;
  packages: PackagesTable;
  documents: DocumentsTable;
  chain: ChainTable;
  templates: TemplatesTable;
}
