// The bundled Hunan checklist template: it parses, its items are well formed,
// and COVERAGE.md ties every item to the plan clauses it enforces and every
// numbered clause of the source documents to items (or a stated reason).
import fs from 'fs';
import os from 'os';
import path from 'path';
import { loadSeedTemplate, SEED_TEMPLATE_DIR } from '../../bag/template/seedTemplate';
import { allItems, type Item, type LocalizedText, type Template } from '../../shared/template/schema';

const SOURCES_DIR = path.resolve(__dirname, '../../../shared/seeds');
const COVERAGE_FILE = path.join(SEED_TEMPLATE_DIR, 'COVERAGE.md');

/** Which source file holds which document, and how its clauses are numbered. */
const SOURCES: { id: string; prefix: string; numbering: 'plain' | 'part-prefixed' | 'paragraphs' }[] = [
  { id: 'hunan-2023', prefix: '000_', numbering: 'plain' },
  { id: 'jishou-2023', prefix: '001_', numbering: 'plain' },
  { id: 'city-2023-p2', prefix: '002_', numbering: 'plain' },
  { id: 'city-2024-action', prefix: '003_', numbering: 'part-prefixed' },
  { id: 'hengyang-reform', prefix: '004_', numbering: 'paragraphs' },
];

function sourceText(prefix: string): string {
  const name = fs.readdirSync(SOURCES_DIR).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no source file ${prefix}* in ${SOURCES_DIR}`);
  return fs.readFileSync(path.join(SOURCES_DIR, name), 'utf8');
}

interface ParsedClause {
  clause: string;
  heading: string;
  kind: 'numbered' | 'part';
}

/**
 * Clauses as printed: Arabic "N." lines (prefixed with their Chinese part
 * numeral where the numbering restarts per part) and the Chinese part headings.
 */
function parseClauses(text: string, numbering: 'plain' | 'part-prefixed'): ParsedClause[] {
  const out: ParsedClause[] = [];
  let part = '';
  for (const line of text.split('\n')) {
    const h = /^\s*([一二三四五六七八九十]+)、\s*(.+)$/.exec(line);
    if (h) {
      part = h[1]!;
      out.push({ clause: part, heading: h[2]!.trim(), kind: 'part' });
      continue;
    }
    const m = /^\s*(\d+)\.\s*(.+)$/.exec(line);
    if (m) out.push({ clause: numbering === 'part-prefixed' ? `${part}.${m[1]}` : m[1]!, heading: m[2]!.trim(), kind: 'numbered' });
  }
  return out;
}

interface CoverageRow {
  line: number;
  doc: string;
  clause: string;
  anchor: string;
  items: string[];
  note: string;
}

function readCoverage(): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const lines = fs.readFileSync(COVERAGE_FILE, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    if (!raw.startsWith('|')) return;
    const cells = raw.split('|').slice(1, -1).map((c) => c.trim());
    if (cells[0] === 'doc' || /^-+$/.test(cells[0] ?? '')) return;
    if (cells.length !== 5) throw new Error(`COVERAGE.md line ${i + 1}: expected 5 cells, got ${cells.length}`);
    const [doc, clause, anchor, items, note] = cells as [string, string, string, string, string];
    rows.push({
      line: i + 1,
      doc,
      clause,
      anchor,
      items: items === '—' ? [] : items.split(',').map((s) => s.trim()),
      note,
    });
  });
  return rows;
}

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);
const hasLatin = (s: string) => /[A-Za-z]{2,}/.test(s);

/** Every LocalizedText reachable from an item, with a path for messages. */
function localizedTexts(item: Item): [string, LocalizedText][] {
  const out: [string, LocalizedText][] = [
    ['title', item.title],
    ['guidance', item.guidance],
    ['evidence.description', item.evidence.description],
  ];
  if (item.type === 'number') out.push(['unit', item.unit]);
  if (item.type === 'single_choice' || item.type === 'multi_choice')
    item.options.forEach((o) => out.push([`options.${o.value}`, o.label]));
  if (item.type === 'checklist') item.parts.forEach((p) => out.push([`parts.${p.value}`, p.label]));
  return out;
}

function byCode(items: Item[], code: string): Item {
  const item = items.find((i) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return item;
}

describe('seed template hunan-school-selfcheck', () => {
  let template: Template;
  let items: Item[];
  let coverage: CoverageRow[];

  beforeAll(() => {
    template = loadSeedTemplate(SEED_TEMPLATE_DIR);
    items = allItems(template);
    coverage = readCoverage();
  });

  test('loads and parses, with the expected identity and documents', () => {
    expect(template.id).toBe('hunan-school-selfcheck');
    expect(template.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(template.documents.map((d) => d.id).sort()).toEqual(SOURCES.map((s) => s.id).sort());
    expect(template.holidayMonths).toEqual([7, 8]);
  });

  test('the loader names the file and the issue path when an area is invalid', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-template-'));
    try {
      fs.cpSync(SEED_TEMPLATE_DIR, tmp, { recursive: true });
      const areaFiles = fs.readdirSync(path.join(tmp, 'areas')).sort();
      const target = areaFiles[1]!;
      const file = path.join(tmp, 'areas', target);
      const area = JSON.parse(fs.readFileSync(file, 'utf8')) as { items: { weight: number }[] };
      area.items[0]!.weight = 11;
      fs.writeFileSync(file, JSON.stringify(area));
      expect(() => loadSeedTemplate(tmp)).toThrow(target);
      expect(() => loadSeedTemplate(tmp)).toThrow('areas.1.items.0.weight');
      fs.writeFileSync(file, '{ not json');
      expect(() => loadSeedTemplate(tmp)).toThrow(target);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('area files are named NN-CODE.json in order and match their area code', () => {
    const names = fs.readdirSync(path.join(SEED_TEMPLATE_DIR, 'areas')).filter((n) => n.endsWith('.json')).sort();
    expect(names).toHaveLength(template.areas.length);
    names.forEach((name, i) => {
      const m = /^(\d{2})-([A-Z]{2,4})\.json$/.exec(name);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBe(i + 1);
      expect(template.areas[i]!.code).toBe(m![2]);
    });
    expect(new Set(template.areas.map((a) => a.code)).size).toBe(template.areas.length);
  });

  test('no key in the JSON files is silently dropped by the schema (e.g. a misspelt "adjustable")', () => {
    const dropped: string[] = [];
    const walk = (raw: unknown, parsed: unknown, where: string) => {
      if (Array.isArray(raw)) {
        raw.forEach((v, i) => walk(v, Array.isArray(parsed) ? parsed[i] : undefined, `${where}[${i}]`));
      } else if (raw !== null && typeof raw === 'object') {
        const p = (parsed ?? {}) as Record<string, unknown>;
        for (const [k, v] of Object.entries(raw)) {
          if (!(k in p)) dropped.push(`${where}.${k}`);
          else walk(v, p[k], `${where}.${k}`);
        }
      }
    };
    const names = fs.readdirSync(path.join(SEED_TEMPLATE_DIR, 'areas')).filter((n) => n.endsWith('.json')).sort();
    names.forEach((name, i) => walk(JSON.parse(fs.readFileSync(path.join(SEED_TEMPLATE_DIR, 'areas', name), 'utf8')), template.areas[i], name));
    const meta = JSON.parse(fs.readFileSync(path.join(SEED_TEMPLATE_DIR, 'template.meta.json'), 'utf8')) as unknown;
    walk(meta, template, 'template.meta.json');
    expect(dropped).toEqual([]);
  });

  test('item codes are unique, follow AREA-NN and are numbered from 01 within each area', () => {
    const codes = items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const area of template.areas)
      area.items.forEach((item, i) => {
        expect(item.code).toMatch(/^[A-Z]{2,4}-\d{2}$/);
        expect(item.code).toBe(`${area.code}-${String(i + 1).padStart(2, '0')}`);
      });
  });

  test('the total number of items is between 90 and 170', () => {
    expect(items.length).toBeGreaterThanOrEqual(90);
    expect(items.length).toBeLessThanOrEqual(170);
  });

  test('every area and item text exists in Chinese and English', () => {
    const problems: string[] = [];
    const check = (where: string, t: LocalizedText) => {
      if (!t['zh-CN'].trim() || !hasCjk(t['zh-CN'])) problems.push(`${where} zh-CN`);
      if (!t.en.trim() || !hasLatin(t.en)) problems.push(`${where} en`);
    };
    check('template.title', template.title);
    template.documents.forEach((d) => check(`document ${d.id}`, d.title));
    template.eventKinds.forEach((k) => check(`eventKind ${k.code}`, k.label));
    for (const area of template.areas) {
      check(`area ${area.code}`, area.title);
      if (area.description) check(`area ${area.code} description`, area.description);
      for (const item of area.items) for (const [where, t] of localizedTexts(item)) check(`${item.code} ${where}`, t);
    }
    expect(problems).toEqual([]);
  });

  test('item texts are written in our own words, not copied from the plans', () => {
    // No Chinese text of an item shares a run of 16 characters with a source
    // document (punctuation and 《titles》 of national documents ignored).
    const RUN = 16;
    const strip = (s: string) => s.replace(/《[^》]*》/g, '').replace(/[\s,,。;;、:“”"()()]/g, '');
    const sources = strip(SOURCES.map((s) => sourceText(s.prefix)).join('\n'));
    const runs = new Set<string>();
    for (let i = 0; i + RUN <= sources.length; i++) runs.add(sources.slice(i, i + RUN));
    const copied: string[] = [];
    for (const item of items)
      for (const [where, t] of localizedTexts(item)) {
        const s = strip(t['zh-CN']);
        for (let i = 0; i + RUN <= s.length; i++)
          if (runs.has(s.slice(i, i + RUN))) {
            copied.push(`${item.code} ${where}: ${s.slice(i, i + RUN)}`);
            break;
          }
      }
    expect(copied).toEqual([]);
  });

  test('every item names its evidence; only pure counts may ask for none', () => {
    for (const item of items) {
      expect(item.evidence.kinds.length).toBeGreaterThan(0);
      if (item.evidence.minCount === 0) {
        // A pure count: a number without a target, whose records stay at school.
        expect({ code: item.code, type: item.type, target: item.type === 'number' ? item.target : 'n/a' }).toEqual({
          code: item.code,
          type: 'number',
          target: undefined,
        });
        expect(item.confidential).toBe(true);
      } else {
        expect(item.evidence.minCount).toBeGreaterThanOrEqual(1);
      }
    }
  });

  test('every event kind is defined once and counted by some item', () => {
    const kinds = template.eventKinds.map((k) => k.code);
    expect(new Set(kinds).size).toBe(kinds.length);
    const counted = new Set(items.flatMap((i) => (i.type === 'event_log' ? [i.frequency.eventKind] : [])));
    expect(kinds.filter((k) => !counted.has(k))).toEqual([]);
  });

  test('every citation names a real document and a clause listed in COVERAGE.md for it', () => {
    const docs = new Set(template.documents.map((d) => d.id));
    const listed = new Set(coverage.map((r) => `${r.doc}|${r.clause}`));
    const bad: string[] = [];
    for (const item of items)
      for (const c of item.citations) {
        if (!docs.has(c.doc)) bad.push(`${item.code} cites unknown document ${c.doc}`);
        if (!listed.has(`${c.doc}|${c.clause}`)) bad.push(`${item.code} cites ${c.doc} ${c.clause}, not in COVERAGE.md`);
      }
    expect(bad).toEqual([]);
  });

  test('COVERAGE.md rows are well formed, unique, and resolve to real item codes', () => {
    const codes = new Set(items.map((i) => i.code));
    const docs = new Set(template.documents.map((d) => d.id));
    const seen = new Set<string>();
    expect(coverage.length).toBeGreaterThan(0);
    for (const row of coverage) {
      const at = `COVERAGE.md line ${row.line}`;
      expect(`${at} ${docs.has(row.doc)}`).toBe(`${at} true`);
      const key = `${row.doc}|${row.clause}`;
      expect(`${at} ${seen.has(key) ? 'duplicate' : 'ok'}`).toBe(`${at} ok`);
      seen.add(key);
      expect(row.anchor.length).toBeGreaterThan(0);
      expect(row.note.length).toBeGreaterThan(0);
      for (const code of row.items) expect(`${at} ${code} ${codes.has(code)}`).toBe(`${at} ${code} true`);
    }
  });

  test('each COVERAGE row lists exactly the items citing that clause, and every item appears', () => {
    const citing = new Map<string, Set<string>>();
    for (const item of items)
      for (const c of item.citations) {
        const key = `${c.doc}|${c.clause}`;
        if (!citing.has(key)) citing.set(key, new Set());
        citing.get(key)!.add(item.code);
      }
    for (const row of coverage)
      expect({ clause: `${row.doc} ${row.clause}`, items: [...row.items].sort() }).toEqual({
        clause: `${row.doc} ${row.clause}`,
        items: [...(citing.get(`${row.doc}|${row.clause}`) ?? [])].sort(),
      });
    const referenced = new Set(coverage.flatMap((r) => r.items));
    expect(items.map((i) => i.code).filter((c) => !referenced.has(c))).toEqual([]);
  });

  test.each(SOURCES.filter((s) => s.numbering !== 'paragraphs'))(
    'COVERAGE.md lists every numbered clause of $id and only clauses that exist',
    ({ id, prefix, numbering }) => {
      const parsed = parseClauses(sourceText(prefix), numbering as 'plain' | 'part-prefixed');
      const numbered = parsed.filter((c) => c.kind === 'numbered');
      expect(numbered.length).toBeGreaterThan(0);
      const rows = coverage.filter((r) => r.doc === id);
      const listed = new Set(rows.map((r) => r.clause));
      expect(numbered.map((c) => c.clause).filter((c) => !listed.has(c))).toEqual([]);
      const known = new Map(parsed.map((c) => [c.clause, c.heading]));
      for (const row of rows) {
        const heading = known.get(row.clause);
        expect(`${id} ${row.clause} ${heading === undefined ? 'missing from the source' : 'found'}`).toBe(`${id} ${row.clause} found`);
        // The anchor is the clause's own heading, so a wrong number shows up here.
        expect(`${id} ${row.clause}: ${heading!.startsWith(row.anchor)}`).toBe(`${id} ${row.clause}: true`);
      }
    },
  );

  test('the expected clause numbers are found in the numbered sources', () => {
    const numbers = (prefix: string, numbering: 'plain' | 'part-prefixed') =>
      parseClauses(sourceText(prefix), numbering)
        .filter((c) => c.kind === 'numbered')
        .map((c) => c.clause);
    const range = (a: number, b: number, p = '') => Array.from({ length: b - a + 1 }, (_, i) => `${p}${a + i}`);
    expect(numbers('000_', 'plain')).toEqual(range(1, 18));
    expect(numbers('001_', 'plain')).toEqual(range(1, 35));
    expect(numbers('002_', 'plain')).toEqual(range(10, 18));
    expect(numbers('003_', 'part-prefixed')).toEqual([...range(1, 4, '二.'), ...range(1, 29, '三.')]);
  });

  test('the news report is numbered by paragraph, in order, with anchors found in the article', () => {
    const text = sourceText('004_');
    const rows = coverage.filter((r) => r.doc === 'hengyang-reform');
    expect(rows.length).toBeGreaterThanOrEqual(15);
    let last = -1;
    const perSection = new Map<string, number[]>();
    for (const row of rows) {
      const m = /^(0|[A-E])\.(\d+)$/.exec(row.clause);
      expect(`${row.clause} ${m ? 'ok' : 'bad number'}`).toBe(`${row.clause} ok`);
      const at = text.indexOf(row.anchor);
      expect(`${row.clause} anchor ${at >= 0 ? 'found' : 'missing'}`).toBe(`${row.clause} anchor found`);
      expect(text.indexOf(row.anchor, at + 1)).toBe(-1);
      expect(at).toBeGreaterThan(last);
      last = at;
      const list = perSection.get(m![1]!) ?? [];
      list.push(Number(m![2]));
      perSection.set(m![1]!, list);
    }
    expect([...perSection.keys()]).toEqual(['0', 'A', 'B', 'C', 'D', 'E']);
    for (const nums of perSection.values()) expect(nums).toEqual(nums.map((_, i) => i + 1));
  });

  test('figures from uncertain or local sources are adjustable defaults', () => {
    const frequencyAdjustable = (code: string) => {
      const item = byCode(items, code);
      if (item.type !== 'event_log') throw new Error(`${code} is ${item.type}, not event_log`);
      return item.frequency.adjustable === true;
    };
    // Uncertain in the national standards: bullying-committee meetings each
    // term; staff congress frequency (only Jishou says once a year); extra
    // drills for boarding schools and bus drills (no national number).
    expect(frequencyAdjustable('SAF-10')).toBe(true);
    expect(frequencyAdjustable('GOV-03')).toBe(true);
    expect(frequencyAdjustable('SAF-04')).toBe(true);
    expect(frequencyAdjustable('SAF-17')).toBe(true);
    // Firm national figures stay fixed: monthly drills, quarterly in
    // kindergartens, two vision screenings a year, four law lessons a year.
    expect(frequencyAdjustable('SAF-02')).toBe(false);
    expect(frequencyAdjustable('SAF-03')).toBe(false);
    expect(frequencyAdjustable('PEH-09')).toBe(false);
    expect(frequencyAdjustable('GOV-02')).toBe(false);

    // Library stock: 25 a student in primary is national; secondary figures are uncertain.
    const library = byCode(items, 'ARS-05');
    if (library.type !== 'number') throw new Error('ARS-05 should be a number');
    expect(library.target).toEqual({ op: 'gte', value: 25 });
    const secondary = ['junior', 'nine_year', 'senior', 'complete_secondary'] as const;
    for (const type of secondary) {
      const o = library.targetOverrides?.find((x) => x.schoolTypes.includes(type));
      expect(`${type} ${o?.target.adjustable}`).toBe(`${type} true`);
    }

    // Local figures from one city's plan become adjustable elsewhere.
    for (const code of ['PEH-05', 'PEH-06', 'CUR-02', 'ENR-04', 'SHS-06']) {
      const item = byCode(items, code);
      const target = item.type === 'number' || item.type === 'percentage' ? item.target : undefined;
      expect(`${code} ${target?.adjustable}`).toBe(`${code} true`);
    }
  });

  test('must-have items have the right shape and applicability', () => {
    const drill = byCode(items, 'SAF-02');
    expect(drill.type === 'event_log' && drill.frequency).toEqual({ eventKind: 'evacuation_drill', min: 1, per: 'month' });
    expect(drill.applicability?.schoolTypes).not.toContain('kindergarten');
    const kgDrill = byCode(items, 'SAF-03');
    expect(kgDrill.type === 'event_log' && kgDrill.frequency).toEqual({ eventKind: 'evacuation_drill', min: 1, per: 'quarter' });
    expect(kgDrill.applicability?.schoolTypes).toEqual(['kindergarten']);

    const law = byCode(items, 'GOV-02');
    expect(law.type === 'event_log' && law.frequency).toMatchObject({ eventKind: 'law_lesson', min: 4, per: 'school_year' });
    const congress = byCode(items, 'GOV-03');
    expect(congress.type === 'event_log' && congress.frequency).toMatchObject({ eventKind: 'staff_congress', min: 1, per: 'school_year' });
    const cleanup = byCode(items, 'SAF-11');
    expect(cleanup.type === 'event_log' && cleanup.frequency).toMatchObject({ eventKind: 'surroundings_cleanup', min: 2, per: 'school_year' });
    const vision = byCode(items, 'PEH-09');
    expect(vision.type === 'event_log' && vision.frequency).toMatchObject({ eventKind: 'vision_screening', min: 2, per: 'school_year' });
    const labourWeek = byCode(items, 'LAB-04');
    expect(labourWeek.type === 'event_log' && labourWeek.frequency).toMatchObject({ eventKind: 'labour_week', min: 1, per: 'school_year' });

    const activity = byCode(items, 'PEH-02');
    expect(activity.type === 'number' && activity.target).toEqual({ op: 'gte', value: 60 });
    const homework36 = byCode(items, 'CUR-10');
    expect(homework36.type === 'number' && homework36.target).toEqual({ op: 'lte', value: 60 });
    const homeworkJunior = byCode(items, 'CUR-11');
    expect(homeworkJunior.type === 'number' && homeworkJunior.target).toEqual({ op: 'lte', value: 90 });

    const room = byCode(items, 'MHE-01');
    expect(room.type).toBe('checklist');
    if (room.type === 'checklist')
      expect(room.parts.map((p) => p.value)).toEqual(expect.arrayContaining(['individual_room', 'group_room', 'reception_office']));

    const flag = (code: string) => byCode(items, code).applicability?.conditions ?? [];
    expect(flag('SAF-16')).toContainEqual({ kind: 'flag', field: 'hasSchoolBus', equals: true });
    expect(flag('SAF-17')).toContainEqual({ kind: 'flag', field: 'hasSchoolBus', equals: true });
    expect(flag('FOOD-03')).toContainEqual({ kind: 'flag', field: 'hasCanteen', equals: true });
    expect(flag('SAF-04')).toContainEqual({ kind: 'flag', field: 'boarding', equals: true });
    expect(flag('SAF-18')).toContainEqual({ kind: 'flag', field: 'boarding', equals: true });
    expect(flag('SEN-01')).toContainEqual({ kind: 'count', field: 'studentsWithDisabilities', op: 'gte', value: 5 });

    const kgOnly = template.areas.find((a) => a.code === 'KIN')!;
    for (const item of kgOnly.items) expect(`${item.code} ${item.applicability?.schoolTypes?.join(',')}`).toBe(`${item.code} kindergarten`);
    const seniorOnly = template.areas.find((a) => a.code === 'SHS')!;
    for (const item of seniorOnly.items)
      for (const t of item.applicability?.schoolTypes ?? ['(none)'])
        expect(['senior', 'complete_secondary', 'vocational']).toContain(t);
  });

  test('key (一票否决) and confidential flags sit where they belong', () => {
    const keys = items.filter((i) => i.key).map((i) => i.code).sort();
    expect(keys).toEqual(expect.arrayContaining(['TCH-01', 'TCH-03', 'SAF-15', 'FOOD-01', 'FOOD-02']));
    for (const code of keys) {
      const item = byCode(items, code);
      expect(`${code} ${item.guidance['zh-CN'].includes('一票否决')}`).toBe(`${code} true`);
      expect(item.weight).toBeGreaterThanOrEqual(5);
    }
    for (const code of ['MHE-03', 'MHE-04', 'MHE-07', 'MHE-08', 'PEH-07', 'PEH-09', 'PEH-11', 'SEN-02', 'SEN-03', 'ENR-05', 'ENR-06', 'FSC-03', 'FSC-07'])
      expect(`${code} ${byCode(items, code).confidential}`).toBe(`${code} true`);
  });
});
