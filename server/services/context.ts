// What every service needs, built once per process by openServer().
import { readFileSync } from 'node:fs';
import { parseSecretKeyFile, keyIdHex, publicKeyLine, type SecretKey } from '../../bag/minisign';
import { BlobStore } from '../blobs/blobStore';
import { dataPaths, loadConfig, type DataPaths, type ServerConfig } from '../config';
import { openDatabase, type ServerDb } from '../db/connect';
import { migrate } from '../db/migrations';

export interface ServerContext {
  paths: DataPaths;
  config: ServerConfig;
  store: ServerDb;
  bureauKey: SecretKey;
  bureauKeyLine: string;
  bureauKeyId: string;
  blobs: BlobStore;
  now(): Date;
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl: string | null;
  onPoolError?(e: Error): void;
}

/** Loads config and key, opens and migrates the database (refusing a newer one). */
export async function openServer(opts: OpenOptions): Promise<ServerContext> {
  const paths = dataPaths(opts.dataDir);
  const config = loadConfig(paths);
  const bureauKey = parseSecretKeyFile(readFileSync(paths.bureauKey, 'utf8'));
  const store = openDatabase(paths.sqlite, opts.databaseUrl, opts.onPoolError);
  try {
    await migrate(store.db);
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    paths,
    config,
    store,
    bureauKey,
    bureauKeyLine: publicKeyLine(bureauKey),
    bureauKeyId: keyIdHex(bureauKey.keyId),
    blobs: new BlobStore(paths.blobs),
    now: () => new Date(),
  };
}

/** The database URL from --database or SELFCHECK_SERVER_DATABASE_URL; null means the embedded SQLite file. */
export const databaseUrlFrom = (flag: string | undefined): string | null => flag ?? process.env.SELFCHECK_SERVER_DATABASE_URL ?? null;
