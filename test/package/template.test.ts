// Template packages: the seed checklist signed with the TEST bureau key is
// accepted; a tampered one, one from an untrusted key, and one that reuses an
// installed id+version with other content are refused with their reasons.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '../../shared/template/schema';
import { loadSeedTemplate, SEED_TEMPLATE_DIR } from '../../bag/template/seedTemplate';
import { TrustStore } from '../../electron/keys/trustStore';
import { parseSecretKeyFile } from '../../bag/minisign';
import { buildTemplatePackage, verifyTemplatePackage } from '../../bag/templatePackage';
import { importTemplatePackage } from '../../electron/package/templateImport';
import { openTestCore, type TestCore } from '../fixtures/core';
import { rawZip } from './helpers/rawZip';
import { readZipEntries } from './helpers/samplePackage';

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
const bureauKey = parseSecretKeyFile(readFileSync(join(KEYS, 'TEST-bureau.key'), 'utf8'));
const otherKey = parseSecretKeyFile(readFileSync(join(KEYS, 'TEST-bureau-other.key'), 'utf8'));

let dir: string;
let tc: TestCore;
let trust: TrustStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tpl-'));
  tc = openTestCore({ seedTemplateDir: null, seedTemplate: undefined });
  trust = TrustStore.forDataDir(tc.dir);
  trust.addFile(join(KEYS, 'TEST-bureau.pub'), { label: 'TEST bureau', kind: 'bureau' });
});
afterEach(() => {
  tc.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('the seed template signed by the trusted TEST bureau key installs, marked with the signing key', async () => {
  const seed = loadSeedTemplate(SEED_TEMPLATE_DIR);
  const pkg = join(dir, 'seed.zip');
  await buildTemplatePackage(seed, bureauKey, pkg);
  const r = await importTemplatePackage(pkg, trust.trusted('bureau'), tc.core.templates);
  expect(r.outcome).toBe('installed');
  expect(r.template.id).toBe(seed.id);
  const listed = tc.core.templates.list().find((t) => t.id === seed.id);
  expect(listed?.signedBy).toBe(trust.list()[0]?.keyId);
  expect(tc.core.templates.get(seed.id, seed.version).areas.length).toBe(seed.areas.length);
  // Importing the same package again changes nothing.
  expect((await importTemplatePackage(pkg, trust.trusted('bureau'), tc.core.templates)).outcome).toBe('already_installed');
});

test('a tampered template package is refused, naming template.json, and nothing is installed', async () => {
  const seed = loadSeedTemplate(SEED_TEMPLATE_DIR);
  const pkg = join(dir, 'seed.zip');
  await buildTemplatePackage(seed, bureauKey, pkg);
  const entries = await readZipEntries(pkg);
  const tampered = entries.map((e) =>
    e.name.endsWith('data/template.json') ? { ...e, data: Buffer.from(e.data.toString().replace('"minCount": 1', '"minCount": 0')) } : e,
  );
  const bad = join(dir, 'bad.zip');
  writeFileSync(bad, rawZip(tampered));
  await expect(importTemplatePackage(bad, trust.trusted('bureau'), tc.core.templates)).rejects.toMatchObject({
    code: 'bagHashMismatch',
    file: 'data/template.json',
  });
  expect(tc.core.templates.list()).toEqual([]);
});

test('a template signed by a key that is not trusted is refused with the key id', async () => {
  const seed = loadSeedTemplate(SEED_TEMPLATE_DIR);
  const pkg = join(dir, 'other.zip');
  await buildTemplatePackage(seed, otherKey, pkg);
  const err = await verifyTemplatePackage(pkg, trust.trusted('bureau')).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'sigKeyNotTrusted' });
  expect(String((err as Error).message)).toContain('not a trusted bureau key');
  // A school key in the trust store does not vouch for templates either.
  trust.addFile(join(KEYS, 'TEST-bureau-other.pub'), { label: 'a school', kind: 'school', schoolCode: '1430000001' });
  await expect(verifyTemplatePackage(pkg, trust.trusted('bureau'))).rejects.toMatchObject({ code: 'sigKeyNotTrusted' });
});

test('the same id and version with other content is refused as a conflict', async () => {
  const seed = loadSeedTemplate(SEED_TEMPLATE_DIR);
  const first = join(dir, 'a.zip');
  await buildTemplatePackage(seed, bureauKey, first);
  await importTemplatePackage(first, trust.trusted('bureau'), tc.core.templates);
  const changed = Template.parse({ ...seed, title: { ...seed.title, en: 'Changed title, same version' } });
  const second = join(dir, 'b.zip');
  await buildTemplatePackage(changed, bureauKey, second);
  await expect(importTemplatePackage(second, trust.trusted('bureau'), tc.core.templates)).rejects.toMatchObject({ code: 'templateConflict' });
  expect(tc.core.templates.get(seed.id, seed.version).title.en).toBe(seed.title.en);
});

test('the trust store lists, relabels and removes keys, and refuses what is not a key', () => {
  const [entry] = trust.list();
  expect(entry).toMatchObject({ label: 'TEST bureau', kind: 'bureau', keyId: 'F46047E1D2DDA2FF' });
  trust.add(readFileSync(join(KEYS, 'TEST-bureau.pub'), 'utf8'), { label: 'renamed' });
  expect(trust.list().map((e) => e.label)).toEqual(['renamed']);
  expect(() => trust.add('not a key')).toThrow(/trustMalformed/);
  expect(() => trust.remove('0123456789ABCDEF')).toThrow(/trustNotFound/);
  trust.remove('F46047E1D2DDA2FF');
  expect(trust.list()).toEqual([]);
});
