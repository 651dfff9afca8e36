// Direct calls to the back end, for the test to look things up (never to do what the UI should).
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract';
import { decodeJson, encodeJson } from '../../shared/api/codec';

export async function apiCall<M extends MethodName>(url: string, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const u = new URL(url);
  const token = u.searchParams.get('token') ?? '';
  const response = await fetch(`${u.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Selfcheck': '1', Authorization: `Bearer ${token}` },
    body: encodeJson(args),
  });
  const body = decodeJson(await response.text()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value as ResultOf<M>;
}
