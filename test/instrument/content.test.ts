// The v2 instruments read against issue 9's content rules: affirmative veto
// points with a decider, a citation for every figure, no authoring notes in
// the principal's guidance, full-width punctuation, plain English, the
// hierarchy, the burden, and the v1 → v2 code map.
import { summarizeInstrument } from '../../shared/status/instrumentSummary';
import { allItems, type LocalizedText, type Template } from '../../shared/template/schema';
import { INSTRUMENTS, KINDERGARTEN_V2, SCHOOL_V2, V1 } from './helpers';

const CJK = /[\u3400-\u9fff]/;
const texts = (value: unknown, out: LocalizedText[] = []): LocalizedText[] => {
  if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['zh-CN'] === 'string' && typeof o.en === 'string') out.push(o as LocalizedText);
    else Object.values(o).forEach((v) => texts(v, out));
  }
  return out;
};

describe.each(INSTRUMENTS.map((t) => [t.id, t] as const))('%s v2', (_id, t: Template) => {
  const items = allItems(t);
  const docs = new Map(t.documents.map((d) => [d.id, d]));

  it('key items are affirmative veto points with a decider and a scope that does not reward concealment', () => {
    const keys = items.filter((i) => i.key);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const i of keys) {
      expect([i.code, i.title['zh-CN']]).not.toEqual([i.code, expect.stringMatching(/是否未|未发生|没有发生|不发生/)]);
      expect([i.code, i.title.en]).not.toEqual([i.code, expect.stringMatching(/\b(no|not|never)\b/i)]);
      expect(i.type === 'yes_no' && i.expected).toBe(true);
      expect(i.assess?.rule.kind).toBe('veto');
      expect(i.assess?.veto?.decider['zh-CN']).toMatch(/认定|核发/);
      expect(i.assess?.veto?.scope['zh-CN']).toMatch(/瞒报|无证/);
    }
  });

  it('every figure rests on a national, provincial or county document; none on a comparative one alone', () => {
    const scopeOf = (doc: string) => docs.get(doc)?.scope;
    for (const i of items) {
      const hasFigure =
        /\d/.test(i.title['zh-CN']) || ('target' in i && i.target !== undefined) || i.type === 'event_log' || ('unit' in i && i.unit !== undefined);
      const solid = i.citations.filter((c) => ['national', 'provincial', 'local'].includes(scopeOf(c.doc) ?? ''));
      if (hasFigure) expect([i.code, solid.length > 0]).toEqual([i.code, true]);
      expect([i.code, i.citations.every((c) => scopeOf(c.doc) === 'comparative')]).toEqual([i.code, false]);
    }
    expect(t.documents.filter((d) => d.scope === 'national').length).toBeGreaterThanOrEqual(t === SCHOOL_V2 ? 20 : 6);
  });

  it('adjustable figures explain themselves to the bureau, not in the guidance', () => {
    for (const i of items) {
      expect([i.code, i.guidance['zh-CN']]).not.toEqual([i.code, expect.stringMatching(/默认值|可调整|本模板/)]);
      const adjustable = ('target' in i && i.target?.adjustable) || (i.type === 'event_log' && i.frequency.adjustable);
      if (adjustable) expect([i.code, i.bureauNote === undefined]).toEqual([i.code, false]);
    }
  });

  it('Chinese in full-width punctuation, English without Chinese characters', () => {
    const bad: string[] = [];
    for (const x of texts(t)) {
      if (/[,;?()]|(?<!\d):|:(?!\d)/.test(x['zh-CN'])) bad.push(`zh: ${x['zh-CN']}`);
      if (CJK.test(x.en)) bad.push(`en: ${x.en}`);
    }
    expect(bad).toEqual([]);
  });

  it('aspect → key indicator → point: every indicator has points, every point a method and criteria', () => {
    for (const area of t.areas) {
      const used = new Set(area.items.map((i) => i.assess?.indicator));
      expect((area.indicators ?? []).map((k) => [k.code, used.has(k.code)])).toEqual((area.indicators ?? []).map((k) => [k.code, true]));
    }
    for (const i of items) expect(i.assess?.methods.length).toBeGreaterThan(0);
  });

  it('the burden: about 60–90 points per type, and less evidence and far fewer events than v1', () => {
    for (const row of summarizeInstrument(t)) {
      expect(row.points).toBeGreaterThanOrEqual(t === KINDERGARTEN_V2 ? 40 : 60);
      expect(row.points).toBeLessThanOrEqual(95);
      const old = summarizeInstrument(V1).find((r) => r.schoolType === row.schoolType)!;
      expect(row.evidenceFiles).toBeLessThan(old.evidenceFiles);
      expect(row.eventEntries * 3).toBeLessThan(old.eventEntries);
    }
  });

  it('the v1 → v2 map names every v2 point once and every v1 item of these types once', () => {
    const map = t.predecessor!.map;
    const to = map.flatMap((r) => r.to);
    expect([...to].sort()).toEqual(items.map((i) => i.code).sort());
    const v1Codes = allItems(V1)
      .filter((i) => !i.applicability?.schoolTypes || i.applicability.schoolTypes.some((s) => t.schoolTypes!.includes(s)))
      .map((i) => i.code);
    const from = map.flatMap((r) => r.from);
    expect(from.filter((c, n) => from.indexOf(c) !== n && !map.some((r) => r.change === 'merged' && r.from.includes(c)))).toEqual(
      from.filter((c, n) => from.indexOf(c) !== n && map.filter((r) => r.from.includes(c)).every((r) => r.change !== 'split')),
    );
    for (const c of from) expect(allItems(V1).some((i) => i.code === c)).toBe(true);
    if (t === SCHOOL_V2) expect(v1Codes.filter((c) => !from.includes(c))).toEqual([]);
    const v1 = new Map(allItems(V1).map((i) => [i.code, i]));
    const v2 = new Map(items.map((i) => [i.code, i]));
    for (const r of map) {
      if (r.carry) {
        expect(r.change).toBe('same');
        const [a, b] = [v1.get(r.from[0]!)!, v2.get(r.to[0]!)!];
        // Same meaning: same type and the same title but for punctuation made full-width.
        const norm = (x: string) => x.replace(/[，,]/g, ',').replace(/[？?]/g, '?').replace(/[；;]/g, ';').replace(/[（(]/g, '(').replace(/[）)]/g, ')').replace(/[：:]/g, ':');
        expect([r.to[0], b.type, norm(b.title['zh-CN'])]).toEqual([r.to[0], a.type, norm(a.title['zh-CN'])]);
      }
      if (r.change === 'split') expect(r.to.length).toBeGreaterThan(1);
      if (r.change === 'new') expect(r.from).toEqual([]);
      if (r.change === 'dropped') expect(r.to).toEqual([]);
    }
  });
});

it('the kindergarten instrument follows the national guide: 5 aspects, 15 key indicators, its own points', () => {
  expect(KINDERGARTEN_V2.schoolTypes).toEqual(['kindergarten']);
  expect(KINDERGARTEN_V2.areas.map((a) => a.title['zh-CN'])).toEqual(['办园方向', '保育与安全', '教育过程', '环境创设', '教师队伍']);
  expect(KINDERGARTEN_V2.areas.flatMap((a) => (a.indicators ?? []).map((k) => k.code))).toEqual(Array.from({ length: 15 }, (_, n) => `B${n + 1}`));
  expect(allItems(KINDERGARTEN_V2).some((i) => i.assess?.indicator === 'B8')).toBe(true); // 师幼互动
  expect(SCHOOL_V2.schoolTypes).not.toContain('kindergarten');
});

it('v1 stays as it was: unscored, every school type, its own codes', () => {
  expect(V1.version).toBe('1.0.0');
  expect(V1.scoring).toBeUndefined();
  expect(allItems(V1).every((i) => i.assess === undefined)).toBe(true);
  expect(allItems(V1).length).toBe(166);
});

it('v2 texts are written in our own words: no 16-character run copied from a plan document', () => {
  // The plans sit in shared/seeds/ beside the checkout (/work/main or a worktree under /work/wt).
  const fs = jest.requireActual<typeof import('fs')>('fs');
  const path = jest.requireActual<typeof import('path')>('path');
  const dir = [path.resolve(__dirname, '../../../shared/seeds'), path.resolve(__dirname, '../../../../shared/seeds')].find((d) => fs.existsSync(d));
  if (!dir) throw new Error('plan documents (shared/seeds/) not found beside the checkout');
  const RUN = 16;
  const strip = (s: string) => s.replace(/《[^》]*》/g, '').replace(/[\s,，。;；、:：“”"()（）?？]/g, '');
  const sources = strip(
    fs
      .readdirSync(dir)
      .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
      .join('\n'),
  );
  const runs = new Set<string>();
  for (let i = 0; i + RUN <= sources.length; i++) runs.add(sources.slice(i, i + RUN));
  const copied: string[] = [];
  for (const t of INSTRUMENTS)
    for (const x of texts(t.areas)) {
      const s = strip(x['zh-CN']);
      for (let i = 0; i + RUN <= s.length; i++)
        if (runs.has(s.slice(i, i + RUN))) {
          copied.push(s.slice(i, i + RUN));
          break;
        }
    }
  expect(copied).toEqual([]);
});
