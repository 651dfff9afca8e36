// `selfcheck review import --data-dir S FILE...`: a review (督导意见) or a
// recheck brought on a stick: FILE.json with FILE.json.minisig beside it,
// accepted only when a bureau key the app trusts signed it (the key of the
// connected server, or one added with --bureau-key for a school with no
// network). The same check as documents that come over the receipts feed.
// `selfcheck review list --data-dir S [--json]`: the reviews received.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MAX_DOCUMENT_JSON } from '../../../shared/sync/protocol';
import { resolveDataDir } from '../../config/dataDir';
import { TrustStore } from '../../keys/trustStore';
import { createCore } from '../../services/core';
import { readDocumentFiles, receiptFilesIn } from '../../sync/documents';
import { SyncError } from '../../sync/errors';
import { syncClientFor } from '../../sync/forCore';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';

export const reviewCommand: CliCommand = {
  name: 'review',
  summary: "import or list the bureau's signed reviews (督导意见)",
  usage: `Usage: selfcheck review import [--data-dir DIR] [--bureau-key RW...] FILE...
       selfcheck review list [--data-dir DIR] [--json]

  import      read review (or recheck) documents: FILE.json with FILE.json.minisig beside it,
              accepted only when signed by a trusted bureau key; exit 1 if any is refused
  --bureau-key RW...  (import) the bureau's public key, for a school that never connected;
              it is added to the trusted bureau keys
  list        the reviews received, newest first (--json: one array)`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, 'bureau-key': { type: 'string' } }, true);
    const [sub, ...files] = positionals;
    if (sub !== 'import' && sub !== 'list') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'say "import" or "list"');
    if (sub === 'import' && !files.length) throw new UsageError('review import needs a review file (FILE.json with FILE.json.minisig beside it)');
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    const client = syncClientFor(core);
    try {
      if (sub === 'list') {
        const reviews = client.reviews.list();
        if (values.json) {
          io.out(JSON.stringify(reviews.map((r) => ({ id: r.id, docSha512: r.docSha512, keyId: r.keyId, body: r.body })), null, 2));
          return 0;
        }
        if (!reviews.length) io.out('no reviews yet');
        for (const r of reviews)
          io.out(`REVIEW  ${r.id}  ${r.body.campaign}  by ${r.body.reviewer}  deadline ${r.body.deadline}  to rectify ${r.body.points.filter((p) => p.rectify).length}  bag=${r.body.bag}`);
        return 0;
      }
      if (values['bureau-key']) {
        try {
          TrustStore.forDataDir(dataDir).add(values['bureau-key'], { kind: 'bureau', label: 'bureau (review import)' });
        } catch (e) {
          throw new UsageError(`--bureau-key: ${(e as Error).message}`);
        }
      }
      const pairs = receiptFilesIn(files.map((f) => resolve(f)));
      let ok = true;
      for (const pair of pairs) {
        // Receipts have their own command; a review import takes reviews and rechecks only.
        const kind = kindOf(pair.json);
        if (kind !== 'review' && kind !== 'recheck') {
          io.out(`FAIL  ${pair.json}: not a review document${kind ? ` (a ${kind}; use "selfcheck receipts import")` : ''}`);
          ok = false;
          continue;
        }
        const [o] = client.importDocuments([{ name: pair.json, read: () => readDocumentFiles(pair) }]);
        if (!o?.ok) {
          io.out(`FAIL  ${basename(pair.json)}: refused: ${o?.error ?? 'unknown'}; nothing was stored`);
          ok = false;
        } else io.out(`OK    ${pair.json}  ${o.kind} ${o.reviewId ?? ''}${o.bagId ? ` bag=${o.bagId}` : ''}`);
      }
      return ok ? 0 : 1;
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      io.err(`FAIL  ${e.code}: ${e.message}`);
      return 1;
    } finally {
      core.close();
    }
  },
};

function kindOf(file: string): string | null {
  try {
    if (statSync(file).size > MAX_DOCUMENT_JSON) return null;
    const v = JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown };
    return typeof v.kind === 'string' ? v.kind : null;
  } catch {
    return null;
  }
}
