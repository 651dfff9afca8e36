// The bureau's template feed: fetched with its ETag (nothing moves when it has
// not changed); each template package not yet installed or offered is
// downloaded, checked against the SHA-512 the feed names and verified against
// the bureau keys we trust, then offered ("a new checklist version is
// available"). Installing an offer verifies it again (templateImport.ts).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { verifyTemplatePackage } from '../../bag/templatePackage';
import { importTemplatePackage } from '../package/templateImport';
import { TrustStore } from '../keys/trustStore';
import type { TemplateService } from '../services/templates';
import type { SyncApi } from './api';
import type { SyncStore } from './syncStore';

const TEMPLATES_DIR = join('sync', 'templates');

export interface FeedOutcome {
  changed: boolean;
  offered: { templateId: string; version: string }[];
  refused: { sha512: string; error: string }[];
}

export async function fetchTemplates(api: SyncApi, store: SyncStore, dataDir: string, templates: TemplateService, token: string | null = null): Promise<FeedOutcome> {
  const server = store.server();
  const res = await api.templates(server?.templatesEtag ?? null, token);
  if (!res) return { changed: false, offered: [], refused: [] };
  const installed = new Set(templates.list().map((t) => `${t.id}@${t.version}`));
  const known = new Set(store.templateOffers().map((o) => o.sha512));
  const trusted = TrustStore.forDataDir(dataDir).trusted('bureau');
  const out: FeedOutcome = { changed: true, offered: [], refused: [] };
  for (const entry of res.feed.templates) {
    if (known.has(entry.sha512) || installed.has(`${entry.id}@${entry.version}`)) continue;
    try {
      const bytes = await api.templateBytes(entry.sha512);
      if (createHash('sha512').update(bytes).digest('hex') !== entry.sha512) throw new Error('the downloaded bytes do not match the SHA-512 in the feed');
      const rel = join(TEMPLATES_DIR, `${entry.sha512.slice(0, 32)}.zip`);
      mkdirSync(join(dataDir, TEMPLATES_DIR), { recursive: true });
      writeFileSync(join(dataDir, `${rel}.partial`), bytes);
      const v = await verifyTemplatePackage(join(dataDir, `${rel}.partial`), trusted);
      renameSync(join(dataDir, `${rel}.partial`), join(dataDir, rel));
      store.addTemplateOffer({ sha512: entry.sha512, templateId: v.template.id, version: v.template.version, size: bytes.length, publishedAt: entry.publishedAt, file: rel, keyId: v.keyId });
      out.offered.push({ templateId: v.template.id, version: v.template.version });
    } catch (e) {
      out.refused.push({ sha512: entry.sha512, error: (e as Error).message });
    }
  }
  // Keep the old ETag when something was refused, so the next sync tries again.
  if (!out.refused.length) store.setTemplatesEtag(res.etag);
  return out;
}

/** Installs an offered template; the package is verified again against the trusted bureau keys. */
export async function installOffered(store: SyncStore, dataDir: string, templates: TemplateService, sha512: string): Promise<{ templateId: string; version: string; outcome: string }> {
  const offer = store.templateOffers().find((o) => o.sha512 === sha512);
  if (!offer) throw new Error(`no template offer ${sha512.slice(0, 16)}…`);
  const r = await importTemplatePackage(join(dataDir, offer.file), TrustStore.forDataDir(dataDir).trusted('bureau'), templates);
  store.markTemplateInstalled(sha512);
  return { templateId: r.template.id, version: r.template.version, outcome: r.outcome };
}
