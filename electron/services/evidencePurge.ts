// Garbage collection of evidence: rows soft-deleted longer than the grace period are
// removed, then files no row references are deleted. A file any row (deleted or not)
// still names is never touched; neither is evidence of a frozen (exported) assessment,
// nor a file in a package an export kept (frozen_packages).
import type { EvidenceFileStore, SweepResult } from '../evidence/fileStore';
import type { ServiceContext } from './context';

export const PURGE_DAYS_SETTING = 'evidencePurgeDays';
export const DEFAULT_PURGE_DAYS = 30;

export interface PurgeResult extends SweepResult {
  rowsPurged: number;
}

export async function purgeEvidence(
  ctx: ServiceContext,
  store: EvidenceFileStore,
  options: { olderThanDays: number; tempMaxAgeMs: number },
): Promise<PurgeResult> {
  const cutoff = new Date(ctx.now().getTime() - options.olderThanDays * 86_400_000).toISOString();
  const rowsPurged = ctx.db
    .prepare(
      `DELETE FROM evidence_files WHERE deleted_at IS NOT NULL AND deleted_at <= ?
         AND id NOT IN (SELECT l.evidence_id FROM evidence_links l JOIN assessments a ON a.id = l.assessment_id
                        WHERE a.frozen_at IS NOT NULL)`,
    )
    .run(cutoff).changes;
  const named = ctx.db.prepare(
    'SELECT 1 FROM evidence_files WHERE sha256 = ? OR (source_sha256 = ? AND source_kept = 1) LIMIT 1',
  );
  // A file in a kept package (an event's photo too) stays, so that package can be written again byte for byte.
  const packaged = ctx.db.prepare(
    "SELECT 1 FROM frozen_packages p, json_each(p.evidence) e WHERE json_extract(e.value, '$.sha256') = ? LIMIT 1",
  );
  const sweep = await store.sweep((sha) => named.get(sha, sha) !== undefined || packaged.get(sha) !== undefined, options.tempMaxAgeMs);
  return { rowsPurged, ...sweep };
}
