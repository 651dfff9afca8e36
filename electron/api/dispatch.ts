// Calls a handler by method name with untrusted arguments, as both transports do:
// parse the arguments with the contract schema, call, check the result (in development),
// and return { ok, value } or { ok: false, error } — never a thrown error, never a stack.
import { z } from 'zod';
import { contract, type Contract, type MethodName, type ResultOf } from '../../shared/api/contract';
import type { Result } from '../../shared/api/define';
import { describeZodError, toErrorShape } from './errors';

export type HandlerFor<M extends MethodName> = (args: z.output<Contract[M]['args']>) => ResultOf<M> | Promise<ResultOf<M>>;

/** Handlers by method name; several maps (one per domain or helper) are merged into one. */
export type Handlers = { [M in MethodName]?: HandlerFor<M> };

/** Merges handler maps; a method handled twice is a programming error. */
export function mergeHandlers(...maps: Handlers[]): Handlers {
  const out: Record<string, unknown> = {};
  for (const m of maps)
    for (const [name, fn] of Object.entries(m)) {
      if (name in out) throw new Error(`handler defined twice: ${name}`);
      out[name] = fn;
    }
  return out as Handlers;
}

/** Contract methods that have no handler in the map. */
export function missingHandlers(handlers: Handlers): string[] {
  return Object.keys(contract).filter((name) => !(name in handlers));
}

export interface DispatchOptions {
  /** Parse results against the contract too (strips extra fields). Default: on outside production. */
  checkResults?: boolean;
  /** Where unexpected errors are reported (the client only sees 'internal'). */
  log?: (message: string, error: unknown) => void;
}

const isMethod = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(contract, name);

export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown, options: DispatchOptions = {}): Promise<Result<unknown>> {
  if (!isMethod(name) || !handlers[name])
    return { ok: false, error: { code: 'invalid_args', message: 'api.unknownMethod', params: { method: name.slice(0, 100) } } };
  const spec = contract[name] as { args: z.ZodType; result: z.ZodType };
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success)
    return { ok: false, error: { code: 'invalid_args', message: 'invalidArgs', params: { method: name }, detail: describeZodError(parsed.error) } };
  try {
    const handler = handlers[name] as (args: unknown) => unknown;
    const value = await handler(parsed.data);
    const check = options.checkResults ?? process.env.NODE_ENV !== 'production';
    if (!check) return { ok: true, value };
    const result = spec.result.safeParse(value);
    if (!result.success) {
      (options.log ?? defaultLog)(`${name}: result does not match the contract: ${describeZodError(result.error)}`, result.error);
      return { ok: false, error: { code: 'internal', message: 'api.badResult', params: { method: name } } };
    }
    return { ok: true, value: result.data };
  } catch (e) {
    const { error, unexpected } = toErrorShape(e);
    if (unexpected) (options.log ?? defaultLog)(`${name} failed`, e);
    return { ok: false, error };
  }
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[selfcheck] ${message}`, error);
}
