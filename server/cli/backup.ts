// `selfcheck server backup --data-dir B --out DIR`: a copy that is consistent
// while the server runs. The database first (SQLite's online backup API, or
// pg_dump for PostgreSQL), then the blob folder: blobs are written before the
// rows that name them and never change, so every package the database copy
// knows is in the blob copy. Config and keys are copied too (the folder holds
// the bureau's secret key: keep it offline).
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { dataPaths, loadConfig } from '../config';
import { databaseUrlFrom } from '../services/context';
import { parse, required, UsageError, type Io } from './args';

const run = promisify(execFile);

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, out: { type: 'string' }, database: { type: 'string' } });
  const paths = dataPaths(resolve(required(values['data-dir'], 'data-dir')));
  loadConfig(paths);
  const out = resolve(required(values.out, 'out'));
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`${out} is not empty; give a new folder for the backup`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const url = databaseUrlFrom(values.database);
  const started = Date.now();
  if (url) {
    const dump = join(out, 'database.pgdump');
    await run('pg_dump', ['--format=custom', '--file', dump, '--dbname', url]).catch((e: Error) => {
      throw new UsageError(`pg_dump failed (is it installed and the same major version as the server?): ${e.message}`);
    });
    io.err(`database: pg_dump to ${dump} (restore with pg_restore)`);
  } else {
    const db = new Database(paths.sqlite, { readonly: true, fileMustExist: true });
    try {
      await db.backup(join(out, 'server.sqlite'));
    } finally {
      db.close();
    }
    io.err(`database: SQLite online backup to ${join(out, 'server.sqlite')}`);
  }
  if (existsSync(paths.blobs)) cpSync(paths.blobs, join(out, 'blobs'), { recursive: true, filter: (src) => !src.endsWith('.partial') });
  for (const f of [paths.config, paths.bureauKey, paths.bureauPub, paths.connection]) if (existsSync(f)) copyFileSync(f, join(out, f.slice(paths.root.length + 1)));
  io.out(`backup written to ${out} in ${Date.now() - started} ms`);
  return 0;
}
