// The sync protocol between a school's app and the bureau's collection server:
// every message body as a zod schema, versioned apart from the UI bridge
// (architecture.md, "The whole system"). Both ends parse what they receive
// with these schemas; nothing else defines the wire format.
//
// The flow, all under API_BASE:
//   GET  info                      who the server is, its bureau key and clock
//   POST auth/challenge            school code + key id -> a one-time challenge
//   POST auth/token                minisign signature of the challenge -> short-lived bearer token
//   tus  uploads/                  tus 1.0 (creation, offset, resume, expiration, termination); bytes only
//   POST submissions               upload id + the package's SHA-512 -> signed receipt (201/200),
//                                  signed rejection (422), or conflict (409); idempotent
//   GET  receipts?after=SEQ        this school's receipts and rejections, oldest first, and the
//                                  bureau's reviews and rechecks of its packages (same chain)
//   GET  templates                 the published template packages (ETag / If-None-Match)
//   GET  templates/:sha512         one template package's bytes
//   GET  health                    liveness for monitoring (no auth)
import { z } from 'zod';
import { ItemStatusKind } from '../domain/status';
import { Level } from '../template/instrument';

export const SYNC_PROTOCOL_VERSION = 1;
export const API_BASE = '/api/v1';

const Sha512Hex = z.string().regex(/^[0-9a-f]{128}$/);
const KeyIdHex = z.string().regex(/^[0-9A-F]{16}$/);
const IsoTime = z.string().min(20).max(40);

/** What a bureau hands a school (a small file on a stick or by mail): enough to connect and to trust. */
export const ConnectionFile = z
  .object({
    format: z.literal('selfcheck-connection'),
    version: z.literal(1),
    server: z.string().url(),
    serverName: z.string().min(1).max(200),
    /** The bureau's public key, minisign's "RW…" line. */
    bureauKey: z.string().regex(/^RW[A-Za-z0-9+/=]{54}$/),
    bureauKeyId: KeyIdHex,
  })
  .strict();
export type ConnectionFile = z.infer<typeof ConnectionFile>;

export const ServerInfo = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  serverName: z.string(),
  bureauKey: z.string(),
  bureauKeyId: KeyIdHex,
  /** The server's clock when it answered; the app compares it with its own. */
  time: IsoTime,
  maxUploadBytes: z.number().int().positive(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const ChallengeRequest = z.object({ schoolCode: z.string().min(1).max(40), keyId: KeyIdHex }).strict();
export type ChallengeRequest = z.infer<typeof ChallengeRequest>;
export const ChallengeResponse = z.object({ challengeId: z.string().min(16).max(100), challenge: z.string().min(32).max(200), expiresAt: IsoTime });
export type ChallengeResponse = z.infer<typeof ChallengeResponse>;

/** The exact bytes a school signs to prove its key: binds the server's name, so a challenge cannot be relayed to another server. */
export const challengeMessage = (serverName: string, challengeId: string, challenge: string): string =>
  `selfcheck-auth/1\n${serverName}\n${challengeId}\n${challenge}\n`;

/** `signature` is a minisign signature file (text) over challengeMessage(...). */
export const TokenRequest = z.object({ challengeId: z.string().min(16).max(100), signature: z.string().min(50).max(4000) }).strict();
export type TokenRequest = z.infer<typeof TokenRequest>;
export const TokenResponse = z.object({ token: z.string().min(32), expiresAt: IsoTime });
export type TokenResponse = z.infer<typeof TokenResponse>;

/** tus Upload-Metadata keys the client sets on creation (values base64 per tus). */
export const UPLOAD_METADATA = { fileName: 'filename', sha512: 'sha512' } as const;

export const SubmitRequest = z
  .object({
    uploadId: z.string().min(1).max(200),
    sha512: Sha512Hex,
    /** The app's clock when it sent this request; recorded in the receipt. */
    clientTime: IsoTime,
  })
  .strict();
export type SubmitRequest = z.infer<typeof SubmitRequest>;

/** A review with a long comment on each of a hundred points is far larger than a receipt; this is the cap for any signed document. */
export const MAX_DOCUMENT_JSON = 400_000;

/**
 * A receipt or rejection (or a review / recheck) as the server stores and sends it: `json` is the
 * exact canonical bytes that were signed, `minisig` the minisign signature
 * file over them (bureau key), so `minisign -V -m <bag>.receipt.json` verifies
 * the pair as saved.
 */
export const SignedDocument = z.object({ json: z.string().min(2).max(MAX_DOCUMENT_JSON), minisig: z.string().min(50).max(4000) });
export type SignedDocument = z.infer<typeof SignedDocument>;

/** The fields inside a receipt's `json` (canonical JSON: sorted keys, no spaces). */
export const ReceiptBody = z
  .object({
    format: z.literal('selfcheck-receipt'),
    version: z.literal(1),
    kind: z.literal('receipt'),
    server: z.string(),
    school: z.string(),
    bag: z.string(),
    assessment: z.string(),
    assessmentVersion: z.number().int().positive(),
    sha512: Sha512Hex,
    size: z.number().int().nonnegative(),
    received: IsoTime,
    clientTime: IsoTime.nullable(),
    /** 1, 2, 3 … per server; with `prev` the receipts form a hash chain. */
    seq: z.number().int().positive(),
    /** SHA-512 (hex) of the previous receipt's `json` bytes, or null for the first. */
    prev: Sha512Hex.nullable(),
    /** How it came in: uploaded over the network, or imported from a stick. */
    via: z.enum(['upload', 'import']),
  })
  .strict();
export type ReceiptBody = z.infer<typeof ReceiptBody>;

/** Why a package was refused for good: the verifier's error code (bag/errors.ts) or one of the server's own. */
export const RejectionBody = z
  .object({
    format: z.literal('selfcheck-receipt'),
    version: z.literal(1),
    kind: z.literal('rejection'),
    server: z.string(),
    /** The school the uploader authenticated as (or the report names, on import); null if unknown. */
    school: z.string().nullable(),
    sha512: Sha512Hex,
    size: z.number().int().nonnegative(),
    received: IsoTime,
    clientTime: IsoTime.nullable(),
    reason: z.string().min(1).max(60),
    detail: z.string().max(2000),
    seq: z.number().int().positive(),
    prev: Sha512Hex.nullable(),
    via: z.enum(['upload', 'import']),
  })
  .strict();
export type RejectionBody = z.infer<typeof RejectionBody>;

/**
 * The bureau's review (督导意见) of one received package, per point: a review
 * score / finding, a comment and whether the point must be rectified (限期整改)
 * by `deadline`. It is signed with the bureau key and goes into the same hash
 * chain as receipts, so the school fetches it from the receipts feed (or gets
 * it as a file on a stick). `sha512` and `bag` name the package reviewed.
 */
export const ReviewPoint = z
  .object({
    code: z.string().min(1).max(40),
    score: z.number().min(0).max(100).nullable(),
    status: ItemStatusKind.nullable(),
    comment: z.string().max(2000),
    rectify: z.boolean(),
  })
  .strict();
export type ReviewPoint = z.infer<typeof ReviewPoint>;

export const ReviewBody = z
  .object({
    format: z.literal('selfcheck-review'),
    version: z.literal(1),
    kind: z.literal('review'),
    server: z.string(),
    seq: z.number().int().positive(),
    prev: Sha512Hex.nullable(),
    /** The review's id on the server; a rectification package names it. */
    id: z.string().min(1).max(40),
    /** The campaign's label (e.g. "2026–2027 学年督导评估"). */
    campaign: z.string().max(200),
    school: z.string(),
    bag: z.string(),
    sha512: Sha512Hex,
    reviewer: z.string(),
    published: IsoTime,
    /** 督导意见 */
    opinion: z.string().max(20000),
    /** 整改期限 (YYYY-MM-DD) */
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Sum of review scores and the level it gives (v2 instruments), else null. */
    total: z.number().nullable(),
    level: Level.nullable(),
    points: z.array(ReviewPoint).max(1000),
  })
  .strict();
export type ReviewBody = z.infer<typeof ReviewBody>;

/** The bureau checked what the school rectified: points closed, or reopened with a comment. */
export const RecheckPoint = z
  .object({
    code: z.string().min(1).max(40),
    state: z.enum(['closed', 'reopened']),
    comment: z.string().max(2000),
    by: z.string(),
    at: IsoTime,
  })
  .strict();
export type RecheckPoint = z.infer<typeof RecheckPoint>;

export const RecheckBody = z
  .object({
    format: z.literal('selfcheck-review'),
    version: z.literal(1),
    kind: z.literal('recheck'),
    server: z.string(),
    seq: z.number().int().positive(),
    prev: Sha512Hex.nullable(),
    /** The review whose points these are. */
    review: z.string().min(1).max(40),
    school: z.string(),
    points: z.array(RecheckPoint).min(1).max(1000),
  })
  .strict();
export type RecheckBody = z.infer<typeof RecheckBody>;

/** A package's answer: what the outbox settles on. */
export const SignedBody = z.discriminatedUnion('kind', [ReceiptBody, RejectionBody]);
export type SignedBody = z.infer<typeof SignedBody>;

/** Everything the bureau signs into its chain and a school may receive from the feed or a stick. */
export const BureauDocumentBody = z.discriminatedUnion('kind', [ReceiptBody, RejectionBody, ReviewBody, RecheckBody]);
export type BureauDocumentBody = z.infer<typeof BureauDocumentBody>;

/** 201 (new) / 200 (the same bytes again): the receipt. 422: a rejection. */
export const SubmitResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('received'), receipt: SignedDocument }),
  z.object({ outcome: z.literal('rejected'), rejection: SignedDocument }),
  /** 409: the bag id is already held with other bytes (and the new one does not name it as replaced). */
  z.object({ outcome: z.literal('conflict'), bag: z.string(), heldSha512: Sha512Hex, message: z.string() }),
]);
export type SubmitResponse = z.infer<typeof SubmitResponse>;

export const ReceiptsResponse = z.object({ documents: z.array(SignedDocument), last: z.number().int().nonnegative() });
export type ReceiptsResponse = z.infer<typeof ReceiptsResponse>;

export const TemplateFeedEntry = z.object({
  id: z.string(),
  version: z.string(),
  sha512: Sha512Hex,
  size: z.number().int().positive(),
  publishedAt: IsoTime,
});
export type TemplateFeedEntry = z.infer<typeof TemplateFeedEntry>;
export const TemplateFeed = z.object({ templates: z.array(TemplateFeedEntry) });
export type TemplateFeed = z.infer<typeof TemplateFeed>;

/** Every error body the server sends (4xx/5xx other than the outcomes above). */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Error codes the client acts on (others are shown as they come). */
export const SERVER_ERROR_CODES = [
  'unauthenticated', // no or expired token: get a new one
  'not_enrolled', // this school code + key is not enrolled: ask the bureau
  'challenge_invalid',
  'signature_invalid',
  'upload_not_found', // the tus upload expired or was removed: start again
  'upload_incomplete', // submit before all bytes arrived
  'hash_mismatch', // the uploaded bytes do not have the SHA-512 the client named
  'too_large',
  'quota_exceeded',
  'rate_limited',
  'bad_request',
  'forbidden', // the workspace: logged in, but this role or scope may not do it
  'locked', // the workspace: too many failed log-ins; wait
  'not_found',
  'internal',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
