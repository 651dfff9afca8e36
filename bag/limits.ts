// Limits on a zip from outside (security-checklist.md, "Input from outside").
// A real report package has a few hundred files and a few GB at most; these
// leave room for that and refuse what only an attack would need.

export interface ZipLimits {
  /** Entries in the central directory (files and folders). */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Largest single entry. */
  maxEntryBytes: number;
  /** Uncompressed / compressed, checked for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Tag files and report.json are read into memory; nothing bigger is. */
  maxInMemoryBytes: number;
  /** A path inside the zip, in bytes. */
  maxNameBytes: number;
  /** The central directory is read whole; nothing honest needs more. */
  maxCentralDirectoryBytes: number;
  /**
   * Read before the signature is checked: the tag manifest, its signature and
   * key-rotation statements. Small, so that a forged package costs little.
   */
  maxUnsignedBytes: number;
  /** Payload manifests (manifest-<alg>.txt), held as path -> hash maps. */
  maxManifestBytes: number;
  /** bagit.txt, bag-info.txt and the other tag manifests, read whole. */
  maxTagFileBytes: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxEntryBytes: 16 * 1024 ** 3,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxInMemoryBytes: 64 * 1024 * 1024,
  maxNameBytes: 1024,
  maxCentralDirectoryBytes: 64 * 1024 * 1024,
  maxUnsignedBytes: 1024 * 1024,
  maxManifestBytes: 32 * 1024 * 1024,
  maxTagFileBytes: 1024 * 1024,
};

/** Templates are small: tighter limits. */
export const TEMPLATE_LIMITS: ZipLimits = {
  ...DEFAULT_LIMITS,
  maxEntries: 100,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
  maxInMemoryBytes: 32 * 1024 * 1024,
};
