// The school profile: a single row holding the validated JSON.
import { SchoolProfile } from '../../shared/domain/profile';
import type { ServiceContext } from './context';
import { isoNow } from './context';

export class ProfileService {
  constructor(private readonly ctx: ServiceContext) {}

  get(): SchoolProfile | null {
    const row = this.ctx.db.prepare('SELECT json FROM profile WHERE id = 1').get() as { json: string } | undefined;
    return row ? SchoolProfile.parse(JSON.parse(row.json)) : null;
  }

  save(profile: SchoolProfile): SchoolProfile {
    const clean = SchoolProfile.parse(profile);
    this.ctx.db
      .prepare(
        'INSERT INTO profile (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
      )
      .run(JSON.stringify(clean), isoNow(this.ctx));
    return clean;
  }
}
