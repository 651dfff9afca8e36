// `selfcheck verify FILE... (--trust KEYFILE --school CODE)... [--json]`:
// checks report packages as the bureau does. One line per package; exit 0
// only when every package verifies, and never by default: no trusted key, an
// unreadable file or an unexpected error is a non-zero exit with a reason.
// Keys: --trust files, each bound to the school named by its --school (as the
// trust store binds registered keys), plus (when a data folder exists) the
// school's own keys and the school keys registered in its trust store.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '../../../shared/domain/settings';
import { packageErrorText } from '../../../shared/report/messages';
import { VERIFY_STAGES, type PackageVerifyResult } from '../../../shared/report/verifyResult';
import { SchoolCode } from '../../../shared/domain/profile';
import type { TrustedKey } from '../../../bag/keyTypes';
import { resolveDataDir } from '../../config/dataDir';
import { keyFromFile, reportTrust } from '../../keys/reportTrust';
import { PackageError } from '../../../bag/errors';
import { blankVerifyResult, verifyReportPackage } from '../../../bag/verify';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';

export const cliLocale = (flag: string | undefined, env = process.env): Locale => {
  if (flag === 'zh-CN' || flag === 'en') return flag;
  if (flag !== undefined) throw new UsageError(`--lang must be zh-CN or en, not ${flag}`);
  return /^zh/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'zh-CN' : 'en';
};

export function describeResult(r: PackageVerifyResult, locale: Locale): string {
  const school = r.schoolCode ? `${r.schoolCode}${r.schoolName ? ` ${r.schoolName}` : ''}` : '-';
  const fields = [r.ok ? 'OK  ' : 'FAIL', r.path, `school=${school}`, `key=${r.signerKeyId ?? '-'}`];
  if (r.ok) fields.push(r.keyTrust === 'rotated' ? `trusted via key rotation (${r.trustedAs ?? ''})` : `trusted (${r.trustedAs ?? ''})`);
  else if (r.failure) {
    const text = packageErrorText(locale, r.failure.code, { file: r.failure.file ?? '' });
    fields.push(`${r.failure.code}: ${text}${r.failure.detail ? ` [${r.failure.detail}]` : ''}`);
  }
  return fields.join('  ');
}

/** Exit codes of `selfcheck verify`, as its --help documents them. */
export const VERIFY_EXIT = { ok: 0, refused: 1, usage: 2, internal: 3 } as const;

/** `--trust KEYFILE --school CODE`, paired in the order given: each key vouches only for its school. */
function trustedFromFlags(files: string[], schools: string[], locale: Locale): TrustedKey[] {
  if (files.length !== schools.length)
    throw new UsageError(
      `give one --school CODE for each --trust KEYFILE (${files.length} --trust, ${schools.length} --school): a key vouches only for the school it belongs to`,
    );
  return files.map((file, i) => {
    const school = SchoolCode.safeParse(schools[i]);
    if (!school.success) throw new UsageError(`--school ${schools[i] ?? ''}: a school code is 10 digits starting with 1`);
    try {
      return { ...keyFromFile(file), schoolCode: school.data };
    } catch (e) {
      if (e instanceof PackageError) throw new UsageError(`--trust ${file}: ${packageErrorText(locale, e.code, { file })}${e.detail ? ` [${e.detail}]` : ''}`);
      throw e;
    }
  });
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check signed report packages (zip, bag, signature, report)',
  usage: `Usage: selfcheck verify FILE... (--trust KEYFILE --school CODE)... [--data-dir DIR] [--json] [--lang zh-CN|en]

  --trust KEYFILE  a school's public key (minisign .pub file or a file holding the RW... line); repeatable
  --school CODE    the school (10-digit code) the --trust key before it belongs to; one per --trust,
                   paired in order. A package that this key signed but that names another school is refused.
  --data-dir DIR   also trust this installation's own keys and the school keys registered in its trust store
  --json           print the full results as JSON
  --lang           language of the messages (default from $LANG)

Prints one line per package: OK or FAIL, file, school, signing key id, and the reason.
Verify fails closed: a file it cannot read, a damaged or tampered zip, a key it
does not trust, or any unexpected error is a FAIL, never an OK.

Exit codes:
  0  every package named was verified
  1  at least one package was refused (the reason is on its line)
  2  usage error: no package named, bad flags, a key file that cannot be read,
     --trust without its --school, or no trusted key at all
  3  an unexpected internal error while checking a package (reported as FAIL)`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        trust: { type: 'string', multiple: true },
        school: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
      },
      true,
    );
    if (positionals.length === 0) throw new UsageError('name at least one package file');
    const locale = cliLocale(values.lang);
    let dataDir: string | null = usingConfig(() => resolveDataDir(values['data-dir']));
    if (!existsSync(dataDir)) dataDir = null;
    const trusted = [...trustedFromFlags(values.trust ?? [], values.school ?? [], locale), ...reportTrust(dataDir)];
    if (trusted.length === 0)
      throw new UsageError('no trusted key: give the school\'s key with --trust KEYFILE --school CODE, or a data folder with registered keys (--data-dir)');
    const results: PackageVerifyResult[] = [];
    let internal = false;
    for (const file of positionals) {
      let r: PackageVerifyResult;
      try {
        r = { ...(await verifyReportPackage(resolve(file), { trusted })), path: file };
      } catch (e) {
        // A bug, not a verdict on the package: still a FAIL, with its own exit code.
        internal = true;
        r = internalFailure(file, e);
      }
      results.push(r);
      if (!values.json) io.out(describeResult(r, locale));
    }
    if (values.json) io.out(JSON.stringify(results, null, 2));
    if (internal) return VERIFY_EXIT.internal;
    return results.length > 0 && results.every((r) => r.ok) ? VERIFY_EXIT.ok : VERIFY_EXIT.refused;
  },
};

function internalFailure(file: string, e: unknown): PackageVerifyResult {
  return {
    ...blankVerifyResult(file),
    checks: VERIFY_STAGES.map((stage) => ({ stage, status: 'skipped' as const })),
    failure: { code: 'internal', i18nKey: 'error.internal', file: null, detail: e instanceof Error ? e.message : String(e) },
  };
}
