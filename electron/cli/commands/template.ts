// `selfcheck template summary [--json] [--seed DIR]`: what each shipped
// template asks of each school type (points, score total, key items, evidence
// files and event entries a year), for a bureau deciding what to adopt.
import { resolve } from 'node:path';
import { summarizeInstrument, type InstrumentSummary } from '../../../shared/status/instrumentSummary';
import { listSeedTemplateDirs, loadSeedTemplate } from '../../../bag/template/seedTemplate';
import { UsageError, parseFlags, type CliCommand, type CliIo } from '../command';

function table(rows: InstrumentSummary[], io: CliIo): void {
  const head = ['template', 'version', 'school type', 'points', 'range', 'total', 'evidence/yr', 'events/yr', 'key items'];
  const cells = rows.map((r) => [
    r.template,
    r.version,
    r.schoolType,
    String(r.points),
    `${r.pointsRange[0]}–${r.pointsRange[1]}`,
    r.total === null ? '(not scored)' : String(r.total),
    String(r.evidenceFiles),
    String(r.eventEntries),
    r.keyItems.join(',') || '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!))).join('  ');
  io.out(line(head));
  for (const c of cells) io.out(line(c));
}

export const templateCommand: CliCommand = {
  name: 'template',
  summary: 'describe the shipped checklist templates (template summary [--json])',
  usage: `Usage: selfcheck template summary [--json] [--seed DIR]

  summary     per template and school type: points (for a typical public day
              school with a canteen; range over profiles), score total, key
              (veto) items, expected evidence files and event entries a year
  --json      one JSON array, one object per template and school type
  --seed DIR  only this template folder (template.meta.json + areas/)`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, seed: { type: 'string' } }, true);
    if (positionals.length !== 1 || positionals[0] !== 'summary') throw new UsageError('expected the subcommand "summary"');
    const dirs = values.seed ? [resolve(values.seed)] : listSeedTemplateDirs();
    const rows = dirs.flatMap((d) => summarizeInstrument(loadSeedTemplate(d)));
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else table(rows, io);
    return 0;
  },
};
