// One click: the summary and per-area table as a clean HTML file that pastes into
// WPS or Word with its table intact (see shared/report/wordSummary.ts for why HTML).
import { wordSummaryHtml } from '../../../shared/report/wordSummary';
import { useT } from '../../i18n/setup';
import { useAssessment } from '../../store/assessment';
import { useSession } from '../../store/session';

export function WordSummaryButton() {
  const { t, locale } = useT();
  const { current, template, summary } = useAssessment();
  const profile = useSession((s) => s.profile);
  if (!current || !template || !summary || !profile) return null;
  const download = () => {
    const html = wordSummaryHtml({ locale, schoolName: profile.name, periodLabel: current.label, template, summary });
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${profile.name}-${current.label}-摘要.html`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <p>
      <button type="button" className="button" onClick={download}>
        {t('word.button')}
      </button>{' '}
      <span className="muted small">{t('word.note')}</span>
    </p>
  );
}
