// Installed checklist templates. An (id, version) pair is immutable: installing it
// again with the same content is a no-op, with different content it is refused.
import { ApiError } from '../../shared/api/define';
import type { TemplateSummary } from '../../shared/api/contract';
import { Template, allItems, type Item } from '../../shared/template/schema';
import { stableStringify } from '../store/json';
import type { ServiceContext } from './context';
import { isoNow } from './context';
import { notFound } from './errors';

interface TemplateRow {
  id: string;
  version: string;
  json: string;
  installed_at: string;
  signed_by: string | null;
}

export type InstallOutcome = 'installed' | 'already_installed';

export class TemplateService {
  /** Parsed templates by "id@version"; safe to cache because rows never change. */
  private readonly cache = new Map<string, { template: Template; items: Map<string, Item> }>();

  constructor(private readonly ctx: ServiceContext) {}

  install(input: unknown, signedBy: string | null = null): InstallOutcome {
    const parsed = Template.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError('bad_package', 'template.invalid', undefined, issue ? `${issue.path.join('.')}: ${issue.message}` : undefined);
    }
    const t = parsed.data;
    const json = stableStringify(t);
    return this.ctx.db.transaction((): InstallOutcome => {
      const existing = this.ctx.db
        .prepare('SELECT json FROM templates WHERE id = ? AND version = ?')
        .get(t.id, t.version) as { json: string } | undefined;
      if (existing) {
        if (existing.json === json) return 'already_installed';
        throw new ApiError('conflict', 'template.conflict', { id: t.id, version: t.version });
      }
      this.ctx.db
        .prepare('INSERT INTO templates (id, version, json, installed_at, signed_by) VALUES (?, ?, ?, ?, ?)')
        .run(t.id, t.version, json, isoNow(this.ctx), signedBy);
      return 'installed';
    }).immediate();
  }

  list(): TemplateSummary[] {
    const rows = this.ctx.db.prepare('SELECT * FROM templates ORDER BY id, installed_at').all() as TemplateRow[];
    return rows.map((r) => {
      const t = this.load(r.id, r.version, r);
      return {
        id: r.id,
        version: r.version,
        title: t.template.title,
        itemCount: t.items.size,
        installedAt: r.installed_at,
        signedBy: r.signed_by,
      };
    });
  }

  get(id: string, version: string): Template {
    return this.load(id, version).template;
  }

  /** The item of a template by code, or undefined when the template has none. */
  item(id: string, version: string, code: string): Item | undefined {
    return this.load(id, version).items.get(code);
  }

  private load(id: string, version: string, row?: TemplateRow): { template: Template; items: Map<string, Item> } {
    const key = `${id}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r =
      row ??
      (this.ctx.db.prepare('SELECT * FROM templates WHERE id = ? AND version = ?').get(id, version) as TemplateRow | undefined);
    if (!r) throw notFound('template.notFound', key);
    const template = Template.parse(JSON.parse(r.json));
    const entry = { template, items: new Map(allItems(template).map((i) => [i.code, i])) };
    this.cache.set(key, entry);
    return entry;
  }
}
