// Default dates for a new assessment: the school year runs Sep 1 – Jun 30 (or Jul 31),
// the autumn term Sep 1 – Jan 31 and the spring term Feb 1 – Jul 15.
import type { PeriodKind } from '../../shared/domain/assessment';

export interface PeriodDefaults {
  startYear: number;
  startDate: string;
  endDate: string;
  term: 'autumn' | 'spring' | null;
}

/** The school year a date falls in starts on Sep 1 of that year, or of the year before before August. */
export function schoolYearStart(today: Date): number {
  return today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
}

export function defaultPeriod(kind: PeriodKind, today: Date, yearEnd: 'jun30' | 'jul31' = 'jun30'): PeriodDefaults {
  const y = schoolYearStart(today);
  if (kind === 'school_year')
    return { startYear: y, startDate: `${y}-09-01`, endDate: yearEnd === 'jun30' ? `${y + 1}-06-30` : `${y + 1}-07-31`, term: null };
  const month = today.getMonth(); // 0-based
  const autumn = month >= 7 || month === 0;
  return autumn
    ? { startYear: y, startDate: `${y}-09-01`, endDate: `${y + 1}-01-31`, term: 'autumn' }
    : { startYear: y, startDate: `${y + 1}-02-01`, endDate: `${y + 1}-07-15`, term: 'spring' };
}
