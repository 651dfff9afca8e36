// Frozen assessments keep the figures they were exported with, and an export that
// froze an assessment may thaw it again when no package came of it.
//
// - assessments.frozen_summary: the AssessmentSummary (JSON) computed when the
//   assessment was frozen. Events, evidence, the profile and the calendar go on
//   changing; what was signed does not (see services/summary.ts).
// - export_freezes: one row while an export that froze the assessment is running.
//   Only then may frozen_at go back to NULL (the write failed or was cancelled);
//   once the package exists the export deletes its row and the freeze is final.
// - The trigger keeps every other column of a frozen row unchanged, as before, and
//   lets an assessment frozen before this migration get its summary stored once.
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'frozen_summary',
  sql: `
ALTER TABLE assessments ADD COLUMN frozen_summary TEXT; -- JSON AssessmentSummary; NULL while not frozen

CREATE TABLE export_freezes (
  assessment_id TEXT PRIMARY KEY REFERENCES assessments (id),
  frozen_at     TEXT NOT NULL -- the frozen_at this export wrote
) STRICT;

DROP TRIGGER assessments_stay_frozen;
CREATE TRIGGER assessments_stay_frozen BEFORE UPDATE ON assessments
WHEN OLD.frozen_at IS NOT NULL AND NOT (
  NEW.id IS OLD.id AND NEW.template_id IS OLD.template_id AND NEW.template_version IS OLD.template_version
  AND NEW.period_kind IS OLD.period_kind AND NEW.label IS OLD.label AND NEW.start_date IS OLD.start_date
  AND NEW.end_date IS OLD.end_date AND NEW.created_at IS OLD.created_at AND NEW.replaces_id IS OLD.replaces_id
  AND NEW.version IS OLD.version
  AND (
    -- thawed by the export that froze it
    (NEW.frozen_at IS NULL AND NEW.frozen_summary IS NULL
      AND EXISTS (SELECT 1 FROM export_freezes x WHERE x.assessment_id = OLD.id AND x.frozen_at = OLD.frozen_at))
    -- frozen before this migration: its summary is stored once
    OR (OLD.frozen_summary IS NULL AND NEW.frozen_summary IS NOT NULL AND NEW.frozen_at IS OLD.frozen_at)
  )
)
BEGIN SELECT RAISE(ABORT, 'assessment is frozen'); END;
`,
};
