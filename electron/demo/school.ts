// The made-up demo school: a rural nine-year school in Jishou with boarding, a bus and a canteen.
import type { SchoolProfile } from '../../shared/domain/profile';

export const DEMO_PROFILE: SchoolProfile = {
  name: '吉首市青山九年一贯制学校(演示)',
  code: '1433010927',
  schoolType: 'nine_year',
  county: '湖南省湘西州吉首市',
  students: 864,
  classes: 18,
  staff: 63,
  boarding: true,
  hasSchoolBus: true,
  hasCanteen: true,
  studentsWithDisabilities: 6,
};

export const DEMO_PERIOD = {
  periodKind: 'school_year' as const,
  label: '2025–2026 学年',
  startDate: '2025-09-01',
  endDate: '2026-08-31',
};

export const DEMO_USERS = ['张校长', '李主任', '王老师'] as const;
