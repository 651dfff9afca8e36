// The school profile. It decides which checklist items apply (see applicability.ts).
import { z } from 'zod';
import { SchoolType } from '../template/schema';

/**
 * The national school identification code (学校标识码) has 10 digits;
 * its first digit is 1 for schools registered under the MOE numbering scheme.
 */
export const SchoolCode = z
  .string()
  .regex(/^1\d{9}$/, { message: 'profile.error.schoolCode' });

const count = z.number().int().min(0).max(1_000_000);

export const SchoolProfile = z.object({
  name: z.string().trim().min(2).max(100),
  code: SchoolCode,
  schoolType: SchoolType,
  county: z.string().trim().min(1).max(100),
  students: count,
  classes: count,
  staff: count,
  boarding: z.boolean(),
  hasSchoolBus: z.boolean(),
  hasCanteen: z.boolean(),
  studentsWithDisabilities: count,
  // v2 (issue 9 §3), optional so profiles saved before stay valid; unset reads as
  // the common case: public, not rural, not a teaching point, no boarders.
  /** 公办 / 民办. */
  ownership: z.enum(['public', 'private']).optional(),
  /** 城区 / 镇区 / 乡村, as in the statistical classification of schools. */
  locality: z.enum(['urban', 'town', 'rural']).optional(),
  /** 教学点, or a small rural school (< 100 students) run like one. */
  teachingPoint: z.boolean().optional(),
  /** Grade bands taught: one-to-nine (小学 1–2, 3–6, 初中 7–9), senior (高中) for 一贯制 schools. */
  gradeBands: z.array(z.enum(['g1_2', 'g3_6', 'g7_9', 'g10_12'])).optional(),
  /** Boarding students as a percentage of enrolment, 0–100. */
  boardingShare: z.number().min(0).max(100).optional(),
});
export type SchoolProfile = z.infer<typeof SchoolProfile>;
