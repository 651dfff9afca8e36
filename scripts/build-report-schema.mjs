// Writes docs/report.schema.json from the zod schema in shared/report/schema.ts.
// Run after changing the report format: node scripts/build-report-schema.mjs
// (test/package/schema.test.ts fails while the committed file is out of date).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'report-schema-'));
try {
  const outfile = join(tmp, 'schema.cjs');
  await build({ entryPoints: [join(root, 'shared/report/jsonSchema.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const { reportJsonSchemaText } = createRequire(import.meta.url)(outfile);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/report.schema.json'), reportJsonSchemaText());
  console.log('wrote docs/report.schema.json');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
