// The bridge contract: method name -> zod schemas of its argument and result.
// Both transports (Electron IPC and the local web mode) implement exactly this map.
import { z } from 'zod';

export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
}
export type MethodMap = Record<string, MethodSpec>;

export const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodSpec<A, R> => ({ args, result });

/** Merge per-domain method maps; a name defined twice is a programming error. */
export function mergeMethods<T extends MethodMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: MethodMap = {};
  for (const m of maps)
    for (const [name, spec] of Object.entries(m)) {
      if (name in out) throw new Error(`bridge method defined twice: ${name}`);
      out[name] = spec;
    }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const ERROR_CODES = [
  'invalid_args', // the arguments failed the contract schema
  'not_found',
  'conflict', // e.g. editing a frozen assessment
  'forbidden', // sender / token check failed
  'io', // disk full, device removed, permission denied
  'bad_package', // a package or template that fails verification
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What crosses a transport on failure. `message` is the i18n key under `error.`
 * (translated in the renderer); `detail` names the file or field at fault.
 */
export const ApiErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** Thrown by handlers and rethrown by bridges, so callers catch one error type. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message, params: this.params, detail: this.detail };
  }
}
