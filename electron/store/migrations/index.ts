// The ordered list of schema migrations. Add a file NNN_name.ts and append it here;
// never change or reorder a migration that has shipped.
import type { Migration } from './types';
import { migration001 } from './001_initial';
import { migration002 } from './002_frozen_summary';
import { migration003 } from './003_frozen_packages';
import { migration004 } from './004_sync_outbox';
import { migration005 } from './005_reviews';

export type { Migration } from './types';
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
