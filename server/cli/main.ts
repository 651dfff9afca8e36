// `selfcheck server <command>`: the bureau's collection server
// (bin/selfcheck.js hands `server …` to this bundle, dist/server/cli.js).
import { PackageError } from '../../bag/errors';
import { EnrolmentSheetError } from '../../bag/enrolment';
import { MinisignFormatError } from '../../bag/minisign';
import { ConfigError } from '../config';
import { MigrationError } from '../db/migrations';
import { ServerError } from '../services/errors';
import { UsageError, type Io } from './args';
import { backupCommand } from './backup';
import { campaignCommand } from './campaign';
import { demoCommand } from './demo';
import { enrolCommand } from './enrol';
import { exportCommand } from './exportCmd';
import { importCommand } from './importCmd';
import { initCommand } from './init';
import { serveCommand } from './serve';
import { templatesCommand } from './templates';
import { userCommand } from './user';

const USAGE = `usage:
  selfcheck server init      --data-dir B [--name NAME] [--url PUBLIC_URL]
  selfcheck server serve     --data-dir B [--port N] [--listen ADDR] [--database URL] [--tls-cert F --tls-key F]
  selfcheck server enrol     --data-dir B (--sheet FILE | --school CODE --key RW… [--name NAME])
  selfcheck server import    --data-dir B FILE.zip... [--receipts DIR]
  selfcheck server templates add --data-dir B FILE.zip
  selfcheck server backup    --data-dir B --out DIR
  selfcheck server user add  --data-dir B --name NAME --role admin|reviewer|viewer [--county C]... [--school CODE]...
                             (asks for the password twice, or reads one line from stdin)
  selfcheck server campaign add  --data-dir B --label TEXT --template ID@VERSION --deadline YYYY-MM-DD --roster FILE.xlsx|FILE.csv
  selfcheck server campaign list --data-dir B [--json]
  selfcheck server export    --data-dir B --campaign ID --out FILE.xlsx
  selfcheck server demo      --data-dir B [--schools N]   (a new data folder filled with a demo county)
  (--database postgres://… or SELFCHECK_SERVER_DATABASE_URL selects PostgreSQL; the default is the SQLite file in B)`;

const COMMANDS: Record<string, (argv: string[], io: Io) => number | Promise<number>> = {
  init: initCommand,
  serve: serveCommand,
  enrol: enrolCommand,
  import: importCommand,
  templates: templatesCommand,
  backup: backupCommand,
  user: userCommand,
  campaign: campaignCommand,
  export: exportCommand,
  demo: demoCommand,
};

/** Errors that are the user's to fix: shown as one line, no stack. */
const EXPECTED = [ConfigError, MigrationError, EnrolmentSheetError, PackageError, ServerError, MinisignFormatError];

const stdio: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

/** Called by bin/selfcheck.js with the arguments after "server"; resolves to the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(name && name !== '--help' ? `unknown server command: ${name}\n${USAGE}` : USAGE);
    return name && name !== '--help' ? 2 : 0;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`selfcheck server ${name}: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (EXPECTED.some((k) => e instanceof k)) {
      io.err(`selfcheck server ${name}: ${(e as Error).message}`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES' || code === 'EADDRINUSE') {
      io.err(`selfcheck server ${name}: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}

// Run directly (`node dist/server/cli.js …`) as well as through bin/selfcheck.js.
if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`selfcheck server: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
