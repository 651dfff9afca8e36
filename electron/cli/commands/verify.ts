// `selfcheck verify FILE... [--trust KEYFILE]... [--json]`: checks report
// packages as the bureau does. One line per package; exit 0 only when every
// package verifies. Keys: --trust files, plus (when a data folder exists) the
// school's own keys and the school keys registered in its trust store.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '../../../shared/domain/settings';
import { packageErrorText } from '../../../shared/report/messages';
import type { PackageVerifyResult } from '../../../shared/report/verifyResult';
import { resolveDataDir } from '../../config/dataDir';
import { keyFromFile, reportTrust } from '../../keys/reportTrust';
import { PackageError } from '../../../bag/errors';
import { verifyReportPackage } from '../../../bag/verify';
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

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check signed report packages (zip, bag, signature, report)',
  usage: `Usage: selfcheck verify FILE... [--trust KEYFILE]... [--data-dir DIR] [--json] [--lang zh-CN|en]

  --trust KEYFILE  a school's public key (minisign .pub file or a file holding the RW... line); repeatable
  --data-dir DIR   also trust this installation's own keys and registered school keys
  --json           print the full results as JSON
  --lang           language of the messages (default from $LANG)

Prints one line per package: OK or FAIL, file, school, signing key id, and the reason.
Exit code 0 only when every package verifies.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { trust: { type: 'string', multiple: true }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
      true,
    );
    if (positionals.length === 0) throw new UsageError('name at least one package file');
    const locale = cliLocale(values.lang);
    let dataDir: string | null = usingConfig(() => resolveDataDir(values['data-dir']));
    if (!existsSync(dataDir)) dataDir = null;
    const trusted = [];
    for (const file of values.trust ?? []) {
      try {
        trusted.push(keyFromFile(file));
      } catch (e) {
        if (e instanceof PackageError) throw new UsageError(`--trust ${file}: ${packageErrorText(locale, e.code, { file })}`);
        throw e;
      }
    }
    trusted.push(...reportTrust(dataDir));
    const results: PackageVerifyResult[] = [];
    for (const file of positionals) {
      const r = await verifyReportPackage(resolve(file), { trusted });
      results.push({ ...r, path: file });
      if (!values.json) io.out(describeResult({ ...r, path: file }, locale));
    }
    if (values.json) io.out(JSON.stringify(results, null, 2));
    return results.every((r) => r.ok) ? 0 : 1;
  },
};
