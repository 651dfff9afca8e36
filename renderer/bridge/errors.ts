// Turns a transport failure into the one error type callers catch.
import { ApiError, ApiErrorShape, ERROR_CODES, type ErrorCode, type Result } from '../../shared/api/define';

export function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  const e = result.error;
  throw new ApiError(e.code, e.message, e.params, e.detail);
}

/** A body that is not a Result (proxy page, crash) becomes an `internal` error naming what came back. */
export function asResult(body: unknown): Result<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const b = body as { ok: unknown; value?: unknown; error?: unknown };
    if (b.ok === true) return { ok: true, value: b.value };
    const parsed = ApiErrorShape.safeParse(b.error);
    if (parsed.success) return { ok: false, error: parsed.data };
  }
  return { ok: false, error: { code: 'internal', message: 'internal', detail: 'unexpected response' } };
}

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
