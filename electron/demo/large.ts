// A data folder with one large assessment (300 items by default), for benchmarks:
// bench/app.ts times the back end on it, and a UI bench can time showing it in Chromium
// (`createLargeAssessmentDataDir(dir)`, then `selfcheck serve --data-dir dir`).
import { mkdirSync } from 'node:fs';
import type { AnswerValue } from '../../shared/domain/answer';
import { Template, type ItemInput, type TemplateInput } from '../../shared/template/schema';
import { createCore } from '../services/core';
import { seededRng } from './random';
import { DEMO_PROFILE } from './school';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const TYPES = ['yes_no', 'number', 'percentage', 'event_log', 'single_choice', 'multi_choice', 'text', 'checklist'] as const;
const KINDS = ['drill', 'meeting', 'lesson'];

function item(code: string, n: number): ItemInput {
  const base = {
    code,
    title: t(`第 ${n} 项检查内容:相关制度是否建立并落实到位`, `Check ${n}: is the rule in place and applied`),
    guidance: t('查阅相关制度文本和工作记录。', 'Read the rule and its records.'),
    evidence: { kinds: ['document' as const, 'photo' as const], minCount: n % 3, description: t('制度和记录', 'Rule and records') },
    weight: 1 + (n % 3),
    key: n % 37 === 0,
    confidential: false,
    citations: [{ doc: 'bench-doc', clause: String(n) }],
  };
  const type = TYPES[n % TYPES.length]!;
  switch (type) {
    case 'yes_no':
      return { ...base, type };
    case 'number':
      return { ...base, type, unit: t('人', 'people'), target: { op: 'gte', value: 10 } };
    case 'percentage':
      return { ...base, type, target: { op: 'gte', value: 90 } };
    case 'event_log':
      return { ...base, type, frequency: { eventKind: KINDS[n % KINDS.length]!, min: 1, per: 'month' } };
    case 'single_choice':
      return { ...base, type, options: [{ value: 'good', label: t('好', 'Good'), meets: true }, { value: 'poor', label: t('差', 'Poor'), meets: false }] };
    case 'multi_choice':
      return { ...base, type, options: ['a', 'b', 'c', 'd'].map((v) => ({ value: v, label: t(v, v) })), required: ['a'], minSelected: 2 };
    case 'text':
      return { ...base, type, minLength: 5 };
    case 'checklist':
      return { ...base, type, parts: ['p1', 'p2', 'p3', 'p4'].map((v) => ({ value: v, label: t(`部分 ${v}`, `Part ${v}`) })) };
  }
}

export function largeTemplate(itemCount: number): Template {
  const perArea = 30;
  const areas = [];
  for (let a = 0; a * perArea < itemCount; a++) {
    const code = `B${String.fromCharCode(65 + Math.floor(a / 26))}${String.fromCharCode(65 + (a % 26))}`;
    const items = [];
    for (let i = 1; i <= perArea && a * perArea + i <= itemCount; i++) items.push(item(`${code}-${String(i).padStart(2, '0')}`, a * perArea + i));
    areas.push({ code, title: t(`领域 ${a + 1}`, `Area ${a + 1}`), items });
  }
  const input: TemplateInput = {
    format: 1,
    id: 'bench-large',
    version: `1.0.${itemCount}`,
    title: t(`性能测试清单(${itemCount} 项)`, `Benchmark checklist (${itemCount} items)`),
    issuer: t('测试', 'Bench'),
    documents: [{ id: 'bench-doc', title: t('文件', 'Document'), issuer: t('测试', 'Bench'), year: 2025 }],
    eventKinds: KINDS.map((k) => ({ code: k, label: t(k, k) })),
    areas,
  };
  return Template.parse(input);
}

function answerFor(template: Template, code: string, n: number): AnswerValue | null {
  const it = template.areas.flatMap((a) => a.items).find((i) => i.code === code)!;
  switch (it.type) {
    case 'yes_no':
      return { type: 'yes_no', value: n % 5 !== 0 };
    case 'number':
      return { type: 'number', value: n % 20 };
    case 'percentage':
      return { type: 'percentage', value: 80 + (n % 21) };
    case 'single_choice':
      return { type: 'single_choice', value: n % 4 ? 'good' : 'poor' };
    case 'multi_choice':
      return { type: 'multi_choice', values: n % 3 ? ['a', 'b'] : ['b'] };
    case 'text':
      return { type: 'text', value: '已按要求落实,记录齐全。' };
    case 'checklist':
      return { type: 'checklist', parts: ['p1', 'p2', 'p3', 'p4'].slice(0, n % 5) };
    case 'event_log':
      return null;
  }
}

export interface LargeDataDir {
  dataDir: string;
  assessmentId: string;
  itemCount: number;
}

/** Creates (in an empty folder) a school with a `itemCount`-item assessment, ~85 % answered, with events. */
export function createLargeAssessmentDataDir(dataDir: string, itemCount = 300): LargeDataDir {
  mkdirSync(dataDir, { recursive: true });
  const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
  try {
    const template = largeTemplate(itemCount);
    core.templates.install(template);
    core.profile.save(DEMO_PROFILE);
    const a = core.assessments.create({
      templateId: template.id,
      templateVersion: template.version,
      periodKind: 'school_year',
      label: '2025–2026 学年',
      startDate: '2025-09-01',
      endDate: '2026-08-31',
    });
    const rng = seededRng(300);
    template.areas.flatMap((x) => x.items).forEach((it, n) => {
      const value = rng.chance(0.85) ? answerFor(template, it.code, n) : null;
      if (value) core.answers.save({ assessmentId: a.id, itemCode: it.code, value, note: n % 7 ? '' : '备注' });
    });
    for (let m = 0; m < 10; m++)
      for (const kind of KINDS) {
        const month = ((8 + m) % 12) + 1;
        const year = month >= 9 ? 2025 : 2026;
        core.events.save({ kind, date: `${year}-${String(month).padStart(2, '0')}-15`, title: `${kind} ${m + 1}`, participants: 100, note: '' });
      }
    return { dataDir, assessmentId: a.id, itemCount };
  } finally {
    core.close();
  }
}
