// `selfcheck server export --data-dir B --campaign ID --out FILE.xlsx`: the
// campaign's workbook (roster and status, score matrix, reviews, 整改), all
// schools. Written to a temp name beside FILE and renamed when complete, so
// a half-written file never carries the final name.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, basename } from 'node:path';
import { finished } from 'node:stream/promises';
import { databaseUrlFrom, openServer } from '../services/context';
import { writeCampaignXlsx } from '../services/workspace/exportXlsx';
import { indexMissingReports } from '../services/workspace/reportIndex';
import { parse, required, type Io } from './args';

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, database: { type: 'string' }, campaign: { type: 'string' }, out: { type: 'string' } });
  const campaign = required(values.campaign, 'campaign');
  const out = resolve(required(values.out, 'out'));
  const ctx = await openServer({ dataDir: resolve(required(values['data-dir'], 'data-dir')), databaseUrl: databaseUrlFrom(values.database) });
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  try {
    await indexMissingReports(ctx, { limit: 5000, log: (e) => io.err(JSON.stringify(e)) });
    const file = createWriteStream(temp);
    let counts;
    try {
      counts = await writeCampaignXlsx(ctx, campaign, null, file);
    } finally {
      file.end();
      await finished(file);
    }
    await rename(temp, out);
    io.out(out);
    io.out(`schools ${counts.schools}, points ${counts.points}, reviews ${counts.reviews}, points to rectify ${counts.rectify}; ${counts.reported} schools with a report`);
    return 0;
  } finally {
    await rm(temp, { force: true });
    await ctx.store.close();
  }
}
