// The Word-friendly summary (issue 8 §3): one plain HTML document with the overall
// figures and the per-area table, made to be opened in a browser, selected and
// pasted into WPS or Word with the table intact.
//
// Why clean HTML and not .docx: no docx library is installed here, and writing
// OOXML by hand is a file format of its own to get right; WPS and Word both keep
// a plain <table> with borders set as inline attributes and styles (they drop
// stylesheet classes on paste), and the same file also opens and prints anywhere.
// So: inline styles only, border="1", no scripts, no images, no classes.
import type { Locale } from '../domain/settings';
import type { AssessmentSummary } from '../domain/status';
import type { Template } from '../template/schema';
import { escapeXml as e } from './xml';

const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    title: '学校自评摘要', school: '学校', period: '评估周期', area: '领域', total: '适用项目', answered: '已填写', met: '达标',
    partly: '部分达标', notMet: '未达标', progress: '填写进度', compliance: '达标率', overall: '合计', failedKey: '未达标的一票否决项目', none: '无',
  },
  en: {
    title: 'Self-assessment summary', school: 'School', period: 'Period', area: 'Area', total: 'Applicable', answered: 'Answered', met: 'Met',
    partly: 'Partly met', notMet: 'Not met', progress: 'Progress', compliance: 'Compliance', overall: 'Total', failedKey: 'Key items not met', none: 'none',
  },
};

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const CELL = 'border:1px solid #000;padding:4px 6px;';

export function wordSummaryHtml(input: { locale: Locale; schoolName: string; periodLabel: string; template: Template; summary: AssessmentSummary }): string {
  const w = WORDS[input.locale];
  const pick = (t: Record<string, string>): string => t[input.locale] ?? t['zh-CN'] ?? '';
  const row = (label: string, f: AssessmentSummary['overall'], bold = false): string => {
    const cells = [label, String(f.total), String(f.answered), String(f.met), String(f.partlyMet), String(f.notMet), pct(f.progress), pct(f.compliance)];
    return `<tr>${cells.map((c, i) => `<td style="${CELL}${i > 0 ? 'text-align:right;' : ''}${bold ? 'font-weight:bold;' : ''}">${e(c)}</td>`).join('')}</tr>`;
  };
  const areaRows = input.template.areas
    .map((area) => {
      const f = input.summary.areas.find((a) => a.areaCode === area.code);
      return f && f.total > 0 ? row(pick(area.title), f) : '';
    })
    .join('\n');
  const head = [w.area, w.total, w.answered, w.met, w.partly, w.notMet, w.progress, w.compliance]
    .map((h) => `<th style="${CELL}background:#eeeeee;">${e(h ?? '')}</th>`)
    .join('');
  const failed = input.summary.failedKeyItems;
  return `<!doctype html>
<html lang="${e(input.locale)}"><head><meta charset="utf-8"><title>${e(`${w.title} · ${input.schoolName}`)}</title></head>
<body style="font-family:SimSun,'Noto Serif CJK SC',serif;font-size:12pt;">
<h1 style="font-size:16pt;">${e(w.title ?? '')}</h1>
<p>${e(w.school ?? '')}：${e(input.schoolName)}<br>${e(w.period ?? '')}：${e(input.periodLabel)}</p>
<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;">
<thead><tr>${head}</tr></thead>
<tbody>
${areaRows}
${row(w.overall ?? '', input.summary.overall, true)}
</tbody></table>
<p>${e(w.failedKey ?? '')}：${e(failed.length ? failed.join('、') : (w.none ?? ''))}</p>
</body></html>
`;
}
