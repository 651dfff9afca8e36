// The score block of report.json (format version 2) and its section in
// report.html: a v2 instrument's self-score, level, veto cap, points lost per
// aspect, adjustments with their reasons, and the review column the bureau
// fills later (null until then). v1 reports have no score block.
import { z } from 'zod';
import type { Answer } from '../domain/answer';
import type { SchoolProfile } from '../domain/profile';
import type { AssessmentSummary } from '../domain/status';
import type { Locale } from '../domain/settings';
import { instrumentMessages } from '../i18n/instrument';
import { scoreAssessment } from '../status/score';
import { Level } from '../template/instrument';
import type { Template } from '../template/schema';

const Points = z.number().min(0).max(100);

export const ReportScore = z.object({
  total: Points,
  max: z.literal(100),
  level: Level,
  /** The level by score alone, before the veto cap. */
  scoreLevel: Level,
  vetoFailed: z.array(z.string()),
  unanswered: z.array(z.string()),
  aspects: z.array(z.object({ areaCode: z.string(), title: z.string(), max: Points, self: Points, lost: Points, review: Points.nullable() })),
  points: z.array(
    z.object({
      code: z.string(),
      max: Points,
      computed: Points,
      self: Points,
      adjustment: z.object({ points: Points, reason: z.string() }).nullable(),
      /** 复核分: the bureau's review score, null until it reviews. */
      review: Points.nullable(),
    }),
  ),
  /** The bureau's review total and level, null until it reviews. */
  review: z.object({ total: Points, level: Level }).nullable(),
});
export type ReportScore = z.infer<typeof ReportScore>;

export function buildReportScore(
  template: Template,
  profile: SchoolProfile,
  summary: AssessmentSummary,
  answers: readonly Answer[],
  locale: Locale,
): ReportScore | undefined {
  if (!template.scoring) return undefined;
  const r = scoreAssessment({
    template,
    profile,
    statuses: summary.items,
    answers: Object.fromEntries(answers.map((a) => [a.itemCode, a.value])),
  });
  return {
    total: r.total,
    max: 100,
    level: r.level,
    scoreLevel: r.scoreLevel,
    vetoFailed: r.vetoFailed,
    unanswered: r.unanswered,
    aspects: r.aspects.map((a) => ({ ...a, title: template.areas.find((x) => x.code === a.areaCode)?.title[locale] ?? a.areaCode, review: null })),
    points: r.points.map((p) => ({ code: p.code, max: p.max, computed: p.computed, self: p.self, adjustment: p.adjustment, review: null })),
    review: null,
  };
}

const fill = (s: string, params: Record<string, string | number>): string => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

/** The report.html section; `e` escapes HTML. */
export function renderScoreSection(score: ReportScore, locale: Locale, e: (s: string) => string): string {
  const t = instrumentMessages[locale].score;
  const n = (x: number) => x.toFixed(1).replace(/\.0$/, '');
  const capped = score.vetoFailed.length > 0;
  const [open, close] = locale === 'zh-CN' ? ['（', '）'] : [' (', ')'];
  const rows = score.aspects
    .map((a) => `<tr><td>${e(a.title)}</td><td class="num">${n(a.max)}</td><td class="num">${n(a.self)}</td><td class="num">${n(a.lost)}</td><td class="num muted">${a.review === null ? e(t.reviewPending) : n(a.review)}</td></tr>`)
    .join('');
  const adjusted = score.points
    .filter((p) => p.adjustment)
    .map((p) => `<li><span class="code">${e(p.code)}</span> ${e(fill(t.adjusted, { points: n(p.self), computed: n(p.computed), reason: p.adjustment?.reason ?? '' }))}</li>`)
    .join('');
  return `<section id="score"><h2>${e(t.title)}</h2>
<p><strong>${e(t.total)}${e(t.labelSep)}${n(score.total)}</strong>${e(open)}${e(fill(t.outOf, { max: score.max }))}${e(close)} · <strong>${e(t.level)}${e(t.labelSep)}${e(t.levels[score.level])}</strong>${capped && score.scoreLevel !== score.level ? `${e(open)}${e(fill(t.byScore, { level: t.levels[score.scoreLevel] }))}${e(close)}` : ''}</p>
${capped ? `<p class="alert">${e(fill(t.vetoCap, { codes: score.vetoFailed.join(', ') }))}</p>` : ''}
${score.unanswered.length ? `<p class="muted">${e(fill(t.unanswered, { n: score.unanswered.length }))}</p>` : ''}
<table><thead><tr><th>${e(t.aspect)}</th><th>${e(t.max)}</th><th>${e(t.self)}</th><th>${e(t.lost)}</th><th>${e(t.review)}</th></tr></thead><tbody>${rows}</tbody></table>
${adjusted ? `<ul>${adjusted}</ul>` : ''}</section>`;
}
