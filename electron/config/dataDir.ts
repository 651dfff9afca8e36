// Where the app keeps its data, and which port web mode listens on.
// Order: command-line flag, then environment variable, then the default.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'SelfCheck';
export const DATA_DIR_ENV = 'SELFCHECK_DATA_DIR';
export const PORT_ENV = 'SELFCHECK_PORT';

/** A setting given in a form we cannot use (the CLI turns it into exit code 2). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The OS app-data folder: %APPDATA%, ~/Library/Application Support, or $XDG_CONFIG_HOME / ~/.config. */
export function defaultDataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}

export function resolveDataDir(flag: string | undefined, env: Env = process.env): string {
  const given = flag ?? env[DATA_DIR_ENV];
  if (given !== undefined) {
    if (given.trim() === '') throw new ConfigError('the data folder must not be empty (--data-dir or SELFCHECK_DATA_DIR)');
    return resolve(given);
  }
  return defaultDataDir(env);
}

/** 0 means "any free port". */
export function resolvePort(flag: string | undefined, env: Env = process.env): number {
  const given = flag ?? env[PORT_ENV];
  if (given === undefined || given === '') return 0;
  if (!/^\d{1,5}$/.test(given) || Number(given) > 65535)
    throw new ConfigError(`port must be a whole number from 0 to 65535, got "${given}"`);
  return Number(given);
}
