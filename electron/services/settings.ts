// App settings: one JSON value per key, merged over the defaults.
import { DEFAULT_SETTINGS, Settings } from '../../shared/domain/settings';
import type { Db } from '../store/db';
import { invalid } from './errors';

export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value) as unknown;
    // A stored value that no longer fits the schema falls back to its default instead of breaking the app.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [k, v] of Object.entries(stored)) {
      if (!(k in DEFAULT_SETTINGS)) continue;
      const field = Settings.shape[k as keyof Settings];
      if (field.safeParse(v).success) merged[k] = v;
    }
    return Settings.parse(merged);
  }

  save(patch: Partial<Settings>): Settings {
    const next = Settings.safeParse({ ...this.get(), ...patch });
    if (!next.success) throw invalid('settings.invalid', undefined, next.error.issues[0]?.path.join('.'));
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
    })();
    return next.data;
  }

  /** Numbers that are not part of the user-facing Settings (e.g. purge delay). */
  getNumber(key: string, fallback: number): number {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    const v = row ? (JSON.parse(row.value) as unknown) : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  }

  setNumber(key: string, value: number): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
