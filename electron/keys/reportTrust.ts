// Which keys vouch for a report package on this computer: the school's own
// keys (current and retired: its older packages stay verifiable), the school
// keys registered in the trust store (a bureau installation), and keys given
// on the command line. Only public halves are read; no secret is loaded.
import { existsSync, readFileSync } from 'node:fs';
import { parsePublicKey, keyIdHex } from '../../bag/minisign';
import { PackageError } from '../../bag/errors';
import { createKeyVault } from './keyVault';
import { TrustStore } from './trustStore';
import type { TrustedKey } from '../../bag/keyTypes';

export function ownKeys(dataDir: string, schoolCode: string | undefined): TrustedKey[] {
  const status = createKeyVault(dataDir).status();
  const lines = [
    ...(status.publicKeyLine ? [{ line: status.publicKeyLine, label: 'this school' }] : []),
    ...status.retired.map((r) => ({ line: r.publicKeyLine, label: `this school (retired ${r.retiredAt.slice(0, 10)})` })),
  ];
  return lines.map(({ line, label }) => {
    const key = parsePublicKey(line);
    return { key, keyId: keyIdHex(key.keyId), label, ...(schoolCode ? { schoolCode } : {}), source: 'own' as const };
  });
}

export function reportTrust(dataDir: string | null, schoolCode?: string): TrustedKey[] {
  if (!dataDir || !existsSync(dataDir)) return [];
  return [...ownKeys(dataDir, schoolCode), ...TrustStore.forDataDir(dataDir).trusted('school')];
}

/** A key file named on the command line (`--trust KEYFILE`): a minisign .pub file or an "RW..." line. */
export function keyFromFile(path: string): TrustedKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PackageError('trustMalformed', path, (e as NodeJS.ErrnoException).code);
  }
  try {
    const key = parsePublicKey(text.length > 4096 ? '' : text);
    return { key, keyId: keyIdHex(key.keyId), label: path, source: 'command-line' };
  } catch (e) {
    throw new PackageError('trustMalformed', path, (e as Error).message);
  }
}
