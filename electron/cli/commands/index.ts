// The table of CLI commands. One line per command.
import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { serveCommand } from './serve';
import { exportCommand } from './export';
import { keysCommand } from './keys';
import { templateCommand } from './template';
import { templatePackageCommand } from './templatePackage';
import { verifyCommand } from './verify';
import { connectCommand } from './connect';
import { syncCommand } from './sync';
import { receiptsCommand } from './receipts';
import { reviewCommand } from './review';

export const COMMANDS: readonly CliCommand[] = [serveCommand, demoCommand, exportCommand, verifyCommand, keysCommand, templatePackageCommand, templateCommand, connectCommand, syncCommand, receiptsCommand, reviewCommand];
