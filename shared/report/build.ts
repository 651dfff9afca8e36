// Builds report.json from what the services hold. Pure: the export calls it
// twice over, first to learn which evidence files go in (plan), then, once
// those files have streamed into the zip and their SHA-512s are known, to
// make the report itself (build).
//
// What goes in: every applicable and not-applicable item with its status;
// for non-confidential items the reasons (keys, parameters and words), the
// answer, the note and the linked files; the events of the kinds that
// non-confidential event_log items count, dated inside the period, with their
// files. Confidential items give their status only (see schema.ts).
import type { Answer } from '../domain/answer';
import type { Assessment } from '../domain/assessment';
import type { EvidenceFile } from '../domain/evidence';
import type { SchoolEvent } from '../domain/event';
import type { SchoolProfile } from '../domain/profile';
import type { Locale } from '../domain/settings';
import type { AssessmentSummary, Reason } from '../domain/status';
import { reasonMessages } from '../i18n/reasons';
import type { ReasonKey } from '../status/reasonKeys';
import { allItems, type Template } from '../template/schema';
import { EVIDENCE_DIR, evidenceBagPath, sanitiseFileName } from './evidencePath';
import { interpolate } from './messages';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ReportFile, type ReportJson } from './schema';
import { buildReportScore } from './score';
import { valueText } from './valueText';

export interface ReportInputs {
  bagId: string;
  locale: Locale;
  generatedAt: string;
  app: { name: string; version: string };
  signer: { keyId: string; publicKey: string };
  profile: SchoolProfile;
  /** Frozen (frozenAt set) before the report is made. */
  assessment: Assessment;
  template: Template;
  summary: AssessmentSummary;
  answers: Answer[];
  /** Non-deleted evidence files. */
  evidence: EvidenceFile[];
  /** Non-deleted events. */
  events: SchoolEvent[];
  /** A rectification report: the review it answers and, per point, what was done (files resolved from the evidence library). */
  rectification?: RectificationInput;
}

export interface RectificationInput {
  review: string;
  reviewSha512: string;
  items: { code: string; measures: string; responsible: string; deadline: string | null; status: 'in_progress' | 'done'; evidence: EvidenceFile[] }[];
}

export interface PlannedFile {
  path: string;
  file: EvidenceFile;
}

export interface ReportPlan {
  /** The evidence files the package carries, by path in the bag. */
  files: PlannedFile[];
  build(sha512ByPath: ReadonlyMap<string, string>): ReportJson;
}

export function reasonText(locale: Locale, r: Reason): string {
  const text = (reasonMessages[locale] as Record<string, string>)[r.key as ReasonKey];
  return text === undefined ? r.key : interpolate(text, r.params);
}

export function planReport(inp: ReportInputs): ReportPlan {
  const a = inp.assessment;
  if (!a.frozenAt) throw new Error('freeze the assessment before building its report');
  const items = allItems(inp.template);
  const open = items.filter((i) => !i.confidential);
  const byId = new Map(inp.evidence.map((f) => [f.id, f]));

  // Paths: one per file; a clash of prefix and name (different files) takes the full hash.
  const pathOf = new Map<string, string>();
  const taken = new Map<string, string>();
  const place = (f: EvidenceFile): string => {
    const known = pathOf.get(f.id);
    if (known) return known;
    let p = evidenceBagPath(f.sha256, f.originalName);
    if (taken.has(p) && taken.get(p) !== f.sha256) p = `${EVIDENCE_DIR}${f.sha256}-${sanitiseFileName(f.originalName)}`;
    taken.set(p, f.sha256);
    pathOf.set(f.id, p);
    return p;
  };
  const itemFiles = new Map<string, EvidenceFile[]>();
  for (const item of open)
    itemFiles.set(
      item.code,
      inp.evidence.filter((f) => f.links.some((l) => l.assessmentId === a.id && l.itemCode === item.code)),
    );
  const countedKinds = new Set(open.flatMap((i) => (i.type === 'event_log' ? [i.frequency.eventKind] : [])));
  const events = inp.events
    .filter((e) => countedKinds.has(e.kind) && e.date >= a.startDate && e.date <= a.endDate)
    .sort((x, y) => x.date.localeCompare(y.date));
  const eventFiles = new Map(events.map((e) => [e.id, e.evidenceIds.flatMap((id) => byId.get(id) ?? [])]));
  const rectFiles = (inp.rectification?.items ?? []).map((r) => r.evidence);
  for (const files of [...itemFiles.values(), ...eventFiles.values(), ...rectFiles]) files.forEach(place);
  const planned: PlannedFile[] = [...pathOf.entries()].map(([id, path]) => ({ path, file: byId.get(id) as EvidenceFile }));

  return {
    files: planned,
    build(sha512ByPath) {
      const ref = (f: EvidenceFile): ReportFile => {
        const path = place(f);
        const sha512 = sha512ByPath.get(path);
        if (!sha512) throw new Error(`no SHA-512 for ${path}`);
        return { path, sha512, size: f.size, mime: f.mime, caption: f.caption, originalName: f.originalName };
      };
      const json = buildJson(inp, items, (code) => (itemFiles.get(code) ?? []).map(ref), events.map((e) => ({ e, files: (eventFiles.get(e.id) ?? []).map(ref) })));
      const r = inp.rectification;
      if (!r) return json;
      return {
        ...json,
        rectification: {
          review: r.review,
          reviewSha512: r.reviewSha512,
          items: r.items.map((x) => ({ code: x.code, measures: x.measures, responsible: x.responsible, deadline: x.deadline, status: x.status, evidence: x.evidence.map(ref) })),
        },
      };
    },
  };
}

function buildJson(
  inp: ReportInputs,
  items: ReturnType<typeof allItems>,
  filesOf: (code: string) => ReportFile[],
  events: { e: SchoolEvent; files: ReportFile[] }[],
): ReportJson {
  const { profile: p, assessment: a, template: t, summary: s, locale } = inp;
  const status = new Map(s.items.map((i) => [i.itemCode, i]));
  const answers = new Map(inp.answers.map((x) => [x.itemCode, x]));
  const areaOf = new Map(t.areas.flatMap((area) => area.items.map((i) => [i.code, area.code] as const)));
  const kindLabel = new Map(t.eventKinds.map((k) => [k.code, k.label[locale]]));
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    bagId: inp.bagId,
    language: locale,
    generatedAt: inp.generatedAt,
    app: inp.app,
    signer: inp.signer,
    school: {
      name: p.name,
      code: p.code,
      type: p.schoolType,
      county: p.county,
      counts: { students: p.students, classes: p.classes, staff: p.staff, studentsWithDisabilities: p.studentsWithDisabilities },
      boarding: p.boarding,
      hasSchoolBus: p.hasSchoolBus,
      hasCanteen: p.hasCanteen,
    },
    assessment: {
      id: a.id,
      version: a.version,
      replaces: a.replacesId,
      label: a.label,
      periodKind: a.periodKind,
      startDate: a.startDate,
      endDate: a.endDate,
      frozenAt: a.frozenAt as string,
      template: { id: t.id, version: t.version, title: t.title },
    },
    overall: s.overall,
    areas: s.areas.map((fig) => ({ ...fig, title: t.areas.find((x) => x.code === fig.areaCode)?.title[locale] ?? fig.areaCode })),
    failedKeyItems: s.failedKeyItems,
    ...scoreOf(inp),
    items: items.map((item) => {
      const st = status.get(item.code);
      const base = {
        code: item.code,
        areaCode: areaOf.get(item.code) ?? '',
        title: item.title[locale],
        type: item.type,
        status: st?.status ?? 'unanswered',
        key: item.key,
        confidential: item.confidential,
        evidenceCount: st?.evidenceCount ?? 0,
        evidenceRequired: st?.evidenceRequired ?? 0,
        ...(st?.eventCount !== undefined ? { eventCount: st.eventCount } : {}),
        ...(st?.eventRequired !== undefined ? { eventRequired: st.eventRequired } : {}),
      };
      if (item.confidential) return { ...base, reasons: [], evidence: [] };
      const answer = answers.get(item.code);
      return {
        ...base,
        reasons: (st?.reasons ?? []).map((r) => ({ key: r.key, params: r.params, text: reasonText(locale, r) })),
        ...(answer?.value ? { value: answer.value, valueText: valueText(item, answer.value, locale) } : {}),
        ...(answer?.note ? { note: answer.note } : {}),
        evidence: filesOf(item.code),
      };
    }),
    events: events.map(({ e, files }) => ({
      id: e.id,
      kind: e.kind,
      kindLabel: kindLabel.get(e.kind) ?? e.kind,
      date: e.date,
      title: e.title,
      participants: e.participants,
      evidence: files,
    })),
  };
}

/** The score block, present for v2 instruments only. */
function scoreOf(inp: ReportInputs): Pick<ReportJson, 'score'> {
  const score = buildReportScore(inp.template, inp.profile, inp.summary, inp.answers, inp.locale);
  return score ? { score } : {};
}
