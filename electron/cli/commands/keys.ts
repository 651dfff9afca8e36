// `selfcheck keys [--data-dir DIR]`: the school's signing key id and public
// key (made now if there is none yet), optionally the printable enrolment
// sheet, or a key rotation.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageErrorText } from '../../../shared/report/messages';
import { resolveDataDir } from '../../config/dataDir';
import { keyFingerprint, renderEnrolmentSheet } from '../../keys/enrolmentSheet';
import { createKeyVault } from '../../keys/keyVault';
import { PackageError } from '../../../bag/errors';
import { createCore } from '../../services/core';
import { localIsoDate } from '../../services/summary';
import { parseFlags, usingConfig, type CliCommand } from '../command';
import { cliLocale } from './verify';

export const keysCommand: CliCommand = {
  name: 'keys',
  summary: "show the school's signing key (key id, public key); enrolment sheet; rotation",
  usage: `Usage: selfcheck keys [--data-dir DIR] [--pub FILE] [--sheet FILE] [--rotate] [--lang zh-CN|en]

  --data-dir DIR  data folder (default: $SELFCHECK_DATA_DIR or the OS app-data folder)
  --pub FILE      also write the public key as a minisign .pub file (for verify --trust, minisign -V -p)
  --sheet FILE    also write the printable enrolment sheet (HTML) to FILE
  --rotate        replace the key; the new one is announced by a statement signed with the old one
  --lang zh-CN|en language of the sheet (default from $LANG)

The key is made on first use. Give the bureau the public key (RW...) or the enrolment sheet.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      'data-dir': { type: 'string' },
      sheet: { type: 'string' },
      pub: { type: 'string' },
      rotate: { type: 'boolean' },
      lang: { type: 'string' },
    });
    const locale = cliLocale(values.lang);
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const vault = createKeyVault(dataDir);
    try {
      // Profile-dependent work opens the back end (and holds its lock) only when needed.
      const needsProfile = values.sheet !== undefined || values.rotate === true;
      const core = needsProfile ? createCore({ dataDir, mode: 'cli', purgeAtStart: false }) : null;
      try {
        const profile = core?.profile.get() ?? null;
        if (needsProfile && !profile) throw new PackageError('exportNoProfile');
        let status = vault.status();
        if (!status.exists) {
          vault.loadOrCreate();
          io.err('A new school key was made.');
          status = vault.status();
        }
        if (values.rotate && profile) {
          const r = vault.rotate(profile.code);
          io.err(`Key ${r.previous.keyId} replaced by ${r.current.keyId}; the rotation statement goes into every later package.`);
          status = vault.status();
        }
        const line = status.publicKeyLine as string;
        io.out(`key id:      ${status.keyId ?? ''}`);
        io.out(`public key:  ${line}`);
        io.out(`fingerprint: ${keyFingerprint(line)}`);
        io.out(`storage:     ${status.storage === 'sealed' ? 'sealed by the desktop app' : 'owner-only file'} (${resolve(dataDir, 'keys')})`);
        for (const r of status.retired) io.out(`retired:     ${r.keyId} (${r.retiredAt})`);
        if (values.pub) {
          // minisign's own .pub layout: a comment line, then the key line.
          writeFileSync(values.pub, `untrusted comment: SelfCheck school key ${status.keyId ?? ''}\n${line}\n`);
          io.err(`Public key written to ${values.pub}`);
        }
        if (values.sheet && profile) {
          const html = await renderEnrolmentSheet({
            schoolName: profile.name,
            schoolCode: profile.code,
            keyId: status.keyId ?? '',
            publicKeyLine: line,
            date: localIsoDate(new Date()),
            locale,
          });
          writeFileSync(values.sheet, html);
          io.err(`Enrolment sheet written to ${values.sheet}`);
        }
        return 0;
      } finally {
        core?.close();
      }
    } catch (e) {
      if (!(e instanceof PackageError)) throw e;
      io.err(`${e.code}: ${packageErrorText(locale, e.code, { file: e.file ?? '' })}${e.detail ? ` [${e.detail}]` : ''}`);
      return 1;
    }
  },
};
