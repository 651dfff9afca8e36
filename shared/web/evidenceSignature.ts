// Signed evidence addresses for the local web mode. An <img src> or a link opened in a new
// tab cannot carry the session header, so the page signs each evidence path with the
// per-run session secret (HMAC-SHA-256) and a near expiry; the server checks the same
// signature. Written once here so the page and the server cannot disagree.
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

export type EvidenceVariant = 'original' | 'thumb';

/** Addresses are valid for one to two of these windows (seconds). */
export const EVIDENCE_URL_WINDOW_S = 600;

/**
 * The expiry (Unix seconds) for an address made at `nowMs`: the end of the next window,
 * so the same picture keeps the same address (and the browser's cache) for ten minutes.
 */
export const evidenceExpiry = (nowMs: number): number => (Math.floor(nowMs / 1000 / EVIDENCE_URL_WINDOW_S) + 2) * EVIDENCE_URL_WINDOW_S;

export function evidenceSignature(secret: string, sha256Hex: string, variant: EvidenceVariant, expiry: number): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`evidence/${sha256Hex}/${variant}/${expiry}`)));
}

/** The query string of a signed evidence address: `exp=…&sig=…`. */
export function signedEvidenceQuery(secret: string, sha256Hex: string, variant: EvidenceVariant, nowMs: number): string {
  const exp = evidenceExpiry(nowMs);
  return `exp=${exp}&sig=${evidenceSignature(secret, sha256Hex, variant, exp)}`;
}
