// `selfcheck server campaign add --data-dir B --label TEXT --template ID@VERSION --deadline YYYY-MM-DD --roster FILE.xlsx|FILE.csv`
// `selfcheck server campaign list --data-dir B [--json]`
// The campaign id goes to stdout first on its line, so scripts can take it
// with `cut -d' ' -f1`; problems in roster rows are warnings on stderr.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { NewCampaignRequest } from '../../shared/bureau/api';
import { databaseUrlFrom, openServer } from '../services/context';
import { ServerError } from '../services/errors';
import { createCampaign, isCalendarDate, listCampaigns } from '../services/workspace/campaigns';
import { MAX_ROSTER_BYTES, parseRoster } from '../services/workspace/roster';
import { parse, required, UsageError, type Io } from './args';

const USAGE = `usage:
  selfcheck server campaign add  --data-dir B --label TEXT --template ID@VERSION --deadline YYYY-MM-DD --roster FILE.xlsx|FILE.csv
  selfcheck server campaign list --data-dir B [--json]`;

export async function campaignCommand(argv: string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'add') return add(rest, io);
  if (verb === 'list') return list(rest, io);
  throw new UsageError(USAGE);
}

async function add(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    label: { type: 'string' },
    template: { type: 'string' },
    deadline: { type: 'string' },
    roster: { type: 'string' },
  });
  const dataDir = resolve(required(values['data-dir'], 'data-dir'));
  const request = { label: required(values.label, 'label'), template: required(values.template, 'template'), deadline: required(values.deadline, 'deadline') };
  const parsed = NewCampaignRequest.safeParse(request);
  if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0] ?? 'label')}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (!isCalendarDate(request.deadline)) throw new UsageError(`--deadline ${request.deadline} is not a date (YYYY-MM-DD)`);
  const rosterFile = resolve(required(values.roster, 'roster'));
  if (statSync(rosterFile).size > MAX_ROSTER_BYTES) throw new ServerError('too_large', 413, `${rosterFile} is over ${MAX_ROSTER_BYTES / 1024 / 1024} MB`);
  // Read the roster before opening the database: a refused file leaves nothing behind.
  const roster = await parseRoster(readFileSync(rosterFile), basename(rosterFile));
  const ctx = await openServer({ dataDir, databaseUrl: databaseUrlFrom(values.database) });
  try {
    const { summary, templateUnpublished } = await createCampaign(ctx, parsed.data, null, roster);
    for (const p of roster.problems) io.err(`warning: ${basename(rosterFile)} row ${p.row}: ${p.message}`);
    if (templateUnpublished) io.err(`warning: template ${request.template} is not published on this server yet; publish it with \`selfcheck server templates add\` so schools can fetch it`);
    io.out(`${summary.id} ${summary.label}: ${summary.schools} schools, template ${summary.templateId}@${summary.templateVersion}, deadline ${summary.deadline}`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}

async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, database: { type: 'string' }, json: { type: 'boolean' } });
  const ctx = await openServer({ dataDir: resolve(required(values['data-dir'], 'data-dir')), databaseUrl: databaseUrlFrom(values.database) });
  try {
    const campaigns = await listCampaigns(ctx, null);
    if (values.json) {
      io.out(JSON.stringify(campaigns, null, 2));
      return 0;
    }
    if (campaigns.length === 0) io.err('no campaigns yet; add one with `selfcheck server campaign add`');
    for (const c of campaigns)
      io.out(`${c.id}  ${c.label}  ${c.templateId}@${c.templateVersion}  deadline ${c.deadline}  schools ${c.schools}  submitted ${c.submitted} (on time ${c.onTime}, late ${c.late})  rejected ${c.rejected}  missing ${c.missing}`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}
