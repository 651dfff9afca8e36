// Bridge methods of the sync domain (issue 11): the connection to the bureau's
// server, the outbox with its states, receipts, the template offers. The page
// polls sync.status; all network work happens in the main process.
import { z } from 'zod';
import { method } from './define';

const Sha512 = z.string().regex(/^[0-9a-f]{128}$/);

export const OutboxEntry = z.object({
  sha512: Sha512,
  bagId: z.string(),
  size: z.number().int(),
  state: z.enum(['queued', 'uploading', 'failed', 'received', 'conflict', 'rejected']),
  /** Bytes the server holds (stored offset) or, while sending, bytes sent. */
  sent: z.number().int(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Rejection reason code or conflict message. */
  reason: z.string().nullable(),
  addedAt: z.string(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const ReceiptEntry = z.object({
  sha512: Sha512,
  kind: z.enum(['receipt', 'rejection']),
  bagId: z.string().nullable(),
  seq: z.number().int(),
  received: z.string(),
  via: z.string(),
});

export const SyncStatus = z.object({
  server: z
    .object({ url: z.string(), serverName: z.string(), bureauKeyId: z.string(), fingerprint: z.string(), lastContactAt: z.string().nullable(), lastError: z.string().nullable() })
    .nullable(),
  clock: z.object({ skewMs: z.number().nullable(), warn: z.boolean(), serverTime: z.string().nullable(), localTime: z.string().nullable() }).nullable(),
  sending: z.boolean(),
  items: z.array(OutboxEntry),
  receipts: z.array(ReceiptEntry),
  offers: z.array(z.object({ sha512: Sha512, templateId: z.string(), version: z.string(), installedAt: z.string().nullable() })),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const RW = z.string().trim().regex(/^RW[A-Za-z0-9+/=]{54}$/, 'a minisign public key (RW…)');

export const syncMethods = {
  'sync.status': method(z.object({}), SyncStatus),
  /** From a connection file's text, or a typed URL + bureau key. */
  'sync.connect': method(
    z.union([z.object({ connectionFile: z.string().min(2).max(8192) }), z.object({ server: z.string().url(), bureauKey: RW })]),
    SyncStatus,
  ),
  /** Starts sending now (failed packages too); returns at once, the page follows sync.status. */
  'sync.sendNow': method(z.object({}), SyncStatus),
  /** One receipt as its two files, for the page to offer as downloads. */
  'sync.receipt': method(z.object({ sha512: Sha512 }), z.object({ fileName: z.string(), json: z.string(), minisig: z.string() })),
  /** Receipt files from a stick: pairs of <name>.json and its .minisig. */
  'sync.importReceipts': method(
    z.object({ files: z.array(z.object({ name: z.string().max(300), json: z.string().max(20000), minisig: z.string().max(4000) })).min(1).max(1000) }),
    z.array(z.object({ name: z.string(), ok: z.boolean(), bagId: z.string().nullable(), error: z.string().nullable() })),
  ),
  'sync.installTemplate': method(z.object({ sha512: Sha512 }), z.object({ templateId: z.string(), version: z.string(), outcome: z.string() })),
};
