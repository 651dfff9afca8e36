// The bureau's published checklist templates: signed template packages,
// verified against the bureau key before they are offered, stored in the
// blob folder by SHA-512, listed in a feed with an ETag so apps poll cheaply.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { TrustedKey } from '../../bag/keyTypes';
import { verifyTemplatePackage } from '../../bag/templatePackage';
import { PackageError } from '../../bag/errors';
import type { TemplateFeed, TemplateFeedEntry } from '../../shared/sync/protocol';
import { sha512OfFile } from '../blobs/blobStore';
import type { ServerContext } from './context';

export async function addTemplate(ctx: ServerContext, file: string): Promise<{ entry: TemplateFeedEntry; added: boolean }> {
  const bureau: TrustedKey = { key: ctx.bureauKey, keyId: ctx.bureauKeyId, label: ctx.config.serverName, source: 'own' };
  const verified = await verifyTemplatePackage(file, [bureau]);
  const sha512 = await sha512OfFile(file);
  const size = statSync(file).size;
  const t = verified.template;
  const same = await ctx.store.db.selectFrom('templates').selectAll().where('template_id', '=', t.id).where('version', '=', t.version).executeTakeFirst();
  if (same && same.sha512 !== sha512)
    throw new PackageError('templateConflict', file, `template ${t.id}@${t.version} is already published with other content; give the new one a new version`);
  if (same) return { entry: toEntry(same), added: false };
  await ctx.blobs.put(file, sha512);
  const row = { sha512, template_id: t.id, version: t.version, size, published_at: ctx.now().toISOString() };
  await ctx.store.db.insertInto('templates').values(row).execute();
  return { entry: toEntry(row), added: true };
}

const toEntry = (r: { sha512: string; template_id: string; version: string; size: number; published_at: string }): TemplateFeedEntry => ({
  id: r.template_id,
  version: r.version,
  sha512: r.sha512,
  size: Number(r.size),
  publishedAt: r.published_at,
});

/**
 * Every published template; for a school (an authenticated request) that
 * some campaign's roster names, only the templates of those campaigns, so
 * the app offers the principal the one checklist the bureau expects.
 */
export async function templateFeed(ctx: ServerContext, schoolCode: string | null = null): Promise<{ feed: TemplateFeed; etag: string }> {
  let rows = await ctx.store.db.selectFrom('templates').selectAll().orderBy('published_at').orderBy('sha512').execute();
  if (schoolCode !== null) {
    const wanted = await ctx.store.db
      .selectFrom('campaigns')
      .innerJoin('roster', 'roster.campaign_id', 'campaigns.id')
      .select(['campaigns.template_id', 'campaigns.template_version'])
      .where('roster.school_code', '=', schoolCode)
      .execute();
    if (wanted.length > 0) {
      const keys = new Set(wanted.map((w) => `${w.template_id}@${w.template_version}`));
      rows = rows.filter((r) => keys.has(`${r.template_id}@${r.version}`));
    }
  }
  const feed: TemplateFeed = { templates: rows.map(toEntry) };
  const etag = `"${createHash('sha256').update(JSON.stringify(feed)).digest('hex').slice(0, 32)}"`;
  return { feed, etag };
}

export async function templateFile(ctx: ServerContext, sha512: string): Promise<{ path: string; size: number } | null> {
  const row = await ctx.store.db.selectFrom('templates').select(['sha512', 'size']).where('sha512', '=', sha512).executeTakeFirst();
  return row ? { path: ctx.blobs.pathOf(row.sha512), size: Number(row.size) } : null;
}
