// The assessment being filled: its template, current answers and computed summary.
// Every write refreshes the summary, so statuses and progress follow at once.
import { create } from 'zustand';
import type { Assessment, NewAssessment } from '../../shared/domain/assessment';
import type { Answer, AnswerValue } from '../../shared/domain/answer';
import type { AssessmentSummary, ItemStatus } from '../../shared/domain/status';
import type { Template } from '../../shared/template/schema';
import { api } from '../bridge';
import { tracked } from './saveState';

const REMEMBERED = 'selfcheck.assessmentId';

interface AssessmentState {
  assessments: Assessment[];
  current: Assessment | null;
  template: Template | null;
  answers: Record<string, Answer>;
  summary: AssessmentSummary | null;
  statuses: Map<string, ItemStatus>;
  loading: boolean;
  load(): Promise<void>;
  select(id: string): Promise<void>;
  create(input: NewAssessment): Promise<Assessment>;
  /** Makes a new, editable version of a frozen assessment (its answers and evidence links carried over). */
  continueFrozen(id: string): Promise<Assessment>;
  saveAnswer(itemCode: string, value: AnswerValue | null, note: string): Promise<Answer>;
  /** After a save conflict: this page now knows the other window's answer (the next save builds on it). */
  adoptAnswer(answer: Answer): void;
  restore(itemCode: string, revisionId: number): Promise<Answer>;
  refreshSummary(): Promise<void>;
}

const templateCache = new Map<string, Template>();
async function loadTemplate(id: string, version: string): Promise<Template> {
  const key = `${id}@${version}`;
  let t = templateCache.get(key);
  if (!t) templateCache.set(key, (t = await api().call('templates.get', { id, version })));
  return t;
}

/** Writes to one item are chained so they reach the back end in the order they were made. */
const queues = new Map<string, Promise<unknown>>();
function enqueue<T>(key: string, write: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(write);
  queues.set(key, run);
  return run;
}

const indexStatuses = (s: AssessmentSummary | null) => new Map((s?.items ?? []).map((i) => [i.itemCode, i]));

function remembered(): string | null {
  try {
    return localStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}
function remember(id: string): void {
  try {
    localStorage.setItem(REMEMBERED, id);
  } catch {
    // private mode or storage disabled: only the default choice is lost
  }
}

/** The open (not frozen) assessment created last, else the last one. */
function defaultChoice(list: Assessment[]): Assessment | undefined {
  const byNewest = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return byNewest.find((a) => !a.frozenAt) ?? byNewest[0];
}

export const useAssessment = create<AssessmentState>((set, get) => ({
  assessments: [],
  current: null,
  template: null,
  answers: {},
  summary: null,
  statuses: new Map(),
  loading: false,
  async load() {
    const assessments = await api().call('assessments.list', {});
    set({ assessments });
    const wanted = assessments.find((a) => a.id === remembered()) ?? defaultChoice(assessments);
    if (wanted) await get().select(wanted.id);
    else set({ current: null, template: null, answers: {}, summary: null, statuses: new Map() });
  },
  async select(id) {
    set({ loading: true });
    try {
      const current = await api().call('assessments.get', { id });
      const [template, answerList, summary] = await Promise.all([
        loadTemplate(current.templateId, current.templateVersion),
        api().call('answers.list', { assessmentId: id }),
        api().call('assessments.summary', { id }),
      ]);
      const answers = Object.fromEntries(answerList.map((a) => [a.itemCode, a]));
      remember(id);
      set({ current, template, answers, summary, statuses: indexStatuses(summary) });
    } finally {
      set({ loading: false });
    }
  },
  async create(input) {
    const created = await tracked(() => api().call('assessments.create', input));
    set({ assessments: [...get().assessments, created] });
    await get().select(created.id);
    return created;
  },
  async continueFrozen(id) {
    const next = await tracked(() => api().call('assessments.continue', { id }));
    set({ assessments: [...get().assessments.filter((a) => a.id !== next.id), next] });
    return next;
  },
  async saveAnswer(itemCode, value, note) {
    const current = get().current;
    if (!current) throw new Error('no assessment selected');
    // The revision this page last saw is read when the write goes out (after the writes queued
    // before it), so a page's own saves follow each other and only another window's save conflicts.
    const saved = await enqueue(`${current.id}/${itemCode}`, async () => {
      const baseRevision = get().answers[itemCode]?.revision ?? 0;
      const answer = await tracked(() => api().call('answers.save', { assessmentId: current.id, itemCode, value, note, baseRevision }));
      if (get().current?.id === current.id) set({ answers: { ...get().answers, [itemCode]: answer } });
      return answer;
    });
    await get().refreshSummary();
    return saved;
  },
  adoptAnswer(answer) {
    if (get().current?.id === answer.assessmentId) set({ answers: { ...get().answers, [answer.itemCode]: answer } });
    void get().refreshSummary();
  },
  async restore(itemCode, revisionId) {
    const current = get().current;
    if (!current) throw new Error('no assessment selected');
    const saved = await enqueue(`${current.id}/${itemCode}`, () => tracked(() => api().call('answers.restore', { revisionId })));
    set({ answers: { ...get().answers, [saved.itemCode]: saved } });
    await get().refreshSummary();
    return saved;
  },
  async refreshSummary() {
    const current = get().current;
    if (!current) return;
    const summary = await api().call('assessments.summary', { id: current.id });
    if (get().current?.id === current.id) set({ summary, statuses: indexStatuses(summary) });
  },
}));

/** The assessment that continues this one (a newer version made after its export), if any. */
export function successorOf(list: Assessment[], id: string): Assessment | undefined {
  return list.filter((a) => a.replacesId === id).sort((a, b) => b.version - a.version)[0];
}

/** Event kinds, documents and items by code, looked up often by pages. */
export function itemByCode(template: Template | null, code: string) {
  if (!template) return undefined;
  for (const area of template.areas) {
    const item = area.items.find((i) => i.code === code);
    if (item) return { area, item };
  }
  return undefined;
}
