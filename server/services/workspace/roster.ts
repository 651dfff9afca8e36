// A campaign's roster from the file a bureau already keeps: XLSX (the first
// worksheet) or CSV in UTF-8 (with or without a BOM; GBK/GB18030 files, as
// older Excel versions save "CSV", are refused with a hint to save as
// "CSV UTF-8" rather than guessed at). The first row is the header (or the
// first of the top five that names a code column, below a title); columns
// are found by name, in Chinese or English, in any order. Each bad row is
// reported with its row number (as Excel numbers it) and left out; only a
// file that is not a spreadsheet at all, or has no school-code column, is
// refused as a whole.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { RosterResult } from '../../../shared/bureau/api';
import { SchoolCode } from '../../../shared/domain/profile';
import { SCHOOL_TYPES, type SchoolType } from '../../../shared/template/schema';
import type { Database } from '../../db/schema';
import type { ServerContext } from '../context';
import { ServerError } from '../errors';
import { audit } from './audit';

export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 100_000;

export interface RosterEntry {
  code: string;
  name: string;
  type: SchoolType;
  county: string;
}

export interface ParsedRoster {
  entries: RosterEntry[];
  problems: RosterResult['problems'];
}

export class RosterFileError extends ServerError {
  constructor(message: string) {
    super('bad_request', 400, message);
    this.name = 'RosterFileError';
  }
}

type Column = 'code' | 'name' | 'type' | 'county';

// Header names as bureaus write them; compared after dropping spaces, brackets' contents stay.
const HEADERS: Record<Column, string[]> = {
  code: ['学校代码', '学校标识码', '学校编码', '学校编号', '标识码', '代码', 'code', 'schoolcode', 'school_code', 'id'],
  name: ['学校名称', '学校', '名称', 'name', 'schoolname', 'school_name', 'school'],
  type: ['学校类型', '办学类型', '学段', '类型', 'type', 'schooltype', 'school_type'],
  county: ['所属县区', '县区', '所属区县', '区县', '县(区)', '县（区）', '所属县(区)', '所属县（区）', '县', '区', 'county', 'district'],
};

const normHeader = (s: string): string => s.replace(/^\uFEFF/, '').replace(/[\s*＊:：]/g, '').toLowerCase();

// Chinese type words (and the enum's own values) → SchoolType. Longer words first where one contains another.
const TYPE_WORDS: [string, SchoolType][] = [
  ['九年一贯制', 'nine_year'],
  ['完全中学', 'complete_secondary'],
  ['特殊教育', 'special'],
  ['特教', 'special'],
  ['培智', 'special'],
  ['职业', 'vocational'],
  ['中职', 'vocational'],
  ['职高', 'vocational'],
  ['技工', 'vocational'],
  ['幼儿园', 'kindergarten'],
  ['学前', 'kindergarten'],
  ['初级中学', 'junior'],
  ['初中', 'junior'],
  ['高级中学', 'senior'],
  ['高中', 'senior'],
  ['小学', 'primary'],
];
const ENGLISH_TYPES: Record<string, SchoolType> = {
  kindergarten: 'kindergarten',
  preschool: 'kindergarten',
  primary: 'primary',
  'primary school': 'primary',
  junior: 'junior',
  'junior secondary': 'junior',
  'junior high': 'junior',
  'nine-year': 'nine_year',
  'nine year': 'nine_year',
  senior: 'senior',
  'senior secondary': 'senior',
  'senior high': 'senior',
  'complete secondary': 'complete_secondary',
  vocational: 'vocational',
  special: 'special',
  'special education': 'special',
};

/** The type a cell names, or null. */
export function schoolTypeOf(word: string): SchoolType | null {
  const w = word.trim();
  if (w === '') return null;
  if ((SCHOOL_TYPES as readonly string[]).includes(w)) return w as SchoolType;
  const en = ENGLISH_TYPES[w.toLowerCase()];
  if (en) return en;
  for (const [zh, t] of TYPE_WORDS) if (w.includes(zh)) return t;
  return null;
}

/** A type guessed from a Chinese school name (…小学, …幼儿园), for rosters without a type column. */
function typeFromName(name: string): SchoolType | null {
  for (const [zh, t] of TYPE_WORDS) if (name.includes(zh)) return t;
  return null;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SIGNATURES: [Buffer, string][] = [
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
  [Buffer.from('%PDF'), 'a PDF document'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'an old Excel 97–2003 (.xls) or Word file; save it as .xlsx or CSV UTF-8'],
  [Buffer.from('GIF8'), 'a GIF image'],
];

/**
 * Reads the header row and the data rows of an XLSX or CSV roster. `nameHint`
 * (file name or Content-Type) only sharpens the error message: the bytes
 * decide what the file is.
 */
export async function parseRoster(bytes: Buffer, nameHint = ''): Promise<ParsedRoster> {
  if (bytes.length === 0) throw new RosterFileError('the roster file is empty');
  if (bytes.length > MAX_ROSTER_BYTES) throw new RosterFileError(`the roster file is over ${MAX_ROSTER_BYTES / 1024 / 1024} MB`);
  let rows: string[][];
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) rows = await xlsxRows(bytes);
  else {
    const known = SIGNATURES.find(([sig]) => bytes.subarray(0, sig.length).equals(sig));
    if (known) throw new RosterFileError(`the roster file is ${known[1]}, not an XLSX or CSV file`);
    if (/xlsx|spreadsheetml/i.test(nameHint)) throw new RosterFileError('the roster file is named as XLSX but is not one (an XLSX file is a zip archive)');
    rows = csvRows(bytes);
  }
  return rosterFromRows(rows);
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new RosterFileError(`the roster file is a zip archive but not a readable XLSX workbook (${(e as Error).message})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new RosterFileError('the XLSX workbook has no worksheet');
  if (ws.rowCount > MAX_ROSTER_ROWS + 1) throw new RosterFileError(`the roster has more than ${MAX_ROSTER_ROWS} rows`);
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // Codes typed as numbers come back as numbers; 10 digits print exactly.
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}

function csvRows(bytes: Buffer): string[][] {
  if (bytes.includes(0)) throw new RosterFileError('the roster file is binary, not an XLSX or CSV file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RosterFileError('the CSV roster is not UTF-8 text (GBK is not read); in Excel or WPS save it as "CSV UTF-8" or as .xlsx');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Comma unless the header clearly uses tabs or semicolons (some exports do).
  const delimiter = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      if (rows.length > MAX_ROSTER_ROWS + 1) throw new RosterFileError(`the roster has more than ${MAX_ROSTER_ROWS} rows`);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** How far down a title block (e.g. a merged "××县学校名单" row) may push the header row. */
const HEADER_SEARCH_ROWS = 5;

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const index: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const n = normHeader(h);
    for (const col of Object.keys(HEADERS) as Column[]) if (index[col] === undefined && HEADERS[col].includes(n)) index[col] = i;
  });
  return index;
}

function rosterFromRows(rows: string[][]): ParsedRoster {
  const first = rows[0];
  if (!first) throw new RosterFileError('the roster file has no header row');
  // The header is the first row, or the first of the next few that names a code column (below a title block).
  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => columnsOf(r).code !== undefined);
  const index = columnsOf(rows[Math.max(0, headerAt)] ?? first);
  if (index.code === undefined)
    throw new RosterFileError(`the roster has no school-code column: the first row must name one, e.g. 学校代码 or 学校标识码 (found: ${first.map((h) => h.trim()).filter(Boolean).slice(0, 8).join(', ') || 'nothing'})`);
  const at = (row: string[], col: Column): string => {
    const i = index[col];
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const entries: RosterEntry[] = [];
  const problems: RosterResult['problems'] = [];
  const seen = new Map<string, number>();
  rows.slice(headerAt + 1).forEach((row, i) => {
    const rowNo = headerAt + i + 2;
    if (row.every((c) => c.trim() === '')) return;
    const code = at(row, 'code');
    const name = at(row, 'name');
    if (code === '') return void problems.push({ row: rowNo, message: `no school code${name ? ` (${name})` : ''}; row left out` });
    if (!SchoolCode.safeParse(code).success) return void problems.push({ row: rowNo, message: `school code ${code} is not a 10-digit 学校标识码 starting with 1; row left out` });
    const first = seen.get(code);
    if (first !== undefined) return void problems.push({ row: rowNo, message: `school code ${code} already appears in row ${first}; this row left out` });
    const typeCell = at(row, 'type');
    const type = typeCell ? schoolTypeOf(typeCell) : typeFromName(name);
    if (!type)
      return void problems.push({
        row: rowNo,
        message: typeCell ? `school ${code}: unknown school type “${typeCell}” (use 幼儿园, 小学, 初中, 九年一贯制, 高中, 完全中学, 职业学校 or 特殊教育学校); row left out` : `school ${code}: no school type, and the name does not tell it; row left out`,
      });
    seen.set(code, rowNo);
    entries.push({ code, name: (name || code).slice(0, 200), type, county: at(row, 'county').slice(0, 100) });
  });
  return { entries, problems };
}

/** Replaces the campaign's roster with `entries` inside `trx` (the caller's transaction). */
export async function writeRoster(ctx: ServerContext, trx: Kysely<Database>, campaignId: string, entries: RosterEntry[], by: string | null, problems: number): Promise<void> {
  await trx.deleteFrom('roster').where('campaign_id', '=', campaignId).execute();
  // 500 rows × 5 values stays far below both engines' bound-parameter limits.
  for (let i = 0; i < entries.length; i += 500) {
    await trx
      .insertInto('roster')
      .values(entries.slice(i, i + 500).map((e) => ({ campaign_id: campaignId, school_code: e.code, name: e.name, type: e.type, county: e.county })))
      .execute();
  }
  await audit(ctx, trx, { user: by, action: 'roster.replace', target: campaignId, detail: { schools: entries.length, problems } });
}

/** Re-imports a campaign's roster from a file's bytes: all rows replaced in one transaction. */
export async function replaceRoster(ctx: ServerContext, campaignId: string, bytes: Buffer, nameHint: string, by: string | null): Promise<RosterResult> {
  const parsed = await parseRoster(bytes, nameHint);
  await ctx.store.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('campaigns').select('id').where('id', '=', campaignId).executeTakeFirst();
    if (!c) throw new ServerError('not_found', 404, `no campaign ${campaignId}`);
    await writeRoster(ctx, trx, campaignId, parsed.entries, by, parsed.problems.length);
  });
  return { imported: parsed.entries.length, problems: parsed.problems };
}
