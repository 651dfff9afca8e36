// Fills a core with the demo school: profile, one 2025–2026 assessment with a realistic
// spread of answers, a year of events, and real photos and PDFs linked to items and events.
import { notApplicableReason } from '../../shared/domain/applicability';
import type { ItemStatusKind } from '../../shared/domain/status';
import { allItems, type Area, type Item, type Template } from '../../shared/template/schema';
import type { Core } from '../services/core';
import { localIsoDate } from '../services/summary';
import { demoAnswer, pickOutcome, type DemoOutcome } from './answers';
import { areaDocName, areaDocument, eventRecord, itemSupplement, type DocKind } from './documents';
import { renderPdf, renderPhoto } from './media';
import { seededRng, type Rng } from './random';
import { planEvents } from './schedule';
import { DEMO_PERIOD, DEMO_PROFILE, DEMO_USERS } from './school';

export interface DemoOptions {
  /** The day the demo is made (no event is dated after it). */
  today: Date;
  /** Moves the core's clock so saved times look like a year of work (see createCore's `now`). */
  setClock?: (at: Date | null) => void;
  log?: (line: string) => void;
  seed?: number;
}

export interface DemoResult {
  assessmentId: string;
  answers: number;
  events: number;
  evidenceFiles: number;
  statuses: Record<ItemStatusKind, number>;
}

const at = (date: string, hour: number): Date => new Date(`${date}T${String(hour).padStart(2, '0')}:${String((hour * 7) % 60).padStart(2, '0')}:00+08:00`);

export async function generateDemo(core: Core, options: DemoOptions): Promise<DemoResult> {
  const rng = seededRng(options.seed ?? 20250901);
  const log = options.log ?? (() => undefined);
  const clock = (d: Date | null): void => options.setClock?.(d);
  const today = localIsoDate(options.today);
  const template = pickTemplate(core);

  clock(at(DEMO_PERIOD.startDate, 9));
  core.settings.save({ userName: DEMO_USERS[0], photoDownscale: '2048', keepOriginalPhoto: false });
  core.profile.save(DEMO_PROFILE);
  const assessment = core.assessments.create({ templateId: template.id, templateVersion: template.version, ...DEMO_PERIOD });
  log(`school: ${DEMO_PROFILE.name}, assessment ${assessment.label} on ${template.id}@${template.version}`);

  const events = await addEvents(core, template, assessment.id, today, rng, clock);
  log(`events: ${events}`);
  const { answers, files } = await addAnswersAndEvidence(core, template, assessment.id, today, rng, clock);
  log(`answers: ${answers}, evidence files: ${core.evidence.stats().files}`);

  // Something to undo in the UI: one deleted photo.
  const photo = core.evidence.list().find((f) => f.mime === 'image/jpeg' && f.eventIds.length === 0);
  if (photo) core.evidence.delete(photo.id);
  clock(null);

  const summary = core.summary.compute(assessment.id, today < DEMO_PERIOD.endDate ? today : DEMO_PERIOD.endDate);
  const statuses: Record<ItemStatusKind, number> = { met: 0, partly_met: 0, not_met: 0, not_applicable: 0, unanswered: 0 };
  for (const i of summary.items) statuses[i.status]++;
  return { assessmentId: assessment.id, answers, events, evidenceFiles: files, statuses };
}

function pickTemplate(core: Core): Template {
  const list = core.templates.list();
  const seed = list.find((t) => t.id === 'hunan-school-selfcheck') ?? list[0];
  if (!seed) throw new Error('no checklist template is installed');
  return core.templates.get(seed.id, seed.version);
}

async function addEvents(core: Core, template: Template, assessmentId: string, today: string, rng: Rng, clock: (d: Date | null) => void): Promise<number> {
  const plan = planEvents(template, DEMO_PROFILE, { ...DEMO_PERIOD }, today, rng);
  const kinds = new Map(template.eventKinds.map((k) => [k.code, k]));
  const evidenced = new Map<string, number>(); // files attached per kind
  for (const p of plan) {
    const kind = kinds.get(p.kind)!;
    const staffOnly = /congress|training|research|review|committee|meal|inspection/.test(p.kind);
    const participants = staffOnly ? rng.int(5, DEMO_PROFILE.staff) : rng.int(200, DEMO_PROFILE.students);
    clock(at(p.date, 17));
    core.settings.save({ userName: rng.pick(DEMO_USERS) });
    const month = Number(p.date.slice(5, 7));
    const event = core.events.save({ kind: p.kind, date: p.date, title: `${month}月${kind.label['zh-CN']}`, participants, note: '' });
    // Enough files for the items counting this kind, then now and then one more.
    const need = Math.max(...p.items.map((i) => i.evidence.minCount));
    const wantsPhoto = p.items.some((i) => i.evidence.kinds.includes('photo'));
    const have = evidenced.get(p.kind) ?? 0;
    if (have < need || (have < need + 3 && rng.chance(0.15))) {
      const bytes = wantsPhoto
        ? await renderPhoto(`${kind.label['zh-CN']}现场`, p.date, rng)
        : await renderPdf(eventRecord(kind, p.date, participants, rng));
      const name = `${p.date}-${kind.label['zh-CN']}${wantsPhoto ? '.jpg' : '记录.pdf'}`;
      await core.evidence.import({ name, bytes, caption: event.title, takenOn: p.date, eventId: event.id });
      evidenced.set(p.kind, have + 1);
    }
  }
  void assessmentId;
  return plan.length;
}

async function addAnswersAndEvidence(
  core: Core,
  template: Template,
  assessmentId: string,
  today: string,
  rng: Rng,
  clock: (d: Date | null) => void,
): Promise<{ answers: number; files: number }> {
  const areaDocs = new Map<string, string>(); // "AREA:kind" -> evidence id
  const areaOf = new Map<string, Area>();
  for (const area of template.areas) for (const item of area.items) areaOf.set(item.code, area);
  const items = allItems(template).filter((i) => !notApplicableReason(i.applicability, DEMO_PROFILE));
  const last = today < DEMO_PERIOD.endDate ? today : DEMO_PERIOD.endDate;
  let answers = 0;
  let files = 0;

  const areaDoc = async (area: Area, kind: DocKind): Promise<string> => {
    const key = `${area.code}:${kind}`;
    const known = areaDocs.get(key);
    if (known) return known;
    const bytes = await renderPdf(areaDocument(area, kind, rng));
    const f = await core.evidence.import({ name: areaDocName(area, kind), bytes, caption: areaDocName(area, kind).replace(/\.pdf$/, '') });
    files++;
    areaDocs.set(key, f.id);
    return f.id;
  };

  for (const [n, item] of items.entries()) {
    const outcome: DemoOutcome = pickOutcome(rng);
    // Spread the work over the year: item n is answered on a school day between October and the period's end.
    const day = dayBetween('2025-10-08', last, n / items.length);
    clock(at(day, 10 + (n % 7)));
    core.settings.save({ userName: rng.pick(DEMO_USERS) });
    const answer = demoAnswer(item, outcome, DEMO_PROFILE, rng);
    if (answer) {
      if (rng.chance(0.12)) {
        // An earlier draft, so the item has a history to look at.
        const draft = demoAnswer(item, outcome === 'met' ? 'not_met' : 'met', DEMO_PROFILE, rng);
        if (draft) core.answers.save({ assessmentId, itemCode: item.code, value: draft.value, note: '初稿' });
      }
      core.answers.save({ assessmentId, itemCode: item.code, value: answer.value, note: answer.note });
      answers++;
    }
    if (item.type === 'event_log' || outcome === 'unanswered') continue;
    const count = outcome === 'met' ? item.evidence.minCount : outcome === 'partly' ? item.evidence.minCount - 1 : rng.int(0, 1);
    for (let i = 0; i < count; i++) {
      const kind = item.evidence.kinds[i % item.evidence.kinds.length]!;
      const link = { assessmentId, itemCode: item.code };
      if (i >= item.evidence.kinds.length) {
        await core.evidence.import({ name: `${item.code}-补充材料${i}.pdf`, bytes: await renderPdf(itemSupplement(item, i)), link });
        files++;
      } else if (kind === 'document' || kind === 'record' || kind === 'spreadsheet') {
        core.evidence.link(await areaDoc(areaOf.get(item.code)!, kind), link);
      } else {
        const bytes = await renderPhoto(shortTitle(item), day, rng);
        await core.evidence.import({ name: `${item.code}-现场照片${i + 1}.jpg`, bytes, caption: shortTitle(item), takenOn: day, link });
        files++;
      }
    }
  }
  return { answers, files };
}

const shortTitle = (item: Item): string => item.title['zh-CN'].replace(/[??]$/, '').slice(0, 22);

function dayBetween(from: string, to: string, fraction: number): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Math.max(a, Date.parse(`${to}T00:00:00Z`));
  let d = new Date(a + Math.floor((b - a) * fraction));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || [7, 8].includes(d.getUTCMonth() + 1)) d = new Date(d.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
}
