// Checklist templates travel as signed bags too (package-format.md,
// "Templates"): data/template.json, signed by a bureau key. Import verifies
// the bag with the tighter template limits, requires a trusted bureau key,
// checks the signed comment names the same template id and version, and lets
// the templates service refuse an id+version installed with other content.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCommentJson, SIGNED_COMMENT_APP, TemplateComment } from '../shared/report/signedComment';
import { Template } from '../shared/template/schema';
import type { TrustedKey } from './keyTypes';
import { TAG } from './bagit';
import { verifyBag } from './bagVerifier';
import { writeBagZip } from './bagZipWriter';
import { canonicalJson } from './canonicalJson';
import { PackageError } from './errors';
import { TEMPLATE_LIMITS } from './limits';
import { keyIdHex, signMessage, type SecretKey } from './minisign';
import { holdPartial, partialPathFor, removeStalePartials } from './partialFiles';
import { SyncedFileWriter } from './syncedFileWriter';

export const TEMPLATE_JSON = 'data/template.json';

export async function buildTemplatePackage(template: Template, bureauKey: SecretKey, outPath: string, now = new Date()): Promise<{ bagId: string }> {
  const bagId = `template-${template.id}-${template.version}-${randomBytes(3).toString('hex')}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const comment: TemplateComment = {
    app: SIGNED_COMMENT_APP,
    kind: 'template',
    bag: bagId,
    template: template.id,
    version: template.version,
    signed: now.toISOString(),
  };
  const partial = partialPathFor(outPath);
  removeStalePartials(dirname(outPath));
  const release = holdPartial(partial);
  const out = await SyncedFileWriter.open(partial).catch((e: unknown) => {
    release();
    throw e;
  });
  const closed = new Promise<void>((r) => out.once('close', () => r()));
  try {
    await writeBagZip(out, {
      bagId,
      payload: [{ path: TEMPLATE_JSON, bytes: Buffer.from(JSON.stringify(template, null, 2) + '\n') }],
      bagInfo: [
        ['Source-Organization', template.issuer['zh-CN']],
        ['External-Identifier', bagId],
        ['Bagging-Date', now.toISOString().slice(0, 10)],
        ['Bag-Software-Agent', 'selfcheck template-package'],
      ],
      mtime: now,
      sign: (tagManifest) =>
        signMessage(tagManifest, bureauKey, {
          trustedComment: canonicalJson(comment),
          untrustedComment: `selfcheck template ${template.id}@${template.version}, bureau key ${keyIdHex(bureauKey.keyId)}`,
        }),
    });
    await closed;
    renameSync(partial, outPath);
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    throw e;
  } finally {
    release();
  }
  return { bagId };
}

export interface VerifiedTemplate {
  template: Template;
  keyId: string;
  signedBy: string;
}

export async function verifyTemplatePackage(zipPath: string, bureauKeys: TrustedKey[]): Promise<VerifiedTemplate> {
  const bag = await verifyBag(zipPath, { trusted: bureauKeys, limits: TEMPLATE_LIMITS, wanted: [TEMPLATE_JSON] });
  const key = bag.signature.trustedKey;
  if (!key) throw new PackageError('sigKeyNotTrusted', TAG.signature, `template signed by key ${bag.signature.keyId}, which is not a trusted bureau key`);
  const comment = TemplateComment.safeParse(parseCommentJson(bag.signature.trustedComment));
  if (!comment.success) throw new PackageError('sigComment', TAG.signature, 'not a selfcheck template comment');
  if (comment.data.bag !== bag.bagId) throw new PackageError('sigComment', TAG.signature, `signed for bag ${comment.data.bag}, the folder is ${bag.bagId}`);
  const bytes = bag.wanted.get(TEMPLATE_JSON);
  if (!bytes) throw new PackageError('templateMissing', TEMPLATE_JSON);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new PackageError('templateInvalid', TEMPLATE_JSON, (e as Error).message);
  }
  const parsed = Template.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageError('templateInvalid', TEMPLATE_JSON, issue ? `${issue.path.join('.')}: ${issue.message}` : undefined);
  }
  const t = parsed.data;
  if (t.id !== comment.data.template || t.version !== comment.data.version)
    throw new PackageError('templateInvalid', TEMPLATE_JSON, `contains ${t.id}@${t.version}, signed as ${comment.data.template}@${comment.data.version}`);
  return { template: t, keyId: key.keyId, signedBy: key.label };
}
