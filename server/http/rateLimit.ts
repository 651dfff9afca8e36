// A simple fixed-window request limit per school (or per address before
// login), kept in this process's memory: enough to stop one runaway client
// from starving the others on a county's single PC.
import { ServerError } from '../services/errors';

export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  hit(who: string, now = Date.now()): void {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const n = (this.counts.get(who) ?? 0) + 1;
    this.counts.set(who, n);
    if (n > this.perMinute) throw new ServerError('rate_limited', 429, `more than ${this.perMinute} requests a minute from ${who}; wait a minute`);
  }
}
