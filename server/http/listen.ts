// Starts the HTTP (or HTTPS, with a certificate and key) server around the
// API, the periodic clean-up of expired uploads, and a clean stop.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_BASE } from '../../shared/sync/protocol';
import type { ServerContext } from '../services/context';
import { createApp, type Log } from './app';
import { PgAdvisoryLocker } from './pgLocker';
import { RateLimiter } from './rateLimit';
import { mountUploads } from './uploads';

export interface ListenOptions {
  port: number;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  log: Log;
}

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Expired uploads are cleared every 10 minutes, or sooner when uploads expire sooner than that. */
const cleanupEvery = (expiryHours: number): number => Math.max(1000, Math.min(10 * 60_000, (expiryHours * 3600_000) / 4));

export async function listen(ctx: ServerContext, opts: ListenOptions): Promise<Running> {
  const onPoolError = (e: Error): void => opts.log({ time: new Date().toISOString(), level: 'warn', event: 'database connection lost', error: e.message });
  const locker = ctx.store.url ? new PgAdvisoryLocker(ctx.store.url, onPoolError) : null;
  const uploads = mountUploads(ctx, locker);
  const app = createApp(ctx, uploads, new RateLimiter(ctx.config.rateLimitPerMinute), opts.log);
  const tls = opts.tlsCert && opts.tlsKey ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) } : null;
  const server = tls ? https.createServer(tls, (req, res) => void app(req, res)) : http.createServer((req, res) => void app(req, res));
  // Slow rural links: allow long uploads, but not idle half-open sockets forever.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  // Longer than clients' and proxies' idle timeouts, so they never reuse a socket we are closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `${tls ? 'https' : 'http'}://${host}:${addr.port}${API_BASE}`;
  const cleanup = setInterval(() => {
    uploads.cleanUp().then(
      (n) => n > 0 && opts.log({ time: new Date().toISOString(), event: 'expired uploads removed', count: n }),
      (e: Error) => opts.log({ time: new Date().toISOString(), level: 'warn', event: 'upload clean-up failed', error: e.message }),
    );
  }, cleanupEvery(ctx.config.uploadExpiryHours));
  cleanup.unref();
  return {
    url,
    async stop() {
      clearInterval(cleanup);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Uploads in flight are cut after a grace period; tus resumes them later.
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
      await locker?.close();
      await ctx.store.close();
    },
  };
}
