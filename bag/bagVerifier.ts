// Verifies a zipped, signed bag (report or template package) in one read of
// the zip, without unpacking anything to disk. The order makes every failure
// name the file that is wrong:
//   1. the zip itself (names, links, sizes, counts, ratio: zipReader.ts);
//   2. the signature over the tag manifest (a changed tag manifest fails here);
//   3. each tag file against the tag manifest (a changed manifest fails here);
//   4. bagit.txt, bag-info.txt, the payload manifest's lines and coverage;
//   5. each payload file's SHA-512 against the manifest.
// The first failure is thrown as a PackageError.
import { createHash } from 'node:crypto';
import { extendTrustByRotation, isRotationFile, type SignedStatement } from './rotation';
import type { TrustedKey } from './keyTypes';
import { PAYLOAD_DIR, TAG, checkBagitTxt, parseBagInfo, parseManifest, payloadOxum } from './bagit';
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

const SIGNATURE_FILES = new Set<string>([TAG.tagManifest, TAG.signature]);
const REQUIRED_TAG_FILES = [TAG.bagit, TAG.bagInfo, TAG.manifest, TAG.tagManifest, TAG.signature];

export async function verifyBag(zipPath: string, opts: BagVerifyOptions): Promise<VerifiedBag> {
  const zip = await SafeZip.open(zipPath, opts.limits);
  opts.onStageOk?.('zip');
  try {
    return await verifyOpenBag(zip, opts);
  } finally {
    zip.close();
  }
}

async function verifyOpenBag(zip: SafeZip, opts: BagVerifyOptions): Promise<VerifiedBag> {
  const byPath = new Map(zip.files.map((f) => [f.path, f]));
  const tagEntries = zip.files.filter((f) => !f.path.startsWith(PAYLOAD_DIR));
  const payloadEntries = zip.files.filter((f) => f.path.startsWith(PAYLOAD_DIR));
  for (const name of REQUIRED_TAG_FILES) if (!byPath.has(name)) throw new PackageError('bagMissingTagFile', name);
  const read = async (path: string): Promise<Buffer> => zip.readAll(byPath.get(path) as SafeEntry);

  // 2. The signature over the tag manifest.
  const tagManifestBytes = await read(TAG.tagManifest);
  let parsed: ParsedSignature;
  try {
    parsed = parseSignature((await read(TAG.signature)).toString('utf8'));
  } catch (e) {
    throw new PackageError('sigMalformed', TAG.signature, (e as Error).message);
  }
  const tagManifestHash = prehash(tagManifestBytes);
  const keyId = keyIdHex(parsed.keyId);
  if (parsed.algorithm !== 'ED') throw new PackageError('sigAlgorithm', TAG.signature, `algorithm ${parsed.algorithm}, expected ED`);
  const trusted = extendTrustByRotation(opts.trusted, await readRotationStatements(tagEntries, read));
  const trustedKey = trusted.find((k) => k.keyId === keyId) ?? null;
  if (trustedKey) {
    checkSignature(parsed, trustedKey.key, tagManifestHash);
    opts.onStageOk?.('signature');
  }

  // 3. Tag files against the tag manifest; nothing outside data/ escapes it.
  const tagManifest = parseManifest(tagManifestBytes.toString('utf8'), TAG.tagManifest);
  for (const path of tagManifest.keys())
    if (path.startsWith(PAYLOAD_DIR) || SIGNATURE_FILES.has(path))
      throw new PackageError('bagManifestSyntax', TAG.tagManifest, `lists ${path}, which is not a tag file it can cover`);
  for (const name of [TAG.bagit, TAG.bagInfo, TAG.manifest])
    if (!tagManifest.has(name)) throw new PackageError('bagExtraFile', name, 'not covered by the tag manifest');
  const tagBytes = new Map<string, Buffer>();
  for (const entry of tagEntries) {
    if (SIGNATURE_FILES.has(entry.path)) continue;
    const expected = tagManifest.get(entry.path);
    if (expected === undefined) throw new PackageError('bagExtraFile', entry.path, 'a file outside data/ that the tag manifest does not list');
    const bytes = await read(entry.path);
    if (sha512(bytes) !== expected) throw new PackageError('bagHashMismatch', entry.path);
    tagBytes.set(entry.path, bytes);
  }
  for (const path of tagManifest.keys()) if (!tagBytes.has(path)) throw new PackageError('bagFileMissing', path, 'listed in the tag manifest');

  // 4. Declaration, bag-info, payload manifest.
  checkBagitTxt((tagBytes.get(TAG.bagit) as Buffer).toString('utf8'));
  const bagInfo = parseBagInfo((tagBytes.get(TAG.bagInfo) as Buffer).toString('utf8'));
  const externalId = bagInfo.get('External-Identifier')?.[0];
  if (externalId !== undefined && externalId !== zip.topFolder)
    throw new PackageError('bagInfo', TAG.bagInfo, `External-Identifier ${externalId} is not the bag folder ${zip.topFolder}`);
  const manifest = parseManifest((tagBytes.get(TAG.manifest) as Buffer).toString('utf8'), TAG.manifest);
  for (const path of manifest.keys()) {
    if (!path.startsWith(PAYLOAD_DIR)) throw new PackageError('bagManifestSyntax', TAG.manifest, `lists ${path}, outside data/`);
    if (!byPath.has(path)) throw new PackageError('bagFileMissing', path, 'listed in the manifest');
  }
  for (const entry of payloadEntries)
    if (!manifest.has(entry.path)) throw new PackageError('bagUnlistedPayload', entry.path, 'not in the manifest');
  const payloadBytes = payloadEntries.reduce((n, e) => n + e.size, 0);

  // 5. Every payload file's hash, streamed.
  const wanted = new Map<string, Buffer>();
  const wantedSet = new Set(opts.wanted);
  let done = 0;
  for (const entry of payloadEntries) {
    const keep = wantedSet.has(entry.path);
    if (keep && entry.size > opts.limits.maxInMemoryBytes) throw new PackageError('zipTooLarge', entry.path, `${entry.size} bytes`);
    const hash = createHash('sha512');
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openStream(entry)) {
      hash.update(chunk as Buffer);
      if (keep) chunks.push(chunk as Buffer);
      done += (chunk as Buffer).length;
      opts.onProgress?.(done, payloadBytes);
    }
    if (hash.digest('hex') !== manifest.get(entry.path)) throw new PackageError('bagHashMismatch', entry.path);
    if (keep) wanted.set(entry.path, Buffer.concat(chunks));
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

const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('hex');
