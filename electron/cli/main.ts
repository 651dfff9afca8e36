// The `selfcheck` command line: dispatches to the command table in commands/index.ts.
// Exit codes: 0 done, 1 failed, 2 usage error.
import { version } from '../../package.json';
import { DataDirLockedError } from '../config/lock';
import { DatabaseTooNewError } from '../store/db';
import { UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';

const io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.filter((c) => !c.hidden).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `SelfCheck ${version}: school self-assessment, evidence and signed reports

Usage: selfcheck <command> [options]

Commands:
${lines.join('\n')}

Run "selfcheck <command> --help" for a command's options.
Data folder: --data-dir, else $SELFCHECK_DATA_DIR, else the OS app-data folder.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`selfcheck: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`selfcheck ${command.name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    if (e instanceof DataDirLockedError || e instanceof DatabaseTooNewError) {
      io.err(`selfcheck ${command.name}: ${e.message}`);
      return 1;
    }
    io.err(`selfcheck ${command.name}: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.SELFCHECK_DEBUG) io.err(e instanceof Error ? (e.stack ?? '') : '');
    return 1;
  }
}

// bin/selfcheck.js requires this bundle (so require.main is the bin) and says so with SELFCHECK_CLI.
if (require.main === module || process.env.SELFCHECK_CLI === '1')
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      io.err(`selfcheck: ${String(e)}`);
      process.exit(1);
    },
  );
