// A user-facing text in both shipped languages (its own file so the template's
// schema files can share it without importing each other).
import { z } from 'zod';

/** Every user-facing text exists in both shipped languages. */
export const LocalizedText = z.strictObject({
  'zh-CN': z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;
