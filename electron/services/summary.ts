// Gathers what the shared status rules need and computes an assessment's summary.
// A frozen assessment answers with the summary stored when it was frozen (see assessments.ts).
import type { Assessment } from '../../shared/domain/assessment';
import type { AssessmentSummary } from '../../shared/domain/status';
import { computeSummary } from '../../shared/status/compute';
import type { AnswerService } from './answers';
import type { AssessmentService } from './assessments';
import type { ServiceContext } from './context';
import type { EvidenceService } from './evidence';
import type { EventService } from './events';
import type { ProfileService } from './profile';
import type { SettingsService } from './settings';
import type { TemplateService } from './templates';

/** The local calendar day of a moment, 'YYYY-MM-DD'. */
export function localIsoDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const JUDGE_EARLIER_SETTING = 'judgeMonthsBeforeStart';

export class SummaryService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly s: {
      assessments: AssessmentService;
      templates: TemplateService;
      profile: ProfileService;
      answers: AnswerService;
      evidence: EvidenceService;
      events: EventService;
      settings: SettingsService;
    },
  ) {}

  /**
   * The summary as of `asOf` (default today); for a frozen assessment, the one it was
   * frozen with, whatever `asOf` says.
   */
  compute(assessmentId: string, asOf?: string): AssessmentSummary {
    const a = this.s.assessments.get(assessmentId);
    if (!a.frozenAt) return this.live(a, asOf);
    const stored = this.s.assessments.frozenSummary(a.id);
    if (stored) return stored;
    // Frozen before summaries were stored: today's figures are fixed now, so they stop moving.
    const fixed = this.live(a);
    this.s.assessments.storeMissingFrozenSummary(a.id, fixed);
    return fixed;
  }

  /**
   * Units of an event rule due before the school began this assessment (the first
   * version's creation day) are not failed for lacking events, unless the school
   * chose to record earlier months (setting JUDGE_EARLIER_SETTING = 1).
   */
  judgeFrom(a: Assessment): string {
    if (this.s.settings.getNumber(JUDGE_EARLIER_SETTING, 0) === 1) return a.startDate;
    let first = a;
    for (let i = 0; first.replacesId && i < 1000; i++) first = this.s.assessments.get(first.replacesId);
    const created = localIsoDate(new Date(first.createdAt));
    return created < a.startDate ? a.startDate : created;
  }

  /** The summary from the current answers, evidence, events and profile. */
  live(a: Assessment, asOf?: string): AssessmentSummary {
    return computeSummary(
      {
        template: this.s.templates.get(a.templateId, a.templateVersion),
        profile: this.s.profile.get(),
        assessment: { id: a.id, startDate: a.startDate, endDate: a.endDate, periodKind: a.periodKind, judgeFrom: this.judgeFrom(a) },
        answers: this.s.answers.values(a.id),
        evidenceIds: this.s.evidence.idsByItem(a.id),
        events: this.s.events.facts(),
        asOf: asOf ?? localIsoDate(this.ctx.now()),
      },
      this.ctx.now(),
    );
  }
}
