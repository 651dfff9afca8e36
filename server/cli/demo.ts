// `selfcheck server demo --data-dir B [--schools N] [--database URL]`: a full
// workspace for a newcomer. Makes the data folder when it does not exist yet
// (as `server init` would), then fills it with a demo county
// (server/demo/county.ts) and prints the accounts to log in with.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataPaths } from '../config';
import { fillDemoCounty } from '../demo/county';
import { databaseUrlFrom, openServer } from '../services/context';
import { parse, required, UsageError, type Io } from './args';
import { DEFAULT_PORT, initCommand } from './init';

export const DEMO_DEFAULT_SCHOOLS = 150;
const MAX_SCHOOLS = 9999;

export async function demoCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, schools: { type: 'string' }, database: { type: 'string' } });
  const root = resolve(required(values['data-dir'], 'data-dir'));
  const n = values.schools === undefined ? DEMO_DEFAULT_SCHOOLS : Number(values.schools);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCHOOLS) throw new UsageError(`--schools ${values.schools ?? ''} is not a number of schools from 1 to ${MAX_SCHOOLS}`);
  if (!existsSync(dataPaths(root).config)) initCommand(['--data-dir', root, '--name', '湘西州演示教育局'], { out: () => undefined, err: () => undefined });
  const ctx = await openServer({ dataDir: root, databaseUrl: databaseUrlFrom(values.database) });
  try {
    const users = await ctx.store.db.selectFrom('users').select('name').limit(1).execute();
    const campaigns = await ctx.store.db.selectFrom('campaigns').select('id').limit(1).execute();
    if (users.length > 0 || campaigns.length > 0) throw new UsageError(`${root} already has accounts or campaigns; the demo fills a new data folder only (give a new --data-dir)`);
    const started = Date.now();
    const r = await fillDemoCounty(ctx, n, (line) => io.err(line));
    io.out(`demo county ready in ${((Date.now() - started) / 1000).toFixed(1)} s: campaign ${r.campaignId}`);
    io.out(`  ${r.schools} schools: ${r.received} received (${r.late} late), ${r.rejected} rejected, ${r.missing} missing`);
    io.out(`  reviews: ${r.reviews.draft} drafts, ${r.reviews.published} published, ${r.reviews.rectified} answered by a rectification report, ${r.reviews.closed} checked and closed`);
    io.out('accounts (demo passwords; make real ones with `selfcheck server user add`):');
    for (const u of r.users) io.out(`  ${u.role.padEnd(8)} ${u.name.padEnd(8)} ${u.password}`);
    io.out(`start it: selfcheck server serve --data-dir ${root}   then open http://127.0.0.1:${DEFAULT_PORT}/bureau/`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}
