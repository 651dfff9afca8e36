// The published JSON Schema of report.json is current, and a real exported
// report validates against it (with a standard validator, not zod). Every
// package error code has a message in both languages.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { reportJsonSchemaText } from '../../shared/report/jsonSchema';
import { packageErrorText, packageMessages } from '../../shared/report/messages';
import { PACKAGE_ERROR_CODES } from '../../bag/errors';
import { runExport } from '../../electron/package/export';
import { tempDir } from '../fixtures/core';
import { makeExportFixture } from './helpers/exportFixture';

const SCHEMA_FILE = join(__dirname, '..', '..', 'docs', 'report.schema.json');

test('docs/report.schema.json is generated from the zod schema (run node scripts/build-report-schema.mjs)', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(reportJsonSchemaText());
});

test('an exported report.json validates against the published schema; a broken one does not', async () => {
  const fx = await makeExportFixture();
  const out = tempDir('schema-out-');
  try {
    const r = await runExport({ core: fx.core, vault: fx.vault }, { outPath: join(out, 'p.zip') });
    execFileSync('unzip', ['-q', r.path, '-d', join(out, 'x')]);
    const [bag] = readdirSync(join(out, 'x'));
    const report = JSON.parse(readFileSync(join(out, 'x', bag as string, 'data/report.json'), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    expect(validate.errors ?? null).toBeNull();
    expect(validate(report)).toBe(true);
    expect(validate({ ...report, school: { ...(report.school as object), code: 'abc' } })).toBe(false);
    expect(validate({ ...report, formatVersion: 3 })).toBe(false); // 1 and 2 read; later versions do not
  } finally {
    fx.tc.cleanup();
    rmSync(out, { recursive: true, force: true });
  }
});

test('every package error code has a message in zh-CN and en', () => {
  for (const code of PACKAGE_ERROR_CODES)
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = packageErrorText(locale, code, { file: 'x' });
      expect({ code, locale, text: text === code ? null : text }).toEqual({ code, locale, text: expect.any(String) });
    }
  const zh = (packageMessages['zh-CN'].error as { package: Record<string, string> }).package;
  expect(Object.keys(zh).sort()).toEqual([...PACKAGE_ERROR_CODES].sort());
});
