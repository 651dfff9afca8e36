// The key types the package code works with.
import { keyIdHex, publicKeyLine, type PublicKey, type SecretKey } from './minisign';

/** A public key a verifier accepts, and for what. */
export interface TrustedKey {
  key: PublicKey;
  /** minisign's printed key id (16 upper-case hex digits). */
  keyId: string;
  /** What the person who registered it called it ("Jishou bureau", "our school, 2024"). */
  label: string;
  /** When set, the key signs only for this school code (a school's registered key). */
  schoolCode?: string;
  /** How we came to trust it. */
  source: 'own' | 'trust-store' | 'command-line' | 'rotation';
}

/** The school's signing key, as the package code uses it. */
export interface SchoolKey {
  secret: SecretKey;
  keyId: string;
  /** The "RW..." line. */
  publicKeyLine: string;
  createdAt: string;
}

export function toSchoolKey(secret: SecretKey, createdAt: string): SchoolKey {
  return { secret, keyId: keyIdHex(secret.keyId), publicKeyLine: publicKeyLine(secret), createdAt };
}
