// Every text the renderer asks for exists in both languages, and so does every error key
// the back end can send.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { resources } from '../../shared/i18n';
import { zhCN } from '../../shared/i18n/zh-CN';
import { en } from '../../shared/i18n/en';
import { ERROR_KEYS } from '../../electron/services/errors';
import { ERROR_CODES } from '../../shared/api/define';
import { ITEM_STATUSES } from '../../shared/domain/status';
import { ITEM_TYPES, SCHOOL_TYPES, EVIDENCE_KINDS, FREQUENCY_UNITS } from '../../shared/template/schema';

type Tree = { [k: string]: string | Tree };
const leaves = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
});
const existsIn = (lng: string, key: string) => i18n.exists(key, { lng });

test('both languages have the same keys', () => {
  expect(leaves(en as unknown as Tree).sort()).toEqual(leaves(zhCN as unknown as Tree).sort());
});

test('every literal key used by the renderer exists in both languages', () => {
  const root = join(__dirname, '../../renderer');
  const keys = new Set<string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) keys.add(m[1] ?? '');
    for (const m of text.matchAll(/(?:labelKey|nav): '([a-zA-Z][\w.-]*)'/g)) keys.add(m[1] ?? '');
  }
  expect(keys.size).toBeGreaterThan(100);
  const missing = [...keys].flatMap((k) => ['zh-CN', 'en'].filter((l) => !existsIn(l, k)).map((l) => `${l}:${k}`));
  expect(missing).toEqual([]);
});

test('keys built from domain enums exist in both languages', () => {
  const keys = [
    ...ITEM_STATUSES.map((s) => `status.${s}`),
    ...ITEM_TYPES.map((s) => `itemType.${s}`),
    ...SCHOOL_TYPES.map((s) => `schoolType.${s}`),
    ...EVIDENCE_KINDS.map((s) => `evidenceKind.${s}`),
    ...FREQUENCY_UNITS.map((s) => `frequency.per.${s}`),
    ...ERROR_CODES.map((c) => `error.code.${c}`),
    ...ERROR_KEYS.map((k) => `error.${k}`),
  ];
  const missing = keys.flatMap((k) => ['zh-CN', 'en'].filter((l) => !existsIn(l, k)).map((l) => `${l}:${k}`));
  expect(missing).toEqual([]);
});

test('status reasons (flat keys) resolve next to the nested interface texts', () => {
  expect(i18n.t('reason.evidence.short', { lng: 'zh-CN', have: 0, need: 2 })).toBe('佐证材料 0 份，要求至少 2 份');
  expect(i18n.t('reason.unknown', { lng: 'en', key: 'x' })).toBe('(x)');
});
