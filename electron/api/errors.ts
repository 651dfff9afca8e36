// Turns anything a handler throws into the error shape that crosses a transport.
// Known failures (disk full, database busy, bad input) get their own code and i18n key;
// everything else is 'internal'. Stack traces and SQL never leave the main process.
import { ZodError } from 'zod';
import { ApiError, type ApiErrorShape } from '../../shared/api/define';
import type { ErrorKey } from '../services/errors';

const shape = (code: ApiErrorShape['code'], message: ErrorKey, detail?: string): ApiErrorShape =>
  detail === undefined ? { code, message } : { code, message, detail };

const SQLITE: [RegExp, ApiErrorShape['code'], ErrorKey][] = [
  [/^SQLITE_FULL/, 'io', 'io.diskFull'],
  [/^SQLITE_(BUSY|LOCKED)/, 'io', 'db.busy'],
  [/^SQLITE_READONLY/, 'io', 'io.readOnly'],
  [/^SQLITE_(IOERR|CANTOPEN)/, 'io', 'io.failed'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'internal', 'db.corrupt'],
];

const FS: Record<string, ErrorKey> = {
  ENOSPC: 'io.diskFull',
  EDQUOT: 'io.diskFull',
  EACCES: 'io.permission',
  EPERM: 'io.permission',
  EROFS: 'io.readOnly',
  EIO: 'io.failed',
  ENOENT: 'io.failed',
  EBUSY: 'io.failed',
  EMFILE: 'io.failed',
};

export function describeZodError(e: ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(args)'}: ${i.message}`)
    .join('; ');
}

/** `unexpected` is true when the error is a bug or an unknown failure worth logging. */
export function toErrorShape(e: unknown): { error: ApiErrorShape; unexpected: boolean } {
  if (e instanceof ApiError) return { error: e.toShape(), unexpected: false };
  if (e instanceof ZodError) return { error: shape('invalid_args', 'invalidArgs', describeZodError(e)), unexpected: false };
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    for (const [re, c, key] of SQLITE) if (re.test(code)) return { error: shape(c, key), unexpected: c === 'internal' };
    const fsKey = FS[code];
    if (fsKey) return { error: shape('io', fsKey), unexpected: false };
  }
  return { error: shape('internal', 'internal'), unexpected: true };
}
