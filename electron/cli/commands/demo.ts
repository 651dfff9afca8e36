// `selfcheck demo`: fills a data folder with a realistic sample school.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../../config/dataDir';
import { acquireDataDirLock } from '../../config/lock';
import { generateDemo } from '../../demo/generate';
import { corePaths, createCore } from '../../services/core';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'create a sample school with answers, a year of events and evidence files',
  usage: `Usage: selfcheck demo --data-dir DIR [--force]

  --data-dir DIR  the data folder to fill (default: $SELFCHECK_DATA_DIR or the OS app-data folder)
  --force         replace the app data already in DIR (other files there are left alone)

Then run: selfcheck serve --data-dir DIR`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' }, force: { type: 'boolean' } });
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      if (!values.force) throw new UsageError(`${dataDir} is not empty; use --force to replace its SelfCheck data`);
      acquireDataDirLock(dataDir)(); // refuses while the app has the folder open
      const p = corePaths(dataDir);
      for (const f of [p.database, `${p.database}-wal`, `${p.database}-shm`, p.evidence]) rmSync(f, { recursive: true, force: true });
    }
    const started = Date.now();
    let now: Date | null = null;
    const core = createCore({ dataDir, mode: 'cli', now: () => now ?? new Date(), purgeAtStart: false });
    try {
      const result = await generateDemo(core, { today: new Date(), setClock: (d) => (now = d), log: (l) => io.out(l) });
      const s = result.statuses;
      io.out(
        `items: ${s.met} met, ${s.partly_met} partly met, ${s.not_met} not met, ${s.unanswered} unanswered, ${s.not_applicable} not applicable`,
      );
      io.out(`demo school ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${join(dataDir)}`);
      io.out(`open it with: selfcheck serve --data-dir ${dataDir}`);
    } finally {
      core.close();
    }
    return 0;
  },
};
