// A reviewer or viewer may be limited to some schools or counties
// (WorkspaceUser.scope; null = all). Every query that returns school data
// adds this condition, so a school outside the scope never leaves the server.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../../../shared/bureau/api';
import { ServerError } from '../errors';

/** A SQL condition on a school code column and a county column; TRUE without a scope. */
export function scopeCondition(scope: Scope, codeColumn: string, countyColumn: string): RawBuilder<SqlBool> {
  if (scope === null) return sql<SqlBool>`1 = 1`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.schools.length > 0) parts.push(sql`${sql.ref(codeColumn)} in (${sql.join(scope.schools)})`);
  if (scope.counties.length > 0) parts.push(sql`${sql.ref(countyColumn)} in (${sql.join(scope.counties)})`);
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export const inScope = (scope: Scope, code: string, county: string | null): boolean =>
  scope === null || scope.schools.includes(code) || (county !== null && scope.counties.includes(county));

export const outOfScope = (): ServerError => new ServerError('forbidden', 403, 'this school is outside the schools you may see');
