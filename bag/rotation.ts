// Key rotation: a new school key is announced by a statement signed with the
// OLD key. Packages carry the statements as tag files, so a bureau that
// registered the old key can follow the chain to the new one without a new
// enrolment sheet. A statement whose old key is trusted but whose signature
// fails is tampering and refuses the package; statements from keys nobody
// trusts are ignored.
import { z } from 'zod';
import { canonicalJson } from './canonicalJson';
import { PackageError } from './errors';
import { keyIdHex, parsePublicKey, parseSignature, publicKeyLine, signMessage, verifyMessage, type SecretKey } from './minisign';
import type { TrustedKey } from './keyTypes';

export const ROTATION_KIND = 'selfcheck-key-rotation';

export const RotationStatement = z.object({
  kind: z.literal(ROTATION_KIND),
  school: z.string(),
  oldKeyId: z.string().regex(/^[0-9A-F]{16}$/),
  newKeyId: z.string().regex(/^[0-9A-F]{16}$/),
  newPublicKey: z.string(),
  time: z.string(),
});
export type RotationStatement = z.infer<typeof RotationStatement>;

export interface SignedStatement {
  /** The statement's file name ("key-rotation-<OLD KEY ID>.json"); its signature is that name + ".minisig". */
  name: string;
  json: Buffer;
  signature: string;
}

export const rotationFileName = (oldKeyId: string): string => `key-rotation-${oldKeyId}.json`;
export const isRotationFile = (name: string): boolean => /^key-rotation-[0-9A-F]{16}\.json(\.minisig)?$/.test(name);

export function makeRotationStatement(oldKey: SecretKey, newKey: SecretKey, school: string, time: Date): SignedStatement {
  const statement: RotationStatement = {
    kind: ROTATION_KIND,
    school,
    oldKeyId: keyIdHex(oldKey.keyId),
    newKeyId: keyIdHex(newKey.keyId),
    newPublicKey: publicKeyLine(newKey),
    time: time.toISOString(),
  };
  const json = Buffer.from(canonicalJson(statement) + '\n');
  const trusted = canonicalJson({ kind: ROTATION_KIND, newKeyId: statement.newKeyId, school });
  return {
    name: rotationFileName(statement.oldKeyId),
    json,
    signature: signMessage(json, oldKey, { trustedComment: trusted, untrustedComment: `selfcheck key rotation ${statement.oldKeyId} -> ${statement.newKeyId}` }),
  };
}

/**
 * Adds the keys a chain of statements vouches for, starting from the trusted
 * keys, until nothing changes. The new key inherits the old key's school.
 */
export function extendTrustByRotation(trusted: TrustedKey[], statements: SignedStatement[]): TrustedKey[] {
  const out = [...trusted];
  const used = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of statements) {
      if (used.has(s.name)) continue;
      let sigKeyId: string;
      try {
        sigKeyId = keyIdHex(parseSignature(s.signature).keyId);
      } catch (e) {
        throw new PackageError('rotationInvalid', s.name + '.minisig', (e as Error).message);
      }
      const signer = out.find((k) => k.keyId === sigKeyId);
      if (!signer) continue;
      used.add(s.name);
      const check = verifyMessage(s.json, s.signature, signer.key);
      if (!check.ok) throw new PackageError('rotationInvalid', s.name, check.reason);
      const parsed = RotationStatement.safeParse(safeJson(s.json));
      if (!parsed.success) throw new PackageError('rotationInvalid', s.name, 'not a rotation statement');
      const st = parsed.data;
      if (st.oldKeyId !== signer.keyId) throw new PackageError('rotationInvalid', s.name, 'signed by another key than it names');
      if (signer.schoolCode && st.school !== signer.schoolCode)
        throw new PackageError('rotationInvalid', s.name, `names school ${st.school}, key belongs to ${signer.schoolCode}`);
      let key;
      try {
        key = parsePublicKey(st.newPublicKey);
      } catch {
        throw new PackageError('rotationInvalid', s.name, 'bad new public key');
      }
      if (keyIdHex(key.keyId) !== st.newKeyId) throw new PackageError('rotationInvalid', s.name, 'new key id does not match the key');
      if (out.some((k) => k.keyId === st.newKeyId)) continue;
      out.push({ key, keyId: st.newKeyId, label: `${signer.label} → ${st.newKeyId}`, schoolCode: signer.schoolCode ?? st.school, source: 'rotation' });
      changed = true;
    }
  }
  return out;
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
