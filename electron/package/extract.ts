// Unpacks a package into a folder the user chose, under every rule the
// verifier applies (zipReader.ts refuses bad names, links, sizes and ratios
// before a byte is written). Files are written into a hidden staging folder
// inside the target, each created exclusively (never over an existing file,
// never through a link), and the staging folder becomes <target>/<bag-id>
// only when everything is out. On any failure the staging folder is removed:
// nothing outside the target is touched, nothing partial keeps the final name.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PackageError } from './errors';
import { DEFAULT_LIMITS, type ZipLimits } from './limits';
import { SafeZip } from './zipReader';

export async function extractPackage(zipPath: string, targetDir: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<string> {
  if (!existsSync(targetDir) || !statSync(targetDir).isDirectory()) throw new PackageError('exportDeviceGone', targetDir, 'not a folder');
  const target = realpathSync(targetDir);
  const zip = await SafeZip.open(zipPath, limits);
  const finalDir = join(target, zip.topFolder);
  const staging = join(target, `.${zip.topFolder}.extracting-${randomBytes(4).toString('hex')}`);
  try {
    if (existsSync(finalDir)) throw new PackageError('extractTargetNotEmpty', finalDir);
    mkdirSync(staging, { mode: 0o700 });
    for (const entry of zip.files) {
      const dest = resolve(staging, entry.path);
      if (!dest.startsWith(staging + sep)) throw new PackageError('zipParentPath', entry.name, 'resolves outside the target folder');
      mkdirSync(dirname(dest), { recursive: true, mode: 0o755 });
      await pipeline(await zip.openStream(entry), createWriteStream(dest, { flags: 'wx', mode: 0o644 }));
    }
    renameSync(staging, finalDir);
    return finalDir;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    zip.close();
  }
}
