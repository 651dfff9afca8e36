// The published JSON Schema of data/report.json, generated from the zod schema
// (docs/report.schema.json; scripts/build-report-schema.mjs writes it and a test
// checks the committed copy is current). Input form: what a file must contain.
import { z } from 'zod';
import { REPORT_FORMAT_VERSION, ReportJson } from './schema';

export const REPORT_SCHEMA_ID = `https://selfcheck.invalid/schema/report-v${REPORT_FORMAT_VERSION}.json`;

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportJson, { io: 'input', unrepresentable: 'any' }),
    $id: REPORT_SCHEMA_ID,
    title: 'SelfCheck report.json',
    description:
      'The machine-readable report inside a signed SelfCheck report package (data/report.json). Confidential items carry their status only.',
  };
}

export const reportJsonSchemaText = (): string => JSON.stringify(reportJsonSchema(), null, 2) + '\n';
