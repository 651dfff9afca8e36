// The school key: made once, owner-only files, refused when others can read
// it; the desktop seam (SeedSealer) with its "basic_text" consent; rotation
// with a chain a bureau can follow; the enrolment sheet.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyVault, type SeedSealer } from '../../electron/keys/keyVault';
import { keyFingerprint, renderEnrolmentSheet } from '../../electron/keys/enrolmentSheet';
import { parseEnrolmentSheet } from '../../bag/enrolment';
import { verifyReportPackage } from '../../bag/verify';
import { parseSecretKeyFile } from '../../bag/minisign';
import { makeSamplePackage, readZipEntries, SCHOOL_CODE, trustOf } from './helpers/samplePackage';
import { rawZip } from './helpers/rawZip';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (p: string): number => statSync(p).mode & 0o777;

test('the key is made on first use, kept owner-only, and the same key comes back', () => {
  const vault = createKeyVault(dir);
  expect(vault.status()).toMatchObject({ exists: false, keyId: null, consentNeeded: false });
  const key = vault.loadOrCreate();
  expect(key.keyId).toMatch(/^[0-9A-F]{16}$/);
  expect(key.publicKeyLine).toMatch(/^RW/);
  expect(mode(join(dir, 'keys'))).toBe(0o700);
  expect(mode(join(dir, 'keys', 'school.key'))).toBe(0o600);
  expect(createKeyVault(dir).loadOrCreate().publicKeyLine).toBe(key.publicKeyLine);
  expect(vault.status()).toMatchObject({ exists: true, keyId: key.keyId, publicKeyLine: key.publicKeyLine, storage: 'file' });
  // The key file is minisign's own format: the stock tool signs with it.
  const f = join(dir, 'm.txt');
  writeFileSync(f, 'x');
  execFileSync('minisign', ['-S', '-W', '-s', join(dir, 'keys', 'school.key'), '-m', f]);
  expect(execFileSync('minisign', ['-V', '-P', key.publicKeyLine, '-m', f], { encoding: 'utf8' })).toContain('verified');
});

test('a key file that group or others can read is refused with a clear message', () => {
  const vault = createKeyVault(dir);
  vault.loadOrCreate();
  const file = join(dir, 'keys', 'school.key');
  chmodSync(file, 0o644);
  expect(() => createKeyVault(dir).loadOrCreate()).toThrow(/keyFilePermissions.*school\.key.*chmod 600/);
  chmodSync(file, 0o600);
  expect(createKeyVault(dir).loadOrCreate().keyId).toBe(vault.status().keyId);
});

/** A stand-in for Electron's safeStorage: reversible, and it can claim the basic_text backend. */
function fakeSealer(weak: 'basic_text' | null): SeedSealer & { sealed: number } {
  return {
    kind: 'test',
    sealed: 0,
    weakness: () => weak,
    seal(b) {
      this.sealed++;
      return Buffer.from(Buffer.from(b).map((x) => x ^ 0x5a));
    },
    unseal: (b) => Buffer.from(Buffer.from(b).map((x) => x ^ 0x5a)),
  };
}

test('with a sealer the secret is stored sealed; the CLI (no sealer) says the desktop app holds it', () => {
  const sealer = fakeSealer(null);
  const key = createKeyVault(dir, sealer).loadOrCreate();
  expect(sealer.sealed).toBe(1);
  const sealed = readFileSync(join(dir, 'keys', 'school.key.sealed'));
  expect(sealed.toString('utf8')).not.toContain('untrusted comment');
  expect(() => parseSecretKeyFile(sealed.toString('utf8'))).toThrow();
  expect(createKeyVault(dir, sealer).loadOrCreate().keyId).toBe(key.keyId);
  expect(() => createKeyVault(dir).loadOrCreate()).toThrow(/keySealedElsewhere/);
});

test('basic_text storage needs the user\'s yes before a key is made, once', () => {
  const sealer = fakeSealer('basic_text');
  const vault = createKeyVault(dir, sealer);
  expect(vault.status()).toMatchObject({ consentNeeded: true, weakness: 'basic_text', exists: false });
  expect(() => vault.loadOrCreate()).toThrow(/keyInsecureStorage/);
  expect(vault.status().exists).toBe(false);
  const key = vault.loadOrCreate({ acceptWeakStorage: true });
  expect(vault.status()).toMatchObject({ consentNeeded: false, exists: true, keyId: key.keyId });
  expect(createKeyVault(dir, sealer).loadOrCreate().keyId).toBe(key.keyId);
});

test('rotation: a package signed by the new key verifies for a bureau that registered only the old key', async () => {
  const vault = createKeyVault(dir);
  const old = vault.loadOrCreate();
  const { previous, current, statement } = vault.rotate(SCHOOL_CODE, new Date('2025-03-01T00:00:00Z'));
  expect(previous.keyId).toBe(old.keyId);
  expect(current.keyId).not.toBe(old.keyId);
  expect(vault.loadOrCreate().keyId).toBe(current.keyId);
  expect(vault.status().retired.map((r) => r.keyId)).toEqual([old.keyId]);
  expect(JSON.parse(statement.json.toString())).toMatchObject({ oldKeyId: old.keyId, newKeyId: current.keyId, school: SCHOOL_CODE });
  // The statement is a minisign signature by the OLD key: the stock tool agrees.
  const st = join(dir, 'keys', 'rotation', statement.name);
  expect(execFileSync('minisign', ['-V', '-P', old.publicKeyLine, '-m', st], { encoding: 'utf8' })).toContain('verified');

  const pkgDir = mkdtempSync(join(dir, 'pkg'));
  const { zipPath } = await makeSamplePackage(pkgDir, { key: current, rotation: vault.rotationStatements() });
  const viaChain = await verifyReportPackage(zipPath, { trusted: [trustOf(old)] });
  expect(viaChain.failure).toBeNull();
  expect(viaChain).toMatchObject({ ok: true, keyTrust: 'rotated', signerKeyId: current.keyId });

  // Twice rotated: the chain is followed through both statements.
  const third = vault.rotate(SCHOOL_CODE, new Date('2025-04-01T00:00:00Z')).current;
  const pkg2 = mkdtempSync(join(dir, 'pkg2'));
  const two = await makeSamplePackage(pkg2, { key: third, rotation: vault.rotationStatements() });
  expect((await verifyReportPackage(two.zipPath, { trusted: [trustOf(old)] })).keyTrust).toBe('rotated');

  // Without a statement the new key is just unknown.
  const pkg3 = mkdtempSync(join(dir, 'pkg3'));
  const bare = await makeSamplePackage(pkg3, { key: current });
  expect((await verifyReportPackage(bare.zipPath, { trusted: [trustOf(old)] })).failure?.code).toBe('sigKeyNotTrusted');

  // A statement for another school does not carry the old key's trust.
  const entries = await readZipEntries(zipPath);
  const forged = entries.map((e) =>
    e.name.endsWith(statement.name) ? { ...e, data: Buffer.from(e.data.toString().replace(SCHOOL_CODE, '1439999999')) } : e,
  );
  const forgedPath = join(dir, 'forged.zip');
  writeFileSync(forgedPath, rawZip(forged));
  const r = await verifyReportPackage(forgedPath, { trusted: [trustOf(old)] });
  expect(r.failure).toMatchObject({ code: 'rotationInvalid', file: statement.name });
});

test('the enrolment sheet shows key id, public key, fingerprint and a QR code, and escapes the school name', async () => {
  const key = createKeyVault(dir).loadOrCreate();
  const html = await renderEnrolmentSheet({
    schoolName: '<b>第一小学</b>',
    schoolCode: SCHOOL_CODE,
    keyId: key.keyId,
    publicKeyLine: key.publicKeyLine,
    date: '2025-01-02',
    locale: 'zh-CN',
  });
  expect(html).toContain(key.keyId);
  expect(html).toContain(key.publicKeyLine);
  expect(html).toContain(keyFingerprint(key.publicKeyLine));
  expect(html).toContain('&lt;b&gt;第一小学&lt;/b&gt;');
  expect(html).toMatch(/<svg[^>]*viewBox/);
  expect(html).toContain('校长签字');
  // The only script element is the JSON data block the bureau server reads; nothing runs.
  expect(html.match(/<script/gi)).toHaveLength(1);
  expect(html).toContain('<script type="application/json" id="selfcheck-enrolment">');
  expect(parseEnrolmentSheet(html)).toMatchObject({ schoolCode: SCHOOL_CODE, schoolName: '<b>第一小学</b>', publicKey: key.publicKeyLine, keyId: key.keyId });
  const en = await renderEnrolmentSheet({ schoolName: 'x', schoolCode: SCHOOL_CODE, keyId: key.keyId, publicKeyLine: key.publicKeyLine, date: '2025-01-02', locale: 'en' });
  expect(en).toContain('Principal');
});
