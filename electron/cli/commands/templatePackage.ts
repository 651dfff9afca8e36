// `selfcheck template-package --key KEY --out FILE [--seed DIR]`: signs a
// checklist template as a bag for schools to import. For a bureau (or a test):
// KEY is a minisign secret key without a password (`minisign -G -W`).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyIdHex, parseSecretKeyFile } from '../../../bag/minisign';
import { buildTemplatePackage } from '../../../bag/templatePackage';
import { loadSeedTemplate, SEED_TEMPLATE_DIR } from '../../../bag/template/seedTemplate';
import { UsageError, parseFlags, type CliCommand } from '../command';

export const templatePackageCommand: CliCommand = {
  name: 'template-package',
  summary: 'sign a checklist template (seeds/ folder) as a template package',
  usage: `Usage: selfcheck template-package --key KEYFILE --out FILE [--seed DIR]

  --key KEYFILE  the bureau's minisign secret key, unencrypted (minisign -G -W)
  --out FILE     the template package to write (.zip)
  --seed DIR     template folder (template.meta.json + areas/), default: the built-in template`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { key: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } });
    if (!values.key || !values.out) throw new UsageError('--key and --out are required');
    let key;
    try {
      key = parseSecretKeyFile(readFileSync(values.key, 'utf8'));
    } catch (e) {
      throw new UsageError(`--key ${values.key}: ${(e as Error).message}`);
    }
    const template = loadSeedTemplate(values.seed ? resolve(values.seed) : SEED_TEMPLATE_DIR);
    const { bagId } = await buildTemplatePackage(template, key, resolve(values.out));
    io.out(`OK  ${values.out}  ${template.id}@${template.version}  bag=${bagId}  key=${keyIdHex(key.keyId)}`);
    return 0;
  },
};
