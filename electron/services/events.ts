// Dated school activities (drills, meetings, ...). Soft delete so "undo" can bring one back.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api/define';
import type { EventInput, SchoolEvent } from '../../shared/domain/event';
import type { ServiceContext } from './context';
import { isoNow } from './context';
import { invalid, notFound } from './errors';
import type { TemplateService } from './templates';

interface EventRow {
  id: string;
  kind: string;
  date: string;
  title: string;
  participants: number | null;
  note: string;
  created_at: string;
  created_by: string;
  deleted_at: string | null;
}

/** What the summary needs of an event. */
export interface EventFact {
  kind: string;
  date: string;
  evidenceIds: string[];
}

export class EventService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly templates: TemplateService,
  ) {}

  list(includeDeleted = false): SchoolEvent[] {
    const rows = this.ctx.db
      .prepare(`SELECT * FROM events ${includeDeleted ? '' : 'WHERE deleted_at IS NULL'} ORDER BY date DESC, created_at DESC`)
      .all() as EventRow[];
    const files = this.evidenceByEvent();
    return rows.map((r) => this.toEvent(r, files.get(r.id) ?? []));
  }

  /** Non-deleted events with their non-deleted evidence, for status computation. */
  facts(): EventFact[] {
    return this.list(false).map((e) => ({ kind: e.kind, date: e.date, evidenceIds: e.evidenceIds }));
  }

  get(id: string): SchoolEvent {
    const r = this.ctx.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!r) throw notFound('event.notFound', id);
    const ids = this.ctx.db
      .prepare(
        `SELECT ee.evidence_id AS id FROM event_evidence ee JOIN evidence_files f ON f.id = ee.evidence_id
         WHERE ee.event_id = ? AND f.deleted_at IS NULL ORDER BY f.added_at`,
      )
      .all(id) as { id: string }[];
    return this.toEvent(r, ids.map((x) => x.id));
  }

  /** Creates the event, or updates it when `id` names an existing one. */
  save(input: EventInput): SchoolEvent {
    if (!this.knownKinds().has(input.kind)) throw invalid('event.unknownKind', { kind: input.kind });
    const db = this.ctx.db;
    const id = input.id ?? randomUUID();
    const now = isoNow(this.ctx);
    db.transaction(() => {
      const existing = db.prepare('SELECT deleted_at FROM events WHERE id = ?').get(id) as { deleted_at: string | null } | undefined;
      if (existing?.deleted_at) throw new ApiError('conflict', 'event.deleted', { id });
      if (existing)
        db.prepare('UPDATE events SET kind = ?, date = ?, title = ?, participants = ?, note = ?, updated_at = ? WHERE id = ?').run(
          input.kind, input.date, input.title, input.participants, input.note, now, id,
        );
      else
        db.prepare(
          `INSERT INTO events (id, kind, date, title, participants, note, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, input.kind, input.date, input.title, input.participants, input.note, now, this.ctx.userName(), now);
    }).immediate();
    return this.get(id);
  }

  delete(id: string): SchoolEvent {
    this.get(id);
    this.ctx.db.prepare('UPDATE events SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(isoNow(this.ctx), id);
    return this.get(id);
  }

  undelete(id: string): SchoolEvent {
    this.get(id);
    this.ctx.db.prepare('UPDATE events SET deleted_at = NULL WHERE id = ?').run(id);
    return this.get(id);
  }

  /** Event kinds declared by any installed template. */
  private knownKinds(): Set<string> {
    const kinds = new Set<string>();
    for (const t of this.templates.list())
      for (const k of this.templates.get(t.id, t.version).eventKinds) kinds.add(k.code);
    return kinds;
  }

  private evidenceByEvent(): Map<string, string[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT ee.event_id AS eventId, ee.evidence_id AS evidenceId FROM event_evidence ee
         JOIN evidence_files f ON f.id = ee.evidence_id WHERE f.deleted_at IS NULL ORDER BY f.added_at`,
      )
      .all() as { eventId: string; evidenceId: string }[];
    const map = new Map<string, string[]>();
    for (const r of rows) {
      const list = map.get(r.eventId) ?? [];
      list.push(r.evidenceId);
      map.set(r.eventId, list);
    }
    return map;
  }

  private toEvent(r: EventRow, evidenceIds: string[]): SchoolEvent {
    return {
      id: r.id,
      kind: r.kind,
      date: r.date,
      title: r.title,
      participants: r.participants,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      deletedAt: r.deleted_at,
      evidenceIds,
    };
  }
}
