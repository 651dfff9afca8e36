// Texts of the accessibility work (issue 13): the Undo shortcut's label and the chart's words
// (one definition in shared/chart/texts.ts, also used by report.html).
import { chartTexts } from '../chart/texts';

export const a11yMessages = {
  'zh-CN': { a11y: { undoKey: 'Ctrl+Z' }, chart: chartTexts['zh-CN'] },
  en: { a11y: { undoKey: 'Ctrl+Z' }, chart: chartTexts.en },
};
