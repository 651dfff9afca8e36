// Comparing the app's clock with the server's. A school PC with a flat CMOS
// battery is common; receipts carry both times, and a skew of more than five
// minutes is said plainly so the principal can fix the clock.
import type { ServerRow } from './syncStore';

export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export interface ClockCheck {
  serverTime: string | null;
  localTime: string | null;
  /** Our clock minus the server's, in ms (positive: ours is ahead). */
  skewMs: number | null;
  warn: boolean;
}

export function clockOf(s: Pick<ServerRow, 'serverTime' | 'localTime'>): ClockCheck {
  const server = s.serverTime ? Date.parse(s.serverTime) : NaN;
  const local = s.localTime ? Date.parse(s.localTime) : NaN;
  const skewMs = Number.isFinite(server) && Number.isFinite(local) ? local - server : null;
  return { serverTime: s.serverTime, localTime: s.localTime, skewMs, warn: skewMs !== null && Math.abs(skewMs) > CLOCK_TOLERANCE_MS };
}

/** "ahead by 2 h 5 min" style wording for the CLI. */
export function describeSkew(ms: number): string {
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.round((abs % 3_600_000) / 60_000);
  return `${ms > 0 ? 'ahead of' : 'behind'} the server by ${h ? `${h} h ` : ''}${m} min`;
}
