// `selfcheck receipts --data-dir S [--json] [--out DIR]`: lists the bureau's
// receipts and rejections, or writes them as <bag-id>.receipt.json + .minisig
// (verifiable with stock `minisign -V`).
// `selfcheck receipts import --data-dir S DIR|FILE...`: receipt files brought
// on a stick, verified against the trusted bureau key like those that come
// over the network.
import { resolve } from 'node:path';
import { resolveDataDir } from '../../config/dataDir';
import { createCore } from '../../services/core';
import { SyncError } from '../../sync/errors';
import { syncClientFor } from '../../sync/forCore';
import { TrustStore } from '../../keys/trustStore';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';

export const receiptsCommand: CliCommand = {
  name: 'receipts',
  summary: "list, export or import the bureau's signed receipts",
  usage: `Usage: selfcheck receipts [--data-dir DIR] [--json] [--out DIR]
       selfcheck receipts import [--data-dir DIR] [--bureau-key RW...] DIR|FILE...

  --json      print the receipts as JSON (one array)
  --out DIR   write <bag-id>.receipt.json and <bag-id>.receipt.json.minisig into DIR
  import      read receipt files (from "selfcheck server import --receipts DIR") and
              accept those signed by the trusted bureau key; exit 1 if any is refused
  --bureau-key RW...  (import) the bureau's public key, for a school that never connected
              (no network at all); it is added to the trusted bureau keys`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' }, 'bureau-key': { type: 'string' } },
      true,
    );
    const [sub, ...files] = positionals;
    if (sub !== undefined && sub !== 'import') throw new UsageError(`unknown subcommand "${sub}"`);
    if (sub === 'import' && !files.length) throw new UsageError('receipts import needs a folder or receipt files');
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    const client = syncClientFor(core);
    try {
      if (sub === 'import') {
        if (values['bureau-key']) addBureauKey(dataDir, values['bureau-key']);
        const outcomes = client.importReceipts(files.map((f) => resolve(f)));
        for (const o of outcomes) io.out(o.ok ? `OK    ${o.file}  ${o.kind}${o.bagId ? ` bag=${o.bagId}` : ''}` : `FAIL  ${o.file}: ${o.error}`);
        return outcomes.every((o) => o.ok) ? 0 : 1;
      }
      const docs = client.store.documents();
      if (values.out) {
        for (const p of client.exportReceipts(resolve(values.out))) io.out(p);
        return 0;
      }
      if (values.json) {
        io.out(JSON.stringify(docs.map((d) => ({ ...d, body: JSON.parse(d.json) as unknown })), null, 2));
        return 0;
      }
      if (!docs.length) io.out('no receipts yet');
      for (const d of docs)
        io.out(`${d.kind === 'receipt' ? 'RECEIPT  ' : 'REJECTED '} #${d.seq}  ${d.bagId ?? d.sha512.slice(0, 16)}  received ${d.received}  via ${d.via}`);
      return 0;
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      io.err(`FAIL  ${e.code}: ${e.message}`);
      return 1;
    } finally {
      core.close();
    }
  },
};

function addBureauKey(dataDir: string, line: string): void {
  try {
    TrustStore.forDataDir(dataDir).add(line, { kind: 'bureau', label: 'bureau (receipts import)' });
  } catch (e) {
    throw new UsageError(`--bureau-key: ${(e as Error).message}`);
  }
}
