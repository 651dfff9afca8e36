// Words for the profile fields an applicability condition can test, shaped to
// fit the "not applicable" messages in shared/i18n/reasons.ts:
// flags read "本项仅适用于{{fieldZh}}的学校" / "Applies only to schools that {{fieldEn}}",
// counts read "{{fieldZh}}不少于 N" / "at least N {{fieldEn}}".
import type { PROFILE_COUNTS, PROFILE_FLAGS } from '../template/schema';

type Words = { zh: string; en: string };

export const PROFILE_FLAG_WORDS: Record<(typeof PROFILE_FLAGS)[number], Words> = {
  boarding: { zh: '实行寄宿', en: 'board students' },
  hasSchoolBus: { zh: '有校车', en: 'run a school bus' },
  hasCanteen: { zh: '有食堂', en: 'have a canteen' },
  privateSchool: { zh: '民办', en: 'are privately run' },
  rural: { zh: '位于乡村', en: 'are in a rural area' },
  teachingPoint: { zh: '属于教学点或小规模学校', en: 'are teaching points or small schools' },
};

export const PROFILE_COUNT_WORDS: Record<(typeof PROFILE_COUNTS)[number], Words> = {
  students: { zh: '学生数', en: 'students' },
  classes: { zh: '班级数', en: 'classes' },
  staff: { zh: '教职工数', en: 'staff' },
  studentsWithDisabilities: { zh: '残疾学生数', en: 'students with disabilities' },
};
