// Keys this installation trusts, kept as files under <dataDir>/trust/:
//   <KEYID>.pub   minisign's public key file (what `minisign -G` wrote)
//   <KEYID>.json  { label, kind, schoolCode?, addedAt }
// Bureau keys sign templates (and later receipts); school keys are what a
// bureau installation registers to verify the packages schools send. Files
// rather than database rows: the migrations belong to the store, and a
// technician can inspect or copy these with any tool.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SchoolCode } from '../../shared/domain/profile';
import { PackageError } from '../../bag/errors';
import { formatPublicKeyFile, keyIdHex, parsePublicKey, publicKeyLine } from '../../bag/minisign';
import type { TrustedKey } from '../../bag/keyTypes';

export const TrustKind = z.enum(['bureau', 'school']);
export type TrustKind = z.infer<typeof TrustKind>;

const Meta = z.object({
  label: z.string().trim().min(1).max(200),
  kind: TrustKind,
  schoolCode: SchoolCode.optional(),
  addedAt: z.string(),
});

export interface TrustEntry {
  keyId: string;
  publicKeyLine: string;
  label: string;
  kind: TrustKind;
  schoolCode: string | null;
  addedAt: string;
}

const MAX_KEY_FILE = 4096;

export class TrustStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static forDataDir(dataDir: string): TrustStore {
    return new TrustStore(join(dataDir, 'trust'));
  }

  list(): TrustEntry[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => /^[0-9A-F]{16}\.pub$/.test(n))
      .flatMap((n) => {
        const entry = this.read(n.slice(0, 16));
        return entry ? [entry] : [];
      })
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  /** Adds (or relabels) a key from the text of a minisign `.pub` file or an "RW..." line. */
  add(text: string, opts: { label?: string; kind?: TrustKind; schoolCode?: string } = {}): TrustEntry {
    if (Buffer.byteLength(text) > MAX_KEY_FILE) throw new PackageError('trustMalformed', undefined, 'larger than a key file');
    let key;
    try {
      key = parsePublicKey(text);
    } catch (e) {
      throw new PackageError('trustMalformed', undefined, (e as Error).message);
    }
    const keyId = keyIdHex(key.keyId);
    const kind = opts.kind ?? 'bureau';
    const meta = Meta.safeParse({
      label: opts.label?.trim() || commentOf(text) || keyId,
      kind,
      ...(opts.schoolCode ? { schoolCode: opts.schoolCode } : {}),
      addedAt: this.now().toISOString(),
    });
    if (!meta.success) throw new PackageError('trustMalformed', undefined, meta.error.issues[0]?.message);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeAtomic(join(this.dir, `${keyId}.pub`), formatPublicKeyFile(key));
    writeAtomic(join(this.dir, `${keyId}.json`), JSON.stringify(meta.data, null, 2) + '\n');
    return this.read(keyId) as TrustEntry;
  }

  /** Reads a `.pub` file chosen by the user (size-limited: it comes from outside). */
  addFile(path: string, opts: { label?: string; kind?: TrustKind; schoolCode?: string } = {}): TrustEntry {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (e) {
      throw new PackageError('trustMalformed', path, (e as NodeJS.ErrnoException).code);
    }
    if (size > MAX_KEY_FILE) throw new PackageError('trustMalformed', path, 'larger than a key file');
    return this.add(readFileSync(path, 'utf8'), opts);
  }

  remove(keyId: string): void {
    if (!/^[0-9A-F]{16}$/.test(keyId) || !existsSync(join(this.dir, `${keyId}.pub`))) throw new PackageError('trustNotFound', undefined, keyId);
    rmSync(join(this.dir, `${keyId}.json`), { force: true });
    rmSync(join(this.dir, `${keyId}.pub`), { force: true });
  }

  /** The keys of one kind, as the verifier takes them. */
  trusted(kind: TrustKind): TrustedKey[] {
    return this.list()
      .filter((e) => e.kind === kind)
      .map((e) => ({
        key: parsePublicKey(e.publicKeyLine),
        keyId: e.keyId,
        label: e.label,
        ...(e.schoolCode ? { schoolCode: e.schoolCode } : {}),
        source: 'trust-store' as const,
      }));
  }

  private read(keyId: string): TrustEntry | null {
    try {
      const key = parsePublicKey(readFileSync(join(this.dir, `${keyId}.pub`), 'utf8'));
      if (keyIdHex(key.keyId) !== keyId) return null;
      const metaPath = join(this.dir, `${keyId}.json`);
      const meta = existsSync(metaPath) ? Meta.safeParse(JSON.parse(readFileSync(metaPath, 'utf8'))) : null;
      const m = meta?.success ? meta.data : { label: keyId, kind: 'bureau' as const, addedAt: '' };
      return { keyId, publicKeyLine: publicKeyLine(key), label: m.label, kind: m.kind, schoolCode: m.schoolCode ?? null, addedAt: m.addedAt };
    } catch {
      return null; // a damaged file is not a trusted key
    }
  }
}

/** The untrusted comment of a .pub file, unless it is minisign's default. */
function commentOf(text: string): string | null {
  const m = /^untrusted comment: (.+)$/m.exec(text);
  const c = m?.[1]?.trim();
  return c && !/^minisign public key/.test(c) ? c.slice(0, 200) : null;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.partial`;
  writeFileSync(tmp, text, { mode: 0o644 });
  renameSync(tmp, path);
}
