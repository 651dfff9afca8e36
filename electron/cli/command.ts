// What a CLI command is. Add a command: write commands/<name>.ts exporting one
// CliCommand and add it to the table in commands/index.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/dataDir';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `selfcheck --help`. */
  summary: string;
  /** Full help text for `selfcheck <name> --help`. */
  usage: string;
  /** Not listed in --help (test and maintenance commands). */
  hidden?: boolean;
  /** Returns the exit code; throw UsageError for bad usage (exit code 2). */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Wrong flags or arguments: the CLI prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking, its errors turned into UsageError. */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Runs a config lookup (data folder, port) with its ConfigError reported as bad usage. */
export function usingConfig<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
