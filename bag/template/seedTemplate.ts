// Loads the checklist template shipped in seeds/: one meta file plus one file
// per area, assembled and checked against the Template schema. Plain Node.
import fs from 'fs';
import path from 'path';
import { z } from 'zod';
import { Template } from '../../shared/template/schema';

/**
 * The bundled Hunan template. Works from bag/template/ (ts-jest, tsc) and
 * from dist/<program>/ (esbuild bundles): both sit two folders below the repo root.
 */
export const SEED_TEMPLATE_DIR = path.resolve(__dirname, '../../seeds/hunan-school-selfcheck');

/** Every template shipped in seeds/ (v1 and the v2 instruments), one folder each. */
export const SEEDS_DIR = path.resolve(__dirname, '../../seeds');

const META_FILE = 'template.meta.json';

/** The template folders under `root`, sorted by name: those holding a template.meta.json. */
export function listSeedTemplateDirs(root: string = SEEDS_DIR): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, META_FILE)))
    .map((e) => path.join(root, e.name))
    .sort();
}
const AREAS_DIR = 'areas';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read template file ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`template file ${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

function describe(issue: z.core.$ZodIssue): string {
  return `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`;
}

/** Which file an issue path of the assembled template points into. */
function fileOfIssue(issuePath: PropertyKey[], metaFile: string, areaFiles: string[]): string {
  if (issuePath[0] === 'areas' && typeof issuePath[1] === 'number') return areaFiles[issuePath[1]] ?? metaFile;
  return metaFile;
}

/**
 * Reads `<dir>/template.meta.json` (everything but the areas) and
 * `<dir>/areas/*.json` (one Area each, ordered by file name), assembles and
 * parses them. Throws an Error naming the file and the issue path on failure.
 */
export function loadSeedTemplate(dir: string): Template {
  const metaFile = path.join(dir, META_FILE);
  const meta = readJson(metaFile);
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new Error(`template file ${metaFile} must hold a JSON object`);
  if ('areas' in meta) throw new Error(`template file ${metaFile} must not contain "areas"; put each area in ${AREAS_DIR}/`);

  const areasDir = path.join(dir, AREAS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(areasDir).filter((n) => n.endsWith('.json'));
  } catch (e) {
    throw new Error(`cannot list template areas in ${areasDir}: ${(e as Error).message}`, { cause: e });
  }
  names.sort();
  const areaFiles = names.map((n) => path.join(areasDir, n));
  const areas = areaFiles.map((f) => readJson(f));

  const result = Template.safeParse({ ...meta, areas });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const file = fileOfIssue(issue.path, metaFile, areaFiles);
      return `${file}: ${describe(issue)}`;
    });
    throw new Error(`invalid seed template in ${dir}:\n${lines.join('\n')}`);
  }
  return result.data;
}
