// The school's signing key, made on first use and kept under <dataDir>/keys/.
//
// Files (the folder is 0700, secret files 0600):
//   school.key         the secret key in minisign's unencrypted format (CLI / web mode), or
//   school.key.sealed  the same bytes sealed by a SeedSealer (the desktop app: Electron safeStorage)
//   school.pub         the public key, minisign .pub format
//   school.json        key id, public key line, created time, how the secret is stored
//   retired/<ID>.json  public halves of keys replaced by rotate() (to trust our own older packages)
//   rotation/          the signed rotation statements, included in every package
//   consent.json       the user's "yes" to storing the key without a keyring (Linux basic_text)
//
// The secret never leaves this folder and never enters a package
// (security-checklist.md, "Keys"). A key file that group or others can read
// is refused, not silently fixed: someone may have copied it already.
import { chmodSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PackageError } from '../../bag/errors';
import { formatPublicKeyFile, formatSecretKeyFile, generateSecretKey, keyIdHex, parseSecretKeyFile, type SecretKey } from '../../bag/minisign';
import { makeRotationStatement, type SignedStatement } from '../../bag/rotation';
import { toSchoolKey, type SchoolKey } from '../../bag/keyTypes';

/**
 * The seam for the desktop app's key store (the lead implements it in
 * electron/keys/safeStorageVault.ts with Electron's safeStorage):
 * - seal/unseal: encrypt and decrypt the secret key bytes (the minisign key
 *   file text, which holds the 32-byte seed) with the OS keyring;
 * - weakness(): 'basic_text' when Electron reports that backend on Linux
 *   (no keyring: "encryption" with a fixed password). The vault then refuses
 *   to create a key until the user has said yes (loadOrCreate({acceptWeakStorage: true}),
 *   recorded in consent.json), and status() tells the UI to ask.
 */
export interface SeedSealer {
  readonly kind: string;
  weakness(): 'basic_text' | null;
  seal(secret: Uint8Array): Uint8Array;
  unseal(sealed: Uint8Array): Uint8Array;
}

export interface KeyVaultStatus {
  exists: boolean;
  keyId: string | null;
  publicKeyLine: string | null;
  createdAt: string | null;
  /** 'file': an owner-only file; 'sealed': encrypted by the desktop key store. */
  storage: 'file' | 'sealed' | null;
  /** Why the desktop key store does not protect the key, when it does not. */
  weakness: 'basic_text' | null;
  /** The UI must ask before a key is made (weak storage, no consent yet). */
  consentNeeded: boolean;
  retired: { keyId: string; publicKeyLine: string; retiredAt: string }[];
}

export interface KeyVault {
  status(): KeyVaultStatus;
  /** The current key, made now when there is none. */
  loadOrCreate(opts?: { acceptWeakStorage?: boolean }): SchoolKey;
  /** Replaces the key; the statement announcing the new one is signed with the old one. */
  rotate(schoolCode: string, now?: Date): { previous: SchoolKey; current: SchoolKey; statement: SignedStatement };
  /** Every rotation statement so far, oldest first, for inclusion in packages. */
  rotationStatements(): SignedStatement[];
}

const Meta = z.object({
  format: z.literal(1),
  keyId: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  storage: z.enum(['file', 'sealed']),
});
type Meta = z.infer<typeof Meta>;
const Retired = z.object({ keyId: z.string(), publicKey: z.string(), createdAt: z.string(), retiredAt: z.string() });

const SECRET = 'school.key';
const SEALED = 'school.key.sealed';
const META = 'school.json';

export function createKeyVault(dataDir: string, sealer?: SeedSealer): KeyVault {
  return new FileKeyVault(join(dataDir, 'keys'), sealer);
}

class FileKeyVault implements KeyVault {
  constructor(
    private readonly dir: string,
    private readonly sealer?: SeedSealer,
  ) {}

  status(): KeyVaultStatus {
    const meta = this.readMeta();
    const weakness = this.sealer?.weakness() ?? null;
    return {
      exists: meta !== null,
      keyId: meta?.keyId ?? null,
      publicKeyLine: meta?.publicKey ?? null,
      createdAt: meta?.createdAt ?? null,
      storage: meta?.storage ?? null,
      weakness,
      consentNeeded: meta === null && weakness !== null && !existsSync(join(this.dir, 'consent.json')),
      retired: this.retired().map((r) => ({ keyId: r.keyId, publicKeyLine: r.publicKey, retiredAt: r.retiredAt })),
    };
  }

  loadOrCreate(opts: { acceptWeakStorage?: boolean } = {}): SchoolKey {
    const meta = this.readMeta();
    if (meta) return this.load(meta);
    const weakness = this.sealer?.weakness() ?? null;
    if (weakness && !existsSync(join(this.dir, 'consent.json'))) {
      if (!opts.acceptWeakStorage) throw new PackageError('keyInsecureStorage', undefined, weakness);
      this.ensureDir();
      writeSecretFile(join(this.dir, 'consent.json'), Buffer.from(JSON.stringify({ weakStorage: weakness, acceptedAt: new Date().toISOString() })));
    }
    return this.install(generateSecretKey(), new Date(), 'create') ?? this.adoptExisting();
  }

  /**
   * Another process linked its key first (use theirs once its description is
   * written), or a crash left a secret without school.json (describe it now).
   */
  private adoptExisting(): SchoolKey {
    for (let i = 0; i < 20; i++) {
      const meta = this.readMeta();
      if (meta) return this.load(meta);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
    const storage = existsSync(join(this.dir, SEALED)) ? 'sealed' : 'file';
    const text =
      storage === 'sealed'
        ? Buffer.from(this.unsealer().unseal(readOwnerOnly(join(this.dir, SEALED)))).toString('utf8')
        : readOwnerOnly(join(this.dir, SECRET)).toString('utf8');
    const key = toSchoolKey(parseSecretKeyFile(text), new Date().toISOString());
    this.writeDescription(key, storage);
    return key;
  }

  private unsealer(): SeedSealer {
    if (!this.sealer) throw new PackageError('keySealedElsewhere', join(this.dir, SEALED));
    return this.sealer;
  }

  rotate(schoolCode: string, now = new Date()): { previous: SchoolKey; current: SchoolKey; statement: SignedStatement } {
    const previous = this.loadOrCreate();
    const next = generateSecretKey();
    const statement = makeRotationStatement(previous.secret, next, schoolCode, now);
    const rotDir = join(this.dir, 'rotation');
    mkdirSync(rotDir, { recursive: true, mode: 0o700 });
    writeSecretFile(join(rotDir, statement.name), statement.json, 0o644);
    writeSecretFile(join(rotDir, statement.name + '.minisig'), Buffer.from(statement.signature), 0o644);
    const retiredDir = join(this.dir, 'retired');
    mkdirSync(retiredDir, { recursive: true, mode: 0o700 });
    const retired = { keyId: previous.keyId, publicKey: previous.publicKeyLine, createdAt: previous.createdAt, retiredAt: now.toISOString() };
    writeSecretFile(join(retiredDir, `${previous.keyId}.json`), Buffer.from(JSON.stringify(retired, null, 2)), 0o644);
    const current = this.install(next, now, 'replace');
    if (!current) throw new Error('key rotation lost a race');
    return { previous, current, statement };
  }

  rotationStatements(): SignedStatement[] {
    const rotDir = join(this.dir, 'rotation');
    if (!existsSync(rotDir)) return [];
    return readdirSync(rotDir)
      .filter((n) => n.endsWith('.json'))
      .map((name) => ({ name, json: readFileSync(join(rotDir, name)), signature: readFileSync(join(rotDir, name + '.minisig'), 'utf8') }))
      .sort((a, b) => timeOf(a.json).localeCompare(timeOf(b.json)));
  }

  private retired(): z.infer<typeof Retired>[] {
    const d = join(this.dir, 'retired');
    if (!existsSync(d)) return [];
    return readdirSync(d)
      .filter((n) => n.endsWith('.json'))
      .flatMap((n) => {
        const r = Retired.safeParse(JSON.parse(readFileSync(join(d, n), 'utf8')));
        return r.success ? [r.data] : [];
      });
  }

  private readMeta(): Meta | null {
    const p = join(this.dir, META);
    if (!existsSync(p)) return null;
    const parsed = Meta.safeParse(JSON.parse(readFileSync(p, 'utf8')));
    if (!parsed.success) throw new PackageError('keyUnreadable', p, 'school.json is not a key description');
    return parsed.data;
  }

  private load(meta: Meta): SchoolKey {
    let text: string;
    if (meta.storage === 'sealed') {
      text = Buffer.from(this.unsealer().unseal(readOwnerOnly(join(this.dir, SEALED)))).toString('utf8');
    } else {
      text = readOwnerOnly(join(this.dir, SECRET)).toString('utf8');
    }
    let secret: SecretKey;
    try {
      secret = parseSecretKeyFile(text);
    } catch (e) {
      throw new PackageError('keyUnreadable', join(this.dir, SECRET), (e as Error).message);
    }
    if (keyIdHex(secret.keyId) !== meta.keyId) throw new PackageError('keyUnreadable', join(this.dir, META), 'key id differs from the secret key');
    return toSchoolKey(secret, meta.createdAt);
  }

  /**
   * Writes a key. 'create' links the secret into place so that of two
   * processes creating at once exactly one wins (null for the loser);
   * 'replace' renames over the current key (rotation).
   */
  private install(secret: SecretKey, now: Date, mode: 'create' | 'replace'): SchoolKey | null {
    this.ensureDir();
    const storage = this.sealer ? 'sealed' : 'file';
    const secretName = storage === 'sealed' ? SEALED : SECRET;
    const bytes = Buffer.from(formatSecretKeyFile(secret, 'selfcheck school key: keep secret, never copy'));
    const tmp = join(this.dir, `.${secretName}.${process.pid}.tmp`);
    writeSecretFile(tmp, this.sealer ? Buffer.from(this.sealer.seal(bytes)) : bytes);
    try {
      if (mode === 'create') linkSync(tmp, join(this.dir, secretName));
      else renameSync(tmp, join(this.dir, secretName));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
      throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
    if (storage === 'sealed') rmSync(join(this.dir, SECRET), { force: true });
    else rmSync(join(this.dir, SEALED), { force: true });
    const key = toSchoolKey(secret, now.toISOString());
    this.writeDescription(key, storage);
    return key;
  }

  private writeDescription(key: SchoolKey, storage: 'file' | 'sealed'): void {
    writeSecretFile(join(this.dir, 'school.pub'), Buffer.from(formatPublicKeyFile(key.secret)), 0o644);
    const meta: Meta = { format: 1, keyId: key.keyId, publicKey: key.publicKeyLine, createdAt: key.createdAt, storage };
    writeSecretFile(join(this.dir, META), Buffer.from(JSON.stringify(meta, null, 2)), 0o644);
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(this.dir, 0o700);
  }
}


/** Reads a secret file, refusing one that group or others can read. */
function readOwnerOnly(path: string): Buffer {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new PackageError('keyUnreadable', path, (e as NodeJS.ErrnoException).code);
  }
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
    throw new PackageError(
      'keyFilePermissions',
      path,
      `mode ${(st.mode & 0o777).toString(8)}: group or others can read the school key; if nobody copied it, run "chmod 600 ${path}", else make a new key`,
    );
  return readFileSync(path);
}

/** Writes a file durably (temp name, fsync, rename) with the given mode. */
function writeSecretFile(path: string, bytes: Buffer, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.partial`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (process.platform !== 'win32') chmodSync(tmp, mode);
  renameSync(tmp, path);
}

function timeOf(json: Buffer): string {
  try {
    const t = (JSON.parse(json.toString('utf8')) as { time?: unknown }).time;
    return typeof t === 'string' ? t : '';
  } catch {
    return '';
  }
}
