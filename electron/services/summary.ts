// Gathers what the shared status rules need and computes an assessment's summary.
import type { AssessmentSummary } from '../../shared/domain/status';
import { computeSummary } from '../../shared/status/compute';
import type { AnswerService } from './answers';
import type { AssessmentService } from './assessments';
import type { ServiceContext } from './context';
import type { EvidenceService } from './evidence';
import type { EventService } from './events';
import type { ProfileService } from './profile';
import type { TemplateService } from './templates';

/** The local calendar day of a moment, 'YYYY-MM-DD'. */
export function localIsoDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

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
    },
  ) {}

  compute(assessmentId: string, asOf?: string): AssessmentSummary {
    const a = this.s.assessments.get(assessmentId);
    return computeSummary(
      {
        template: this.s.templates.get(a.templateId, a.templateVersion),
        profile: this.s.profile.get(),
        assessment: { id: a.id, startDate: a.startDate, endDate: a.endDate, periodKind: a.periodKind },
        answers: this.s.answers.values(a.id),
        evidenceCounts: this.s.evidence.countsByItem(a.id),
        events: this.s.events.facts(),
        asOf: asOf ?? localIsoDate(this.ctx.now()),
      },
      this.ctx.now(),
    );
  }
}
