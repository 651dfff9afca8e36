// Texts the main process shows itself (native dialogs), from the same i18n resources as the
// page. A key that has no text never reaches the user as a raw key ("evidence.notFound"):
// it falls back to the general error text.
import { resources } from '../../shared/i18n';

type Tree = { [k: string]: string | Tree };
export type ShellLocale = 'zh-CN' | 'en';

function lookup(tree: Tree, path: string[]): string | null {
  let node: string | Tree | undefined = tree;
  for (const part of path) {
    if (typeof node !== 'object') return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

const fill = (text: string, params: Record<string, unknown>): string => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));

/** A shell text (`shell.*` and other nested keys). */
export function shellText(locale: ShellLocale, key: string, params: Record<string, unknown> = {}): string {
  const tree = resources[locale].translation as Tree;
  return fill(lookup(tree, key.split('.')) ?? lookup(tree, ['error', 'internal']) ?? 'Error', params);
}

/** An error key as the back end throws it (translated under `error.`, whose keys contain dots). */
export function errorMessage(locale: ShellLocale, key: string, params: Record<string, unknown> = {}): string {
  const errors = (resources[locale].translation as Tree).error as Tree;
  const text = typeof errors[key] === 'string' ? (errors[key] as string) : (errors.internal as string);
  return fill(text, params);
}
