// The v2 instrument's self-score on the dashboard: total, level (with the veto
// cap and its reason), points lost per aspect and the empty review column the
// bureau fills. Nothing shows for a v1 checklist, which has no score.
import { useMemo } from 'react';
import type { AnswerValue } from '../../shared/domain/answer';
import { scoreAssessment, ScoreError, type ScoreResult } from '../../shared/status/score';
import { useAssessment } from '../store/assessment';
import { useSession } from '../store/session';
import { useT } from '../i18n/setup';
import { formatNumber, pick } from '../logic/format';

export function ScoreCard() {
  const { t, locale } = useT();
  const { template, summary, answers } = useAssessment();
  const profile = useSession((s) => s.profile);
  const result = useMemo((): ScoreResult | null => {
    if (!template?.scoring || !summary) return null;
    const values: Record<string, AnswerValue | null> = Object.fromEntries(Object.values(answers).map((a) => [a.itemCode, a.value]));
    try {
      return scoreAssessment({ template, profile, statuses: summary.items, answers: values });
    } catch (e) {
      if (e instanceof ScoreError) return null; // a template without scored points for this school: nothing to show
      throw e;
    }
  }, [template, summary, answers, profile]);
  if (!template || !result) return null;

  const n = (x: number) => formatNumber(x, locale, { maximumFractionDigits: 1 });
  const capped = result.vetoFailed.length > 0;
  return (
    <section className={capped ? 'card card-alert' : 'card'} aria-labelledby="score-title" data-testid="score-card">
      <h2 id="score-title">{t('score.title')}</h2>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat-label">{t('score.total')}</div>
          <div className="stat-value" data-testid="score-total">{n(result.total)}</div>
          <div className="stat-note">{t('score.outOf', { max: result.max })}</div>
        </div>
        <div className="stat">
          <div className="stat-label">{t('score.level')}</div>
          <div className="stat-value" data-testid="score-level">{t(`score.levels.${result.level}`)}</div>
          {capped && result.scoreLevel !== result.level && <div className="stat-note">{t('score.byScore', { level: t(`score.levels.${result.scoreLevel}`) })}</div>}
        </div>
      </div>
      {capped && <p role="alert">{t('score.vetoCap', { codes: result.vetoFailed.join(t('list.sep')) })}</p>}
      {result.unanswered.length > 0 && <p className="muted">{t('score.unanswered', { n: result.unanswered.length })}</p>}
      <table className="area-table">
        <thead>
          <tr>
            <th scope="col">{t('score.aspect')}</th>
            <th scope="col" className="num">{t('score.max')}</th>
            <th scope="col" className="num">{t('score.self')}</th>
            <th scope="col" className="num">{t('score.lost')}</th>
            <th scope="col" className="num">{t('score.review')}</th>
          </tr>
        </thead>
        <tbody>
          {result.aspects.map((a) => {
            const area = template.areas.find((x) => x.code === a.areaCode);
            return (
              <tr key={a.areaCode}>
                <th scope="row">{area ? pick(area.title, locale) : a.areaCode}</th>
                <td className="num">{n(a.max)}</td>
                <td className="num">{n(a.self)}</td>
                <td className="num">{n(a.lost)}</td>
                <td className="num muted">{t('score.reviewPending')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
