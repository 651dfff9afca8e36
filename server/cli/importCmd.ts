// `selfcheck server import --data-dir B FILE.zip... [--receipts DIR]`: the USB
// path, through the same pipeline as an upload (via: 'import'). Writes each
// answer as files the principal carries back: <bag-id>.receipt.json + .minisig,
// or <file>.rejection.json + .minisig. Exit 0 only if every package was received.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { documentFileName } from '../../bag/receipt';
import { SignedBody } from '../../shared/sync/protocol';
import { databaseUrlFrom, openServer } from '../services/context';
import { ServerError } from '../services/errors';
import { processPackage } from '../services/submissions';
import { parse, required, UsageError, type Io } from './args';

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'data-dir': { type: 'string' }, database: { type: 'string' }, receipts: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('name at least one package: selfcheck server import --data-dir B FILE.zip...');
  const outDir = values.receipts ? resolve(values.receipts) : null;
  if (outDir) mkdirSync(outDir, { recursive: true });
  const ctx = await openServer({ dataDir: resolve(required(values['data-dir'], 'data-dir')), databaseUrl: databaseUrlFrom(values.database) });
  let allReceived = true;
  try {
    for (const [i, file] of positionals.entries()) {
      const label = `[${i + 1}/${positionals.length}] ${basename(file)}`;
      try {
        const o = await processPackage(ctx, { file: resolve(file), sha512: null, via: 'import', session: null, clientTime: null });
        if (o.outcome === 'conflict') {
          allReceived = false;
          io.out(`${label}: conflict: ${o.message}`);
          continue;
        }
        const body = SignedBody.parse(JSON.parse(o.doc.json));
        if (o.outcome === 'received') io.out(`${label}: received, receipt ${body.seq}${o.fresh ? '' : ' (already received before)'}`);
        else {
          allReceived = false;
          io.out(`${label}: rejected: ${body.kind === 'rejection' ? `${body.reason} ${body.detail}` : ''}`);
        }
        if (outDir) {
          const name = documentFileName(body, basename(file).replace(/\.zip$/i, ''));
          writeFileSync(join(outDir, name), o.doc.json);
          writeFileSync(join(outDir, name + '.minisig'), o.doc.minisig);
        }
      } catch (e) {
        allReceived = false;
        if (e instanceof ServerError || (e as NodeJS.ErrnoException).code === 'ENOENT') io.out(`${label}: not imported: ${(e as Error).message}`);
        else throw e;
      }
    }
  } finally {
    await ctx.store.close();
  }
  if (outDir) io.err(`Receipts written to ${outDir}`);
  return allReceived ? 0 : 1;
}
