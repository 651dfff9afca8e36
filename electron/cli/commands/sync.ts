// `selfcheck sync --data-dir S`: sends everything queued, fetches receipts and
// templates. Exit 0 only when every package in the outbox has its receipt.
import { basename, resolve } from 'node:path';
import { formatBytes } from '../../../shared/report/html';
import { resolveDataDir } from '../../config/dataDir';
import { createCore } from '../../services/core';
import { describeSkew } from '../../sync/clock';
import { SyncError } from '../../sync/errors';
import { syncClientFor } from '../../sync/forCore';
import type { OutboxItem } from '../../sync/syncStore';
import type { SendEvent } from '../../sync/sender';
import { parseFlags, usingConfig, type CliCommand, type CliIo } from '../command';

/** Rounds over the packages still to send, and the pause between them. */
const ROUNDS = 3;
const PAUSE_MS = 2000;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'send the outbox to the bureau server, fetch receipts and templates',
  usage: `Usage: selfcheck sync [--data-dir DIR] [--status] [--add FILE.zip]...

  --status        print the outbox (state of every package) without contacting the server
  --add FILE.zip  put a package file into the outbox first (one exported before the
                  outbox existed, or on another computer); may be repeated

Sends every package in the outbox that has no receipt yet (resuming interrupted
uploads where they stopped), fetches this school's receipts and the bureau's
templates. Exit code 0 only when every package has its receipt; 1 otherwise
(the reasons are printed: not reachable, rejected, conflict).`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' }, status: { type: 'boolean' }, add: { type: 'string', multiple: true } });
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const client = syncClientFor(core);
    try {
      for (const file of values.add ?? []) {
        const bagId = basename(file).replace(/\.zip$/i, '');
        const r = await client.enqueue({ path: resolve(file), bagId });
        io.err(`${r.added ? 'added to the outbox' : 'already in the outbox'}: ${file}`);
      }
      if (values.status) return printOutbox(io, client.store.items());
      try {
        const clock = await client.ping();
        if (clock.warn && clock.skewMs !== null) io.err(`WARNING  this computer's clock is ${describeSkew(clock.skewMs)}: set the date and time correctly.`);
      } catch (e) {
        if (!(e instanceof SyncError)) throw e;
        io.err(`FAIL  ${e.code}: ${e.message}`);
        if (e.code === 'notConnected') return 1;
      }
      for (let round = 0; round < ROUNDS && !abort.signal.aborted; round++) {
        if (round > 0) {
          if (!client.store.pending(false).length) break;
          await new Promise((r) => setTimeout(r, PAUSE_MS * round));
        }
        await client.send({ force: true, signal: abort.signal, onEvent: progressPrinter(io) });
      }
      await tryStep(io, 'receipts', async () => io.err(`receipts: ${await client.fetchReceipts()} new`));
      await tryStep(io, 'templates', async () => {
        const t = await client.fetchTemplates(core.templates);
        for (const o of t.offered) io.out(`NEW TEMPLATE  ${o.templateId} ${o.version}: a new checklist version is available`);
        for (const r of t.refused) io.err(`template ${r.sha512.slice(0, 16)}… refused: ${r.error}`);
      });
      return printOutbox(io, client.store.items());
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      core.close();
    }
  },
};

/** Prints every package's state; 0 when all have their receipt. */
function printOutbox(io: CliIo, items: OutboxItem[]): number {
  for (const i of items) io.out(line(i));
  const open = items.filter((i) => i.state !== 'received');
  io.out(`${items.length - open.length} of ${items.length} package(s) have a receipt`);
  return open.length === 0 ? 0 : 1;
}

function line(i: OutboxItem): string {
  const what = `${i.bagId}  ${formatBytes(i.size)}`;
  switch (i.state) {
    case 'received':
      return `RECEIVED  ${what}`;
    case 'rejected':
      return `REJECTED  ${what}  reason=${i.reason ?? '?'} (quarantined, not sent again)`;
    case 'conflict':
      return `CONFLICT  ${what}  ${i.reason ?? ''}`;
    case 'failed':
      return `WAITING   ${what}  will retry after ${i.nextAttemptAt ?? '?'}: ${i.lastError ?? ''}`;
    default:
      return `QUEUED    ${what}  ${i.uploadOffset ? `${formatBytes(i.uploadOffset)} sent so far` : ''}`.trimEnd();
  }
}

function progressPrinter(io: CliIo) {
  let last = 0;
  return (e: SendEvent): void => {
    if (e.kind === 'start') io.err(`sending ${e.item.bagId} (${formatBytes(e.item.size)})`);
    else if (e.kind === 'progress') {
      const now = Date.now();
      if (now - last < 1000 && e.sent < e.total) return;
      last = now;
      io.err(`  ${formatBytes(e.sent)} / ${formatBytes(e.total)} (${e.total ? Math.floor((100 * e.sent) / e.total) : 0}%)`);
    } else if (e.error) io.err(`  ${e.error.code}: ${e.error.message}`);
    else io.err(`  ${e.item?.state ?? '?'}`);
  };
}

async function tryStep(io: CliIo, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    io.err(`${what}: ${e.code}: ${e.message}`);
  }
}
