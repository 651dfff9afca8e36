// `selfcheck server serve --data-dir B [--port N] [--listen ADDR] [--database URL] [--tls-cert F --tls-key F]`
// Prints "listening on <URL>", then one JSON line per request; stops cleanly on SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { listen } from '../http/listen';
import { databaseUrlFrom, openServer } from '../services/context';
import { indexMissingReports } from '../services/workspace/reportIndex';
import { parse, required, UsageError, type Io } from './args';
import { DEFAULT_PORT, writeConnectionFile } from './init';

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    listen: { type: 'string' },
    database: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port ?? ''} is not a port number`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('HTTPS needs both --tls-cert and --tls-key');
  const log = (entry: Record<string, unknown>): void => io.out(JSON.stringify(entry));
  const ctx = await openServer({
    dataDir: resolve(required(values['data-dir'], 'data-dir')),
    databaseUrl: databaseUrlFrom(values.database),
    onPoolError: (e) => log({ time: new Date().toISOString(), level: 'warn', event: 'database connection lost', error: e.message }),
  });
  // Packages received before the report index existed (an upgraded data folder) are indexed now, a bounded number per start.
  await indexMissingReports(ctx, { limit: 5000, log });
  const running = await listen(ctx, { port, host: values.listen ?? '127.0.0.1', tlsCert: values['tls-cert'], tlsKey: values['tls-key'], log });
  // Without a configured public URL, the connection file names where we actually listen.
  if (!ctx.config.publicUrl) writeConnectionFile(ctx.paths.connection, running.url, ctx.config.serverName, ctx.bureauKeyLine, ctx.bureauKeyId);
  io.out(`listening on ${running.url} (database: ${ctx.store.engine})`);
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      log({ time: new Date().toISOString(), event: 'stopping', signal });
      running.stop().then(done, (e: Error) => {
        io.err(`stop: ${e.message}`);
        done();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
