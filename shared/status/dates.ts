// Calendar arithmetic on plain 'YYYY-MM-DD' strings. Status works in whole
// days with no time zone: such strings compare correctly as text, and day
// numbers are taken in UTC so no daylight-saving shift can move a date.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A calendar month; `month` is 1..12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** Parses a 'YYYY-MM-DD' date, throwing an error that names `what` when it is not a real date. */
export function parseIsoDate(value: string, what: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth({ year, month })) return { year, month, day };
  }
  throw new Error(`${what} must be a date like 2024-09-01, got "${value}"`);
}

export function daysInMonth(ym: YearMonth): number {
  return new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function firstDayOf(ym: YearMonth): string {
  return isoDate(ym.year, ym.month, 1);
}

export function lastDayOf(ym: YearMonth): string {
  return isoDate(ym.year, ym.month, daysInMonth(ym));
}

/** 'YYYY-MM', the neutral label of a month in reasons. */
export function monthLabel(ym: YearMonth): string {
  return `${String(ym.year).padStart(4, '0')}-${String(ym.month).padStart(2, '0')}`;
}

export function yearMonthOf(date: string): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Every calendar month from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): YearMonth[] {
  const out: YearMonth[] = [];
  const last = yearMonthOf(to);
  for (let ym = yearMonthOf(from); ym.year * 12 + ym.month <= last.year * 12 + last.month; ym = addMonths(ym, 1)) out.push(ym);
  return out;
}

/** Days since 1970-01-01 (UTC) of a valid 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const { year, month, day } = parseIsoDate(date, 'date');
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const d = new Date((dayNumber(date) + n) * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Number of days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function daysInclusive(from: string, to: string): number {
  return to < from ? 0 : dayNumber(to) - dayNumber(from) + 1;
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
