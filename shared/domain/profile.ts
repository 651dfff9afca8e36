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
});
export type SchoolProfile = z.infer<typeof SchoolProfile>;
