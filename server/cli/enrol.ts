// `selfcheck server enrol --data-dir B (--sheet FILE | --school CODE --key RW… [--name NAME])`
// Prints the fingerprint for the officer to read back to the principal.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnrolmentSheet } from '../../bag/enrolment';
import { openServer, databaseUrlFrom } from '../services/context';
import { enrolKey, type EnrolInput } from '../services/enrolment';
import { parse, required, UsageError, type Io } from './args';

export async function enrolCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    sheet: { type: 'string' },
    school: { type: 'string' },
    name: { type: 'string' },
    key: { type: 'string' },
  });
  let input: EnrolInput;
  if (values.sheet) {
    if (values.school || values.key) throw new UsageError('give either --sheet or --school with --key, not both');
    const block = parseEnrolmentSheet(readFileSync(values.sheet, 'utf8'));
    input = { schoolCode: block.schoolCode, schoolName: block.schoolName, publicKey: block.publicKey, source: 'sheet' };
  } else {
    input = { schoolCode: required(values.school, 'school'), schoolName: values.name ?? required(values.school, 'school'), publicKey: required(values.key, 'key'), source: 'command-line' };
  }
  const ctx = await openServer({ dataDir: resolve(required(values['data-dir'], 'data-dir')), databaseUrl: databaseUrlFrom(values.database) });
  try {
    const r = await enrolKey(ctx, input);
    io.out(`school:       ${input.schoolCode} ${input.schoolName}`);
    io.out(`key id:       ${r.keyId}`);
    io.out(`fingerprint:  ${r.fingerprint}`);
    io.err(r.alreadyEnrolled ? 'This key was already enrolled for this school; nothing changed.' : 'Enrolled. Read the fingerprint back to the principal: it must match the one on the sheet.');
    for (const k of r.retired) io.err(`The school's previous key ${k} is retired: it can no longer log in or sign.`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}
