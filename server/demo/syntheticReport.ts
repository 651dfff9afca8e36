// A school's report for the demo county: statuses drawn at random around the
// school's "quality", answers that agree with them (so the v2 scoring rules
// give the score a real school with those answers would get), and a couple of
// evidence files. Everything else — figures, score, levels, the package — is
// made by the same code the school app uses, so the workspace shows data of
// exactly the shape real packages carry.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchoolKey } from '../../bag/keyTypes';
import { writeReportPackage } from '../../bag/reportPackage';
import { SyncedFileWriter } from '../../bag/syncedFileWriter';
import type { Answer, AnswerValue } from '../../shared/domain/answer';
import { notApplicableReason } from '../../shared/domain/applicability';
import type { SchoolProfile } from '../../shared/domain/profile';
import type { AssessmentSummary, ItemStatus, ItemStatusKind } from '../../shared/domain/status';
import { reasonText } from '../../shared/report/build';
import { evidenceBagPath } from '../../shared/report/evidencePath';
import { renderReportHtml } from '../../shared/report/html';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ReportJson } from '../../shared/report/schema';
import { buildReportScore } from '../../shared/report/score';
import { valueText } from '../../shared/report/valueText';
import { failedKeyItems, summarize, type ItemWithStatus } from '../../shared/status/summary';
import { effectiveTarget, unitParams } from '../../shared/status/targets';
import type { Item, Template } from '../../shared/template/schema';
import type { Reason } from '../../shared/domain/status';
import { demoPng } from './png';

export interface DemoSchool {
  code: string;
  name: string;
  type: SchoolProfile['schoolType'];
  county: string;
  /** 0..1: how likely an item is met. */
  quality: number;
}

/** A seeded generator (mulberry32), so `--schools N` gives the same county every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENT_NEED = 10;

function drawStatus(rnd: () => number, quality: number): Exclude<ItemStatusKind, 'not_applicable'> {
  const x = rnd();
  if (x < 0.03) return 'unanswered';
  if (x < 0.03 + quality) return 'met';
  return rnd() < 0.6 ? 'partly_met' : 'not_met';
}

/** An answer that gives `status` under the item's rule (null for event logs: their events decide). */
function answerFor(item: Item, status: ItemStatusKind, profile: SchoolProfile): AnswerValue | null {
  if (status === 'unanswered' || status === 'not_applicable') return null;
  const good = status === 'met';
  switch (item.type) {
    case 'yes_no':
      return { type: 'yes_no', value: good ? item.expected : !item.expected };
    case 'number':
    case 'percentage': {
      const t = effectiveTarget(item, profile);
      const base = !t ? 1 : t.op === 'between' ? t.min : t.value;
      const v = good || !t ? base : t.op === 'lte' ? base * (status === 'partly_met' ? 1.1 : 1.6) : base * (status === 'partly_met' ? 0.9 : 0.4);
      const value = Math.round(v * 10) / 10;
      return item.type === 'percentage' ? { type: 'percentage', value: Math.min(100, Math.max(0, value)) } : { type: 'number', value };
    }
    case 'checklist': {
      const n = good ? item.parts.length : status === 'partly_met' ? Math.ceil(item.parts.length / 2) : 0;
      return { type: 'checklist', parts: item.parts.slice(0, n).map((p) => p.value) };
    }
    case 'single_choice': {
      const o = item.options.find((x) => x.meets === good) ?? item.options[0];
      return o ? { type: 'single_choice', value: o.value } : null;
    }
    case 'multi_choice':
      return { type: 'multi_choice', values: good ? item.options.map((o) => o.value) : item.options.slice(0, 1).map((o) => o.value) };
    case 'text':
      return { type: 'text', value: good ? '已按要求落实，制度、台账与记录齐全。'.repeat(Math.ceil(item.minLength / 18)) : '正在完善。' };
    case 'event_log':
      return { type: 'event_log' };
  }
}

function reasonFor(item: Item, status: ItemStatusKind, answer: AnswerValue | null, profile: SchoolProfile): Reason {
  if (status === 'unanswered') return { key: 'reason.unanswered', params: {} };
  if (item.type === 'event_log') {
    const have = status === 'met' ? EVENT_NEED : status === 'partly_met' ? 7 : 2;
    return { key: status === 'met' ? 'reason.met.events' : 'reason.events.short', params: { have, need: EVENT_NEED } };
  }
  if (status === 'met') return { key: 'reason.met.value', params: {} };
  if (status === 'partly_met') return { key: 'reason.evidence.short', params: { have: 0, need: Math.max(1, item.evidence.minCount) } };
  if ((item.type === 'number' || item.type === 'percentage') && answer && (answer.type === 'number' || answer.type === 'percentage')) {
    const t = effectiveTarget(item, profile);
    if (t && t.op !== 'between') return { key: t.op === 'lte' ? 'reason.value.aboveTarget' : 'reason.value.belowTarget', params: { value: answer.value, target: t.value, ...unitParams(item) } };
  }
  if (item.type === 'checklist') return { key: 'reason.checklist.none', params: { need: item.parts.length } };
  return { key: 'reason.yesNo.no', params: {} };
}

/** A rectification block without files (the demo's schools describe what they did in words). */
export interface DemoRectification {
  review: string;
  reviewSha512: string;
  items: { code: string; measures: string; responsible: string; deadline: string | null; status: 'in_progress' | 'done' }[];
}

export interface DemoPackageInput {
  dir: string;
  template: Template;
  school: DemoSchool;
  key: SchoolKey;
  rnd: () => number;
  /** The day the school "made" its report. */
  generatedAt: Date;
  version: number;
  replaces: string | null;
  rectification: DemoRectification | null;
}

/** Writes the school's signed package into `dir`; returns its path and bag id. */
export async function writeDemoPackage(inp: DemoPackageInput): Promise<{ zipPath: string; bagId: string }> {
  const { template, school, rnd } = inp;
  const profile: SchoolProfile = {
    name: school.name,
    code: school.code,
    schoolType: school.type,
    county: school.county,
    students: 120 + Math.floor(rnd() * 900),
    classes: 6 + Math.floor(rnd() * 24),
    staff: 12 + Math.floor(rnd() * 60),
    boarding: rnd() < 0.4,
    hasSchoolBus: rnd() < 0.2,
    hasCanteen: rnd() < 0.8,
    studentsWithDisabilities: Math.floor(rnd() * 5),
  };
  const assessmentId = `demo-${school.code}`;
  const day = inp.generatedAt.toISOString().slice(0, 10).replaceAll('-', '');
  const bagId = `${school.code}-${day}-v${inp.version}-demo`;
  const statuses: ItemStatus[] = [];
  const answers: Answer[] = [];
  const entries: { areaCode: string; entry: ItemWithStatus; value: AnswerValue | null }[] = [];
  for (const area of template.areas)
    for (const item of area.items) {
      const typeOk = template.schoolTypes?.includes(school.type) ?? true;
      const na = typeOk ? notApplicableReason(item.applicability, profile) : { kind: 'schoolType' as const, schoolType: school.type };
      // 一票否决 points are rarely failed in a real county: a failed one caps the school's level.
      const veto = item.assess?.rule.kind === 'veto';
      const status: ItemStatusKind = na ? 'not_applicable' : veto ? (rnd() < 0.97 ? 'met' : 'not_met') : drawStatus(rnd, school.quality);
      const value = answerFor(item, status, profile);
      const need = item.evidence.minCount;
      const s: ItemStatus = {
        itemCode: item.code,
        status,
        reasons: na ? [{ key: 'reason.na.schoolType', params: {} }] : [reasonFor(item, status, value, profile)],
        evidenceCount: status === 'met' ? need : 0,
        evidenceRequired: na ? 0 : need,
        ...(item.type === 'event_log' ? { eventCount: status === 'met' ? EVENT_NEED : status === 'partly_met' ? 7 : status === 'not_met' ? 2 : 0, eventRequired: EVENT_NEED } : {}),
      };
      statuses.push(s);
      if (value) answers.push({ assessmentId, itemCode: item.code, value, note: '', revision: 1, savedBy: 'demo', savedAt: inp.generatedAt.toISOString() });
      entries.push({ areaCode: area.code, entry: { item, status: s }, value });
    }
  const all = entries.map((e) => e.entry);
  const summary: AssessmentSummary = {
    assessmentId,
    items: statuses,
    areas: template.areas.map((a) => ({ areaCode: a.code, ...summarize(entries.filter((e) => e.areaCode === a.code).map((e) => e.entry)) })),
    overall: summarize(all),
    failedKeyItems: failedKeyItems(all),
    computedAt: inp.generatedAt.toISOString(),
  };

  // Two photos and a meeting record, on the first met items that ask for evidence.
  const files = [
    { name: '安全演练现场.png', bytes: demoPng(320, 200, [70 + Math.floor(rnd() * 150), 120, 180]), mime: 'image/png' },
    { name: '劳动课堂.png', bytes: demoPng(320, 200, [90, 150 + Math.floor(rnd() * 80), 90]), mime: 'image/png' },
    { name: '会议记录.txt', bytes: Buffer.from(`${school.name} 校务会议记录\n${'会议研究落实年度工作要点，明确责任人与完成时限。\n'.repeat(20)}`), mime: 'text/plain' },
  ].map((f) => {
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const file = join(inp.dir, `${sha256.slice(0, 12)}.bin`);
    writeFileSync(file, f.bytes);
    return { ...f, sha256, file, path: evidenceBagPath(sha256, f.name), size: f.bytes.length };
  });
  const carriers = entries.filter((e) => e.entry.status.status === 'met' && e.entry.item.evidence.minCount > 0 && !e.entry.item.confidential).slice(0, files.length);
  // A file no item names would be refused by the verifier: carry only those that found an item.
  files.splice(carriers.length);

  const zipPath = join(inp.dir, `${bagId}.zip`);
  const out = await SyncedFileWriter.open(zipPath);
  const frozenAt = inp.generatedAt.toISOString();
  await writeReportPackage(out, {
    bagId,
    key: inp.key,
    rotation: [],
    schoolCode: school.code,
    schoolName: school.name,
    assessmentId,
    assessmentVersion: inp.version,
    appVersion: 'demo',
    signedAt: inp.generatedAt,
    evidence: files.map((f) => ({ path: f.path, file: f.file, size: f.size, sha256: f.sha256 })),
    html: renderReportHtml,
    report: (hashes): ReportJson => ({
      format: REPORT_FORMAT,
      formatVersion: REPORT_FORMAT_VERSION,
      bagId,
      language: 'zh-CN',
      generatedAt: frozenAt,
      app: { name: 'selfcheck', version: 'demo' },
      signer: { keyId: inp.key.keyId, publicKey: inp.key.publicKeyLine },
      school: {
        name: school.name,
        code: school.code,
        type: school.type,
        county: school.county,
        counts: { students: profile.students, classes: profile.classes, staff: profile.staff, studentsWithDisabilities: profile.studentsWithDisabilities },
        boarding: profile.boarding,
        hasSchoolBus: profile.hasSchoolBus,
        hasCanteen: profile.hasCanteen,
      },
      assessment: {
        id: assessmentId,
        version: inp.version,
        replaces: inp.replaces,
        label: '2026—2027 学年',
        periodKind: 'school_year',
        startDate: '2026-09-01',
        endDate: '2027-07-15',
        frozenAt,
        template: { id: template.id, version: template.version, title: template.title },
      },
      overall: summary.overall,
      areas: template.areas.map((a) => ({ ...(summary.areas.find((x) => x.areaCode === a.code) ?? summary.overall), areaCode: a.code, title: a.title['zh-CN'] })),
      failedKeyItems: summary.failedKeyItems,
      score: buildReportScore(template, profile, summary, answers, 'zh-CN'),
      items: entries.map(({ areaCode, entry: { item, status }, value }) => {
        const carried = carriers.findIndex((c) => c.entry.item.code === item.code);
        const f = carried >= 0 ? files[carried] : undefined;
        const open = !item.confidential;
        return {
          code: item.code,
          areaCode,
          title: item.title['zh-CN'],
          type: item.type,
          status: status.status,
          key: item.key,
          confidential: item.confidential,
          reasons: open ? status.reasons.map((r) => ({ key: r.key, params: r.params, text: reasonText('zh-CN', r) })) : [],
          ...(open && value ? { value, valueText: valueText(item, value, 'zh-CN') } : {}),
          ...(open ? { note: '' } : {}),
          evidenceCount: f ? 1 : status.evidenceCount,
          evidenceRequired: status.evidenceRequired,
          ...(status.eventCount !== undefined ? { eventCount: status.eventCount, eventRequired: status.eventRequired } : {}),
          evidence: f ? [{ path: f.path, sha512: hashes.get(f.path) ?? '', size: f.size, mime: f.mime, caption: f.name.replace(/\.\w+$/, ''), originalName: f.name }] : [],
        };
      }),
      events: [],
      ...(inp.rectification ? { rectification: { ...inp.rectification, items: inp.rectification.items.map((i) => ({ ...i, evidence: [] })) } } : {}),
    }),
  });
  return { zipPath, bagId };
}
