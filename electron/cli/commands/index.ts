// The table of CLI commands. One line per command.
import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { serveCommand } from './serve';

export const COMMANDS: readonly CliCommand[] = [serveCommand, demoCommand];
