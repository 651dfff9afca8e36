import { z } from 'zod';
import { PhotoDownscale } from './evidence';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Settings = z.object({
  locale: Locale,
  /** Who is filling in (recorded with every saved answer). */
  userName: z.string().trim().min(1).max(60),
  photoDownscale: PhotoDownscale,
  keepOriginalPhoto: z.boolean(),
  /**
   * The address the phone-photo intake listens on while its QR code is shown: '' picks this
   * computer's first local-network IPv4 address; tests set 127.0.0.1.
   */
  intakeAddress: z.union([z.literal(''), z.ipv4(), z.ipv6()]),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  userName: '校长',
  photoDownscale: '2048',
  keepOriginalPhoto: false,
  intakeAddress: '',
};
