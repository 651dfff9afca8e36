// One bureau per test file and engine: a data folder made by `server init`,
// on SQLite or on a database of a throwaway PostgreSQL cluster, and a school
// enrolled with a fresh key. Commands get the engine through
// SELFCHECK_SERVER_DATABASE_URL, the way an operator would set it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SchoolKey } from '../../../bag/keyTypes';
import { makeSamplePackage, newSchoolKey, SCHOOL_CODE, type SampleOptions } from '../../package/helpers/samplePackage';
import { startPostgres, type TestPostgres } from './postgres';
import { cli } from './serverProcess';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

export interface Bureau {
  dir: string;
  dataDir: string;
  env: Record<string, string>;
  pg: TestPostgres | null;
  school: SchoolKey;
  /** Makes another data folder on the same engine (its own database). */
  another(name: string, config?: Record<string, unknown>): Bureau;
  makePackage(opts?: SampleOptions): Promise<{ zipPath: string; sha512: string }>;
  cleanup(): void;
}

let dbCounter = 0;

export async function setupBureau(engine: EngineName): Promise<Bureau> {
  const dir = mkdtempSync(join(tmpdir(), `selfcheck-server-${engine}-`));
  const pg = engine === 'postgres' ? await startPostgres() : null;
  const make = (name: string, config: Record<string, unknown> = {}): Omit<Bureau, 'school' | 'another' | 'makePackage' | 'cleanup'> => {
    const dataDir = join(dir, name);
    const env: Record<string, string> = pg ? { SELFCHECK_SERVER_DATABASE_URL: pg.createDatabase(`b${process.pid}_${++dbCounter}`) } : {};
    const init = cli(['server', 'init', '--data-dir', dataDir, '--name', `测试县教育局 ${name}`]);
    if (init.status !== 0) throw new Error(`server init failed: ${init.stderr}`);
    if (Object.keys(config).length > 0) {
      const path = join(dataDir, 'config.json');
      const current = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      writeFileSync(path, JSON.stringify({ ...current, ...config }));
    }
    return { dir, dataDir, env, pg };
  };
  const school = newSchoolKey();
  let pkgCounter = 0;
  const build = (base: ReturnType<typeof make>): Bureau => {
    const enrol = cli(['server', 'enrol', '--data-dir', base.dataDir, '--school', SCHOOL_CODE, '--name', '测试小学', '--key', school.publicKeyLine], base.env);
    if (enrol.status !== 0) throw new Error(`server enrol failed: ${enrol.stderr}`);
    return {
      ...base,
      school,
      another: (name, config) => build(make(name, config)),
      makePackage: async (opts = {}) => {
        const pkgDir = mkdtempSync(join(dir, `pkg${++pkgCounter}-`));
        const { zipPath } = await makeSamplePackage(pkgDir, { key: school, bagId: opts.bagId ?? `${SCHOOL_CODE}-20250101-v1-${pkgCounter}${process.pid}`, ...opts });
        return { zipPath, sha512: createHash('sha512').update(readFileSync(zipPath)).digest('hex') };
      },
      cleanup: () => {
        pg?.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
  return build(make('bureau'));
}
