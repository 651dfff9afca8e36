// minisign's file formats, written and read in plain Node, so that packages we
// sign verify with the stock `minisign -V` and keys made by `minisign -G`
// work here. Only the prehashed algorithm ("ED": Ed25519 over BLAKE2b-512 of
// the file) is produced and accepted (package-format.md, "Signature").
//
// Formats (all base64 on one line):
//   public key   "Ed" | key id (8) | Ed25519 public key (32)          -> "RW..."
//   signature    "ED" | key id (8) | Ed25519(BLAKE2b-512(file)) (64)
//   global sig   Ed25519(signature (64) | trusted comment bytes)
//   secret key   "Ed" | kdf "\0\0" | "B2" | salt (32) | ops (8) | mem (8)
//                | key id (8) | seed+pk (64) | BLAKE2b-256("Ed"|key id|seed+pk)
// BLAKE2b comes from @noble/hashes because Electron's BoringSSL lacks it.
import { createPrivateKey, createPublicKey, randomBytes, sign as edSign, verify as edVerify, KeyObject } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2';

export const KEY_ID_BYTES = 8;
const ALG_KEY = Buffer.from('Ed');
const ALG_PREHASHED = Buffer.from('ED');
const ALG_LEGACY = Buffer.from('Ed');
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
/** minisign refuses longer trusted comments. */
export const TRUSTED_COMMENT_MAX_BYTES = 8192;

/** PKCS#8 / SPKI wrappers that turn raw Ed25519 bytes into node:crypto keys. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface PublicKey {
  keyId: Buffer; // 8 bytes, as stored in the files
  publicKey: Buffer; // 32 bytes
}
export interface SecretKey extends PublicKey {
  seed: Buffer; // 32 bytes: the Ed25519 private key
}

/** A problem with a key or signature file, with a stable code for callers. */
export class MinisignFormatError extends Error {
  constructor(
    readonly code: 'malformed_public_key' | 'malformed_signature' | 'malformed_secret_key' | 'encrypted_secret_key',
    message: string,
  ) {
    super(message);
    this.name = 'MinisignFormatError';
  }
}

export function generateSecretKey(): SecretKey {
  return secretKeyFromSeed(randomBytes(32), randomBytes(KEY_ID_BYTES));
}

export function secretKeyFromSeed(seed: Uint8Array, keyId: Uint8Array): SecretKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes');
  if (keyId.length !== KEY_ID_BYTES) throw new Error('a minisign key id has 8 bytes');
  const priv = privateKeyObject(Buffer.from(seed));
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return { seed: Buffer.from(seed), keyId: Buffer.from(keyId), publicKey: Buffer.from(spki.subarray(spki.length - 32)) };
}

function privateKeyObject(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}
function publicKeyObject(pub: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, pub]), format: 'der', type: 'spki' });
}

/** The key id as minisign prints it: the 8 bytes read as a little-endian number, upper-case hex. */
export function keyIdHex(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase().padStart(16, '0');
}

/** The one-line public key ("RW..."), as `minisign -P` takes it. */
export function publicKeyLine(key: PublicKey): string {
  return Buffer.concat([ALG_KEY, key.keyId, key.publicKey]).toString('base64');
}

/** The two-line `.pub` file minisign writes. */
export function formatPublicKeyFile(key: PublicKey, comment = `minisign public key ${keyIdHex(key.keyId)}`): string {
  return `${UNTRUSTED_PREFIX}${oneLine(comment)}\n${publicKeyLine(key)}\n`;
}

/** Accepts a bare "RW..." line or a minisign `.pub` file. */
export function parsePublicKey(text: string): PublicKey {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const candidate = lines.length === 1 ? lines[0] : lines[0]?.startsWith(UNTRUSTED_PREFIX) ? lines[1] : undefined;
  if (candidate === undefined || lines.length > 2) throw new MinisignFormatError('malformed_public_key', 'not a minisign public key');
  const raw = strictBase64(candidate);
  if (raw === null || raw.length !== 2 + KEY_ID_BYTES + 32 || !raw.subarray(0, 2).equals(ALG_KEY))
    throw new MinisignFormatError('malformed_public_key', 'not a minisign Ed25519 public key');
  return { keyId: Buffer.from(raw.subarray(2, 10)), publicKey: Buffer.from(raw.subarray(10)) };
}

/** BLAKE2b-512 of a message, the prehash of the "ED" algorithm. */
export function prehash(message: Uint8Array): Uint8Array {
  return blake2b(message, { dkLen: 64 });
}

export interface SignOptions {
  trustedComment: string;
  untrustedComment?: string;
}

/** Signs a whole message (small files such as a tag manifest) and returns the `.minisig` text. */
export function signMessage(message: Uint8Array, key: SecretKey, opts: SignOptions): string {
  const trusted = oneLine(opts.trustedComment);
  if (Buffer.byteLength(trusted) > TRUSTED_COMMENT_MAX_BYTES) throw new Error('trusted comment too long for minisign');
  const priv = privateKeyObject(key.seed);
  const signature = edSign(null, prehash(message), priv);
  const globalSignature = edSign(null, Buffer.concat([signature, Buffer.from(trusted, 'utf8')]), priv);
  const untrusted = oneLine(opts.untrustedComment ?? `signature from minisign secret key ${keyIdHex(key.keyId)}`);
  return [
    UNTRUSTED_PREFIX + untrusted,
    Buffer.concat([ALG_PREHASHED, key.keyId, signature]).toString('base64'),
    TRUSTED_PREFIX + trusted,
    globalSignature.toString('base64'),
    '',
  ].join('\n');
}

export interface ParsedSignature {
  algorithm: 'ED' | 'Ed' | 'unknown';
  keyId: Buffer;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
  untrustedComment: string;
}

export function parseSignature(text: string): ParsedSignature {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [untrusted, sigLine, trustedLine, globalLine] = lines;
  if (lines.length !== 4 || untrusted === undefined || sigLine === undefined || trustedLine === undefined || globalLine === undefined)
    throw new MinisignFormatError('malformed_signature', 'a minisign signature has four lines');
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) throw new MinisignFormatError('malformed_signature', 'missing untrusted comment');
  if (!trustedLine.startsWith(TRUSTED_PREFIX)) throw new MinisignFormatError('malformed_signature', 'missing trusted comment');
  const raw = strictBase64(sigLine.trim());
  const global = strictBase64(globalLine.trim());
  if (raw === null || raw.length !== 2 + KEY_ID_BYTES + 64) throw new MinisignFormatError('malformed_signature', 'bad signature line');
  if (global === null || global.length !== 64) throw new MinisignFormatError('malformed_signature', 'bad global signature line');
  const alg = raw.subarray(0, 2);
  return {
    algorithm: alg.equals(ALG_PREHASHED) ? 'ED' : alg.equals(ALG_LEGACY) ? 'Ed' : 'unknown',
    keyId: Buffer.from(raw.subarray(2, 10)),
    signature: Buffer.from(raw.subarray(10)),
    trustedComment: trustedLine.slice(TRUSTED_PREFIX.length),
    globalSignature: Buffer.from(global),
    untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
  };
}

export type SignatureCheck =
  | { ok: true; trustedComment: string; keyId: string }
  | { ok: false; reason: 'unsupported_algorithm' | 'key_id_mismatch' | 'bad_signature' | 'bad_global_signature'; keyId: string };

/**
 * Checks a parsed signature against a key and the message's BLAKE2b-512 hash:
 * algorithm, key id, the global signature over signature + trusted comment, then the signature.
 */
export function verifyPrehashed(sig: ParsedSignature, key: PublicKey, messageHash: Uint8Array): SignatureCheck {
  const keyId = keyIdHex(sig.keyId);
  if (sig.algorithm !== 'ED') return { ok: false, reason: 'unsupported_algorithm', keyId };
  if (!sig.keyId.equals(key.keyId)) return { ok: false, reason: 'key_id_mismatch', keyId };
  const pub = publicKeyObject(key.publicKey);
  // The global signature first: it covers the signature bytes and the trusted
  // comment, so when it fails the .minisig itself was changed; when it holds
  // and the file signature fails, the signed file was changed.
  const signed = Buffer.concat([sig.signature, Buffer.from(sig.trustedComment, 'utf8')]);
  if (!edVerify(null, signed, pub, sig.globalSignature)) return { ok: false, reason: 'bad_global_signature', keyId };
  if (!edVerify(null, messageHash, pub, sig.signature)) return { ok: false, reason: 'bad_signature', keyId };
  return { ok: true, trustedComment: sig.trustedComment, keyId };
}

export function verifyMessage(message: Uint8Array, signatureText: string, key: PublicKey): SignatureCheck {
  return verifyPrehashed(parseSignature(signatureText), key, prehash(message));
}

/** The unencrypted secret key file `minisign -G -W` writes, so a key made here also works with the stock tool. */
export function formatSecretKeyFile(key: SecretKey, comment = 'minisign secret key (unencrypted)'): string {
  const sk = Buffer.concat([key.seed, key.publicKey]);
  const checksum = blake2b(Buffer.concat([ALG_KEY, key.keyId, sk]), { dkLen: 32 });
  const raw = Buffer.concat([
    ALG_KEY,
    Buffer.from([0, 0]), // kdf: none
    Buffer.from('B2'),
    Buffer.alloc(32 + 8 + 8), // salt, opslimit, memlimit: unused without a kdf
    key.keyId,
    sk,
    Buffer.from(checksum),
  ]);
  return `${UNTRUSTED_PREFIX}${oneLine(comment)}\n${raw.toString('base64')}\n`;
}

/** Reads an unencrypted minisign secret key (`minisign -G -W`); password-protected keys are refused. */
export function parseSecretKeyFile(text: string): SecretKey {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length !== 2 || !lines[0]?.startsWith(UNTRUSTED_PREFIX))
    throw new MinisignFormatError('malformed_secret_key', 'not a minisign secret key file');
  const raw = strictBase64(lines[1] ?? '');
  if (raw === null || raw.length !== 158 || !raw.subarray(0, 2).equals(ALG_KEY) || raw.toString('latin1', 4, 6) !== 'B2')
    throw new MinisignFormatError('malformed_secret_key', 'not a minisign Ed25519 secret key');
  if (raw[2] !== 0 || raw[3] !== 0)
    throw new MinisignFormatError('encrypted_secret_key', 'the secret key is password-protected; remove the password with `minisign -C -W`');
  const keyId = raw.subarray(54, 62);
  const sk = raw.subarray(62, 126);
  const checksum = raw.subarray(126, 158);
  const expected = blake2b(Buffer.concat([ALG_KEY, keyId, sk]), { dkLen: 32 });
  // minisign 0.11 leaves the checksum zero in unencrypted keys; later versions fill it in.
  if (!checksum.equals(Buffer.alloc(32)) && !Buffer.from(expected).equals(checksum)) throw new MinisignFormatError('malformed_secret_key', 'secret key checksum mismatch');
  const key = secretKeyFromSeed(sk.subarray(0, 32), keyId);
  if (!key.publicKey.equals(sk.subarray(32))) throw new MinisignFormatError('malformed_secret_key', 'secret and public halves differ');
  return key;
}

function strictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  return Buffer.from(text, 'base64');
}

/** Comments are single lines in every minisign file. */
function oneLine(s: string): string {
  if (/[\r\n]/.test(s)) throw new Error('minisign comments must be one line');
  return s;
}
