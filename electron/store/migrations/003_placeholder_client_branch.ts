// PLACEHOLDER on branch `client` only: migration 003 belongs to another branch, and
// the runner needs an unbroken 1..N list. At merge, drop this file and its line in
// index.ts in favour of the real 003; 004_sync_outbox does not depend on it.
import type { Migration } from './types';

export const migration003: Migration = { version: 3, name: 'placeholder_client_branch', sql: '' };
