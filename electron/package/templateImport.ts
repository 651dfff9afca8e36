// Installing a verified template package into the app's template store. The
// verification itself lives in bag/templatePackage.ts, shared with the server.
import { ApiError } from '../../shared/api/define';
import { PackageError } from '../../bag/errors';
import type { TrustedKey } from '../../bag/keyTypes';
import { TEMPLATE_JSON, verifyTemplatePackage, type VerifiedTemplate } from '../../bag/templatePackage';
import type { TemplateService } from '../services/templates';

/** Verifies and installs; every refusal is a PackageError with its reason and changes nothing. */
export async function importTemplatePackage(
  zipPath: string,
  bureauKeys: TrustedKey[],
  templates: TemplateService,
): Promise<VerifiedTemplate & { outcome: 'installed' | 'already_installed' }> {
  const v = await verifyTemplatePackage(zipPath, bureauKeys);
  try {
    return { ...v, outcome: templates.install(v.template, v.keyId) };
  } catch (e) {
    if (e instanceof ApiError && e.message === 'template.conflict')
      throw new PackageError('templateConflict', TEMPLATE_JSON, `${v.template.id}@${v.template.version} is installed with other content`);
    throw e;
  }
}
