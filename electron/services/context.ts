// What every service gets: the open database, a clock (tests move it) and who is working.
import type { Db } from '../store/db';

export interface ServiceContext {
  db: Db;
  now(): Date;
  /** The name recorded with saved answers, imported files and events. */
  userName(): string;
}

export const isoNow = (ctx: ServiceContext): string => ctx.now().toISOString();
