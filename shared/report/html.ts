// data/report.html: the report for people, in the report's language. One
// self-contained file: inline CSS (A4 when printed), an inline SVG chart, no
// scripts (and a CSP that forbids them), links to the evidence as relative
// paths inside the package. Every text from the template or the school is
// escaped: rendered as text, never as HTML.
import { renderScoreSection } from './score';
import type { Figures, ReportFile, ReportItem, ReportJson } from './schema';
import { interpolate, reportTexts } from './messages';
import { CHART_CSS, areaChartHtml } from './chart';
import { escapeXml } from './xml';
import { labelSections } from './landmarks';
import { PRINT_CSS, localTimeWithZone, signatureBlock } from './printParts';

export const escapeHtml = escapeXml;

/** A link from data/report.html to data/evidence/...: relative, each segment percent-encoded. */
export const evidenceHref = (bagPath: string): string => bagPath.replace(/^data\//, '').split('/').map(encodeURIComponent).join('/');

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 190mm; line-height: 1.45; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1.5px solid #333; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; }
dl.meta dt { color: #555; }
dl.meta dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; }
th, td { border: 0.5px solid #999; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
.code { font-family: monospace; white-space: nowrap; }
td.answer { min-width: 24mm; }
.status { white-space: nowrap; font-weight: 600; padding: 0 1.5mm; border-radius: 2px; }
.s-met { background: #d9f2dc; color: #135b1c; }
.s-partly_met { background: #fff0c2; color: #6b4d00; }
.s-not_met { background: #fbd5d5; color: #8a1111; }
.s-not_applicable { background: #e8e8e8; color: #444; }
.s-unanswered { background: #fff; color: #8a1111; border: 0.5px dashed #8a1111; }
.tag { font-size: 8.5pt; border: 0.5px solid #666; padding: 0 1mm; margin-left: 1mm; white-space: nowrap; }
.muted { color: #666; }
.key { font-family: monospace; word-break: break-all; }
ul.files { margin: 0; padding-left: 4mm; }
a { color: #0b4f9c; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 0.5px solid #999; padding-top: 2mm; }
svg { max-width: 100%; height: auto; }
@media print { a { color: inherit; text-decoration: none; } }
`;

export function renderReportHtml(r: ReportJson): string {
  const t = reportTexts[r.language];
  const e = escapeHtml;
  const status = (s: ReportItem['status']): string => `<span class="status s-${s}">${e(t[`status_${s}`])}</span>`;
  const fileLinks = (files: ReportFile[]): string =>
    files.length === 0
      ? `<span class="muted">${e(t.noEvidence)}</span>`
      : `<ul class="files">${files.map((f) => `<li><a href="${e(evidenceHref(f.path))}">${e(f.originalName)}</a></li>`).join('')}</ul>`;

  const head = `<!doctype html>
<html lang="${e(r.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${t.title} · ${r.school.name} · ${r.assessment.label}`)}</title>
<style>${CSS}${CHART_CSS}${PRINT_CSS}</style></head><body>`;

  const a = r.assessment;
  const meta = `<header><h1>${e(t.title)}</h1><dl class="meta">
<dt>${e(t.school)}</dt><dd>${e(r.school.name)}</dd>
<dt>${e(t.code)}</dt><dd class="code">${e(r.school.code)}</dd>
<dt>${e(t.county)}</dt><dd>${e(r.school.county)}</dd>
<dt>${e(t.type)}</dt><dd>${e(t.schoolTypes[r.school.type])}</dd>
<dt>${e(t.scale)}</dt><dd>${e(interpolate(t.counts, r.school.counts))}</dd>
<dt>${e(t.period)}</dt><dd>${e(a.label)} (${e(a.startDate)} – ${e(a.endDate)}), ${e(interpolate(t.version, { version: a.version }))}${a.replaces ? `, ${e(interpolate(t.replaces, { version: a.version - 1, id: a.replaces }))}` : ''}</dd>
<dt>${e(t.template)}</dt><dd>${e(a.template.title[r.language])} <span class="code">${e(a.template.id)}@${e(a.template.version)}</span></dd>
<dt>${e(t.generatedAt)}</dt><dd>${e(localTimeWithZone(r.generatedAt))}</dd>
<dt>${e(t.signer)}</dt><dd><span class="code">${e(r.signer.keyId)}</span><br><span class="key muted">${e(r.signer.publicKey)}</span></dd>
</dl></header>`;

  const overall = `<section><h2>${e(t.overall)}</h2>${figuresTable(r.overall, t)}
<p>${e(t.failedKeyItems)}: ${r.failedKeyItems.length ? r.failedKeyItems.map((c) => `<span class="code">${e(c)}</span>`).join(', ') : e(t.none)}</p>
<h3>${e(t.chartTitle)}</h3>${areaChartHtml(r.areas, r.language)}</section>`;

  const areas = r.areas
    .filter((area) => area.total > 0) // an area with nothing that applies (kindergarten items at a primary school) is not this school's
    .map((area) => {
      const rows = r.items
        .filter((i) => i.areaCode === area.areaCode)
        .map((i) => {
          const tags = `${i.key ? `<span class="tag">${e(t.keyItem)}</span>` : ''}${i.confidential ? `<span class="tag">${e(t.confidentialShort)}</span>` : ''}`;
          const reasons = i.confidential ? `<span class="muted">${e(t.confidential)}</span>` : i.reasons.map((x) => e(x.text)).join('<br>');
          const answer = i.confidential ? '' : `${i.valueText !== undefined ? e(i.valueText) : ''}${i.note ? `<br><span class="muted">${e(i.note)}</span>` : ''}`;
          const counts = [
            i.eventRequired !== undefined ? interpolate(t.events_count, { have: i.eventCount ?? 0, need: i.eventRequired }) : '',
            i.evidenceRequired > 0 ? interpolate(t.evidence_count, { have: i.evidenceCount, need: i.evidenceRequired }) : '',
          ].filter(Boolean);
          return `<tr><td class="code">${e(i.code)}</td><td>${e(i.title)}${tags}</td><td>${status(i.status)}</td><td class="answer">${answer}</td><td>${reasons}${counts.length ? `<br><span class="muted">${e(counts.join('; '))}</span>` : ''}</td><td>${i.confidential ? '' : fileLinks(i.evidence)}</td></tr>`;
        })
        .join('\n');
      return `<section><h2>${e(area.title)}</h2><p class="muted">${e(`${t.figures.compliance} ${pct(area.compliance)} · ${t.figures.progress} ${pct(area.progress)} · ${t.figures.met} ${area.met}/${area.total}`)}</p>
<table><thead><tr><th colspan="2">${e(t.item)}</th><th>${e(t.status)}</th><th>${e(t.value)}</th><th>${e(t.reasons)}</th><th>${e(t.evidence)}</th></tr></thead><tbody>
${rows}</tbody></table></section>`;
    })
    .join('\n');

  const events = r.events.length
    ? `<section><h2>${e(t.events)}</h2><table><thead><tr><th>${e(t.date)}</th><th>${e(t.kind)}</th><th>${e(t.item)}</th><th class="num">${e(t.participants)}</th><th>${e(t.evidence)}</th></tr></thead><tbody>
${r.events.map((ev) => `<tr><td class="code">${e(ev.date)}</td><td>${e(ev.kindLabel)}</td><td>${e(ev.title)}</td><td class="num">${ev.participants ?? ''}</td><td>${fileLinks(ev.evidence)}</td></tr>`).join('\n')}
</tbody></table></section>`
    : '';

  const rect = r.rectification;
  const rectification = rect
    ? `<section><h2>${e(t.rectification)}</h2><p>${e(interpolate(t.rectificationIntro, { review: rect.review, sha: rect.reviewSha512.slice(0, 16) }))}</p>
<table><thead><tr><th>${e(t.item)}</th><th>${e(t.measures)}</th><th>${e(t.responsible)}</th><th>${e(t.deadline)}</th><th>${e(t.status)}</th><th>${e(t.evidence)}</th></tr></thead><tbody>
${rect.items.map((x) => `<tr><td class="code">${e(x.code)}</td><td>${e(x.measures)}</td><td>${e(x.responsible)}</td><td class="code">${e(x.deadline ?? '')}</td><td>${e(t[`rectStatus_${x.status}`])}</td><td>${fileLinks(x.evidence)}</td></tr>`).join('\n')}
</tbody></table></section>`
    : '';

  const index = evidenceIndex(r);
  const indexHtml = `<section><h2>${e(t.evidenceIndex)}</h2>${
    index.length === 0
      ? `<p class="muted">${e(t.none)}</p>`
      : `<table><thead><tr><th>${e(t.file)}</th><th class="num">${e(t.size)}</th><th>${e(t.caption)}</th><th>${e(t.linkedTo)}</th></tr></thead><tbody>
${index.map((x) => `<tr><td><a href="${e(evidenceHref(x.file.path))}">${e(x.file.originalName)}</a><br><span class="code muted">${e(x.file.path.replace(/^data\//, ''))}</span></td><td class="num">${e(formatBytes(x.file.size))}</td><td>${e(x.file.caption)}</td><td class="code">${x.usedBy.map(e).join(', ')}</td></tr>`).join('\n')}
</tbody></table>`
  }</section>`;

  const footer = `<footer><p>${e(t.signerNote)}</p><p class="code">${e(t.verifyHint)}</p><p class="code">${e(r.bagId)}</p></footer>`;
  const score = r.score ? renderScoreSection(r.score, r.language, e) : '';
  return `${head}\n${meta}\n<main>\n${labelSections(`${score}\n${rectification}\n${overall}\n${areas}\n${events}\n${indexHtml}\n${signatureBlock(r.language)}`)}\n</main>\n${footer}\n</body></html>\n`;
}

function figuresTable(f: Figures, t: (typeof reportTexts)['en']): string {
  const cells: [string, string][] = [
    [t.figures.total, String(f.total)],
    [t.figures.answered, String(f.answered)],
    [t.figures.met, String(f.met)],
    [t.figures.partlyMet, String(f.partlyMet)],
    [t.figures.notMet, String(f.notMet)],
    [t.figures.notApplicable, String(f.notApplicable)],
    [t.figures.progress, pct(f.progress)],
    [t.figures.compliance, pct(f.compliance)],
  ];
  return `<table><thead><tr>${cells.map(([k]) => `<th class="num">${escapeHtml(k)}</th>`).join('')}</tr></thead><tbody><tr>${cells.map(([, v]) => `<td class="num">${escapeHtml(v)}</td>`).join('')}</tr></tbody></table>`;
}

/** Each file once, with the items (and event dates) that refer to it. */
function evidenceIndex(r: ReportJson): { file: ReportFile; usedBy: string[] }[] {
  const map = new Map<string, { file: ReportFile; usedBy: string[] }>();
  const add = (f: ReportFile, by: string): void => {
    const x = map.get(f.path) ?? { file: f, usedBy: [] };
    if (!x.usedBy.includes(by)) x.usedBy.push(by);
    map.set(f.path, x);
  };
  for (const i of r.items) for (const f of i.evidence) add(f, i.code);
  for (const ev of r.events) for (const f of ev.evidence) add(f, ev.date);
  for (const x of r.rectification?.items ?? []) for (const f of x.evidence) add(f, x.code);
  return [...map.values()].sort((x, y) => x.file.path.localeCompare(y.file.path));
}
