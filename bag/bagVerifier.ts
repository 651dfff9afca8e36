// Verifies a zipped, signed bag (report or template package) in one read of
// the zip, without unpacking anything to disk. The order makes every failure
// name the file that is wrong:
//   1. the zip itself (every byte accounted for, names, links, sizes, counts,
//      ratio: zipReader.ts), before any content is read;
//   2. the signature over the tag manifest, reading only small capped files
//      first (a changed tag manifest fails here);
//   3. the tag manifests (every one present, for every algorithm we know);
//   4. each tag file against them, streamed (a changed manifest fails here);
//   5. bagit.txt, bag-info.txt, the payload manifests' lines and coverage;
//   6. each payload file against every payload manifest, streamed.
// Memory stays bounded by the caps in limits.ts whatever the package holds.
// The first failure is thrown as a PackageError.
import { createHash } from 'node:crypto';
import { extendTrustByRotation, isRotationFile, type SignedStatement } from './rotation';
import type { TrustedKey } from './keyTypes';
import { PAYLOAD_DIR, TAG, checkBagitTxt, manifestKind, parseBagInfo, parseManifest, payloadOxum, type ManifestAlgorithm } from './bagit';
import { PackageError } from './errors';
import type { ZipLimits } from './limits';
import { keyIdHex, parseSignature, prehash, verifyPrehashed, type ParsedSignature, type PublicKey } from './minisign';
import { SafeZip, type SafeEntry } from './zipReader';

export interface VerifiedBag {
  bagId: string;
  bagInfo: Map<string, string[]>;
  /** Payload path -> SHA-512 hex, every one checked. */
  manifest: Map<string, string>;
  /** Payload path -> size in bytes. */
  sizes: Map<string, number>;
  /** Contents of the payload files the caller asked for (already hash-checked). */
  wanted: Map<string, Buffer>;
  signature: {
    keyId: string;
    trustedComment: string;
    /** The trusted key that verified it; null when no trusted key has this key id (see verifyWithKey). */
    trustedKey: TrustedKey | null;
    parsed: ParsedSignature;
    tagManifestHash: Uint8Array;
  };
}

export interface BagVerifyOptions {
  trusted: TrustedKey[];
  limits: ZipLimits;
  /** Payload files to return in memory, e.g. ["data/report.json"]. */
  wanted: string[];
  onProgress?(bytesDone: number, bytesTotal: number): void;
  /** Told when a stage has passed: the zip, the signature (only with a trusted key), the bag. */
  onStageOk?(stage: 'zip' | 'signature' | 'bag'): void;
}

const REQUIRED_TAG_FILES = [TAG.bagit, TAG.bagInfo, TAG.manifest, TAG.tagManifest, TAG.signature];
/** A minisign signature is under 9 KiB even with the longest trusted comment. */
const MAX_SIGNATURE_BYTES = 16 * 1024;

export async function verifyBag(zipPath: string, opts: BagVerifyOptions): Promise<VerifiedBag> {
  const zip = await SafeZip.open(zipPath, opts.limits);
  opts.onStageOk?.('zip');
  try {
    return await verifyOpenBag(zip, opts);
  } finally {
    await zip.close();
  }
}

async function verifyOpenBag(zip: SafeZip, opts: BagVerifyOptions): Promise<VerifiedBag> {
  const limits = opts.limits;
  const byPath = new Map(zip.files.map((f) => [f.path, f]));
  const entry = (path: string): SafeEntry => byPath.get(path) as SafeEntry;
  const tagEntries = zip.files.filter((f) => !f.path.startsWith(PAYLOAD_DIR));
  const payloadEntries = zip.files.filter((f) => f.path.startsWith(PAYLOAD_DIR));
  if (byPath.has(TAG.fetch)) throw new PackageError('bagFetch', TAG.fetch, 'a bag that lists files to download is not complete');
  for (const name of REQUIRED_TAG_FILES) if (!byPath.has(name)) throw new PackageError('bagMissingTagFile', name);
  const kinds = new Map(tagEntries.flatMap((e) => {
    const k = manifestKind(e.path);
    return k ? [[e.path, k] as const] : [];
  }));

  // 2. The signature over the tag manifest, before anything large is read:
  //    only these small files (and key-rotation statements) are read unsigned.
  const tagManifestBytes = await zip.readAll(entry(TAG.tagManifest), limits.maxUnsignedBytes, 'bagTagFileTooLarge');
  let parsed: ParsedSignature;
  try {
    parsed = parseSignature((await zip.readAll(entry(TAG.signature), MAX_SIGNATURE_BYTES, 'bagTagFileTooLarge')).toString('utf8'));
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError('sigMalformed', TAG.signature, (e as Error).message);
  }
  const tagManifestHash = prehash(tagManifestBytes);
  const keyId = keyIdHex(parsed.keyId);
  if (parsed.algorithm !== 'ED') throw new PackageError('sigAlgorithm', TAG.signature, `algorithm ${parsed.algorithm}, expected ED`);
  const statements = await readRotationStatements(tagEntries, (p) => zip.readAll(entry(p), limits.maxUnsignedBytes, 'bagTagFileTooLarge'));
  const trusted = extendTrustByRotation(opts.trusted, statements);
  const trustedKey = trusted.find((k) => k.keyId === keyId) ?? null;
  if (trustedKey) {
    checkSignature(parsed, trustedKey.key, tagManifestHash);
    opts.onStageOk?.('signature');
  }

  // 3. Tag manifests: the signed SHA-512 one covers every tag file; any other present must verify too.
  const tagManifests = new Map<ManifestAlgorithm, Map<string, string>>([['sha512', parseManifest(tagManifestBytes.toString('utf8'), TAG.tagManifest)]]);
  for (const [path, k] of kinds)
    if (k.tag && k.algorithm !== 'sha512')
      tagManifests.set(k.algorithm, parseManifest((await zip.readAll(entry(path), limits.maxTagFileBytes, 'bagTagFileTooLarge')).toString('utf8'), path, k.algorithm));
  const coverable = (path: string): boolean => !path.startsWith(PAYLOAD_DIR) && path !== TAG.signature && !kinds.get(path)?.tag;
  for (const [algorithm, m] of tagManifests)
    for (const path of m.keys()) {
      if (!coverable(path)) throw new PackageError('bagManifestSyntax', `tagmanifest-${algorithm}.txt`, `lists ${path}, which is not a tag file it can cover`);
      if (!byPath.has(path)) throw new PackageError('bagFileMissing', path, `listed in tagmanifest-${algorithm}.txt`);
    }
  const signedTags = tagManifests.get('sha512') as Map<string, string>;

  // 4. Each tag file streamed through every tag manifest's hash; kept only if it is read next.
  const tagBytes = new Map<string, Buffer>();
  for (const e of tagEntries) {
    if (!coverable(e.path)) continue;
    if (!signedTags.has(e.path)) throw new PackageError('bagExtraFile', e.path, 'a file outside data/ that the tag manifest does not list');
    const cap = kinds.has(e.path) ? limits.maxManifestBytes : e.path === TAG.bagit || e.path === TAG.bagInfo ? limits.maxTagFileBytes : null;
    if (cap !== null && e.size > cap) throw new PackageError('bagTagFileTooLarge', e.path, `${e.size} bytes, limit ${cap}`);
    const algorithms = [...tagManifests].filter(([, m]) => m.has(e.path)).map(([a]) => a);
    const { digests, bytes } = await hashEntry(zip, e, algorithms, cap !== null);
    for (const a of algorithms) if (digests.get(a) !== tagManifests.get(a)?.get(e.path)) throw new PackageError('bagHashMismatch', e.path, `${a} differs from tagmanifest-${a}.txt`);
    if (bytes) tagBytes.set(e.path, bytes);
  }
  const text = (path: string): string => (tagBytes.get(path) as Buffer).toString('utf8');

  // 5. Declaration, bag-info, payload manifests (every one lists every payload file).
  checkBagitTxt(text(TAG.bagit));
  const bagInfo = parseBagInfo(text(TAG.bagInfo));
  const externalId = bagInfo.get('External-Identifier')?.[0];
  if (externalId !== undefined && externalId !== zip.topFolder)
    throw new PackageError('bagInfo', TAG.bagInfo, `External-Identifier ${externalId} is not the bag folder ${zip.topFolder}`);
  const manifests = new Map<ManifestAlgorithm, Map<string, string>>();
  for (const [path, k] of kinds) if (!k.tag) manifests.set(k.algorithm, parseManifest(text(path), path, k.algorithm));
  const manifest = manifests.get('sha512') as Map<string, string>;
  for (const [algorithm, m] of manifests) {
    const name = `manifest-${algorithm}.txt`;
    for (const path of m.keys()) {
      if (!path.startsWith(PAYLOAD_DIR)) throw new PackageError('bagManifestSyntax', name, `lists ${path}, outside data/`);
      if (!byPath.has(path)) throw new PackageError('bagFileMissing', path, `listed in ${name}`);
    }
    for (const e of payloadEntries) if (!m.has(e.path)) throw new PackageError('bagUnlistedPayload', e.path, `not in ${name}`);
  }
  const payloadBytes = payloadEntries.reduce((n, e) => n + e.size, 0);

  // 6. Every payload file streamed through every manifest's hash.
  const wanted = new Map<string, Buffer>();
  const wantedSet = new Set(opts.wanted);
  let done = 0;
  for (const e of payloadEntries) {
    const keep = wantedSet.has(e.path);
    if (keep && e.size > limits.maxInMemoryBytes) throw new PackageError('zipTooLarge', e.path, `${e.size} bytes`);
    const { digests, bytes } = await hashEntry(zip, e, [...manifests.keys()], keep, (n) => {
      done += n;
      opts.onProgress?.(done, payloadBytes);
    });
    for (const [a, m] of manifests) if (digests.get(a) !== m.get(e.path)) throw new PackageError('bagHashMismatch', e.path, `${a} differs from manifest-${a}.txt`);
    if (bytes) wanted.set(e.path, bytes);
  }
  // After streaming, so that an entry lying about its size is named as such first.
  const oxum = bagInfo.get('Payload-Oxum')?.[0];
  if (oxum !== undefined && oxum !== payloadOxum(payloadBytes, payloadEntries.length))
    throw new PackageError('bagOxum', TAG.bagInfo, `Payload-Oxum ${oxum}, payload is ${payloadOxum(payloadBytes, payloadEntries.length)}`);
  opts.onStageOk?.('bag');

  return {
    bagId: zip.topFolder,
    bagInfo,
    manifest,
    sizes: new Map(payloadEntries.map((e) => [e.path, e.size])),
    wanted,
    signature: { keyId, trustedComment: parsed.trustedComment, trustedKey, parsed, tagManifestHash },
  };
}

/** One pass over an entry, feeding every hash; the bytes are kept only when asked (the caller has capped the size). */
async function hashEntry(
  zip: SafeZip,
  e: SafeEntry,
  algorithms: ManifestAlgorithm[],
  keep: boolean,
  onBytes?: (n: number) => void,
): Promise<{ digests: Map<ManifestAlgorithm, string>; bytes: Buffer | null }> {
  const hashes = algorithms.map((a) => [a, createHash(a)] as const);
  const chunks: Buffer[] = [];
  for await (const chunk of zip.openStream(e)) {
    for (const [, h] of hashes) h.update(chunk as Buffer);
    if (keep) chunks.push(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return { digests: new Map(hashes.map(([a, h]) => [a, h.digest('hex')])), bytes: keep ? Buffer.concat(chunks) : null };
}

/** Throws the signature failure, naming the tag manifest (content changed) or the signature file (comment changed). */
export function checkSignature(parsed: ParsedSignature, key: PublicKey, tagManifestHash: Uint8Array): void {
  const r = verifyPrehashed(parsed, key, tagManifestHash);
  if (r.ok) return;
  switch (r.reason) {
    case 'unsupported_algorithm':
      throw new PackageError('sigAlgorithm', TAG.signature);
    case 'key_id_mismatch':
      throw new PackageError('sigKeyNotTrusted', TAG.signature, `signed by key ${r.keyId}`);
    case 'bad_signature':
      throw new PackageError('sigBad', TAG.tagManifest, `the tag manifest does not match the signature of key ${r.keyId}`);
    case 'bad_global_signature':
      throw new PackageError('sigGlobalBad', TAG.signature, `the signature file does not verify with key ${r.keyId} (changed or made by another key)`);
  }
}

async function readRotationStatements(tagEntries: SafeEntry[], read: (p: string) => Promise<Buffer>): Promise<SignedStatement[]> {
  const out: SignedStatement[] = [];
  for (const e of tagEntries) {
    if (!isRotationFile(e.path) || e.path.endsWith('.minisig')) continue;
    const sigPath = e.path + '.minisig';
    if (!tagEntries.some((t) => t.path === sigPath)) throw new PackageError('rotationInvalid', e.path, 'statement without its signature');
    out.push({ name: e.path, json: await read(e.path), signature: (await read(sigPath)).toString('utf8') });
  }
  return out;
}

