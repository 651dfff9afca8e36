// A sensible default period for a new assessment: the Chinese school year runs
// from 1 September to 31 August; from September on, "this year" is the one that just began.

export interface PeriodSuggestion {
  periodKind: 'school_year';
  label: string;
  startDate: string;
  endDate: string;
}

export function suggestSchoolYear(today: Date, locale: 'zh-CN' | 'en' = 'zh-CN'): PeriodSuggestion {
  const y = today.getFullYear();
  const start = today.getMonth() >= 8 ? y : y - 1; // getMonth(): 8 = September
  const years = `${start}–${start + 1}`;
  return {
    periodKind: 'school_year',
    label: locale === 'zh-CN' ? `${years} 学年` : `School year ${years}`,
    startDate: `${start}-09-01`,
    endDate: `${start + 1}-08-31`,
  };
}
