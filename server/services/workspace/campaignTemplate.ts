// The template a campaign names, for what the server needs from it: the
// scoring thresholds (levels) and which points are 一票否决. The server reads
// the templates shipped with the program (seeds/); a campaign on a template
// the program does not ship gets no level (null), never a guessed one.
import { listSeedTemplateDirs, loadSeedTemplate } from '../../../bag/template/seedTemplate';
import { levelFor } from '../../../shared/status/score';
import type { Level } from '../../../shared/template/instrument';
import { allItems, type Template } from '../../../shared/template/schema';

let shipped: Map<string, Template> | null = null;

function shippedTemplates(): Map<string, Template> {
  if (!shipped) {
    shipped = new Map();
    for (const dir of listSeedTemplateDirs()) {
      const t = loadSeedTemplate(dir);
      shipped.set(`${t.id}@${t.version}`, t);
    }
  }
  return shipped;
}

export function campaignTemplate(templateId: string, version: string): Template | null {
  return shippedTemplates().get(`${templateId}@${version}`) ?? null;
}

/**
 * The level a review gives: the template's thresholds applied to the review
 * total, capped at 'fail' when the reviewer found a 一票否决 point not met
 * (the same rule as the school's self-score, shared/status/score.ts).
 */
export function reviewLevel(template: Template | null, total: number | null, points: readonly { code: string; status: string | null }[]): Level | null {
  if (!template?.scoring || total === null) return null;
  const veto = new Set(allItems(template).filter((i) => i.assess?.rule.kind === 'veto').map((i) => i.code));
  if (points.some((p) => veto.has(p.code) && p.status !== null && p.status !== 'met' && p.status !== 'not_applicable')) return 'fail';
  return levelFor(total, template);
}
