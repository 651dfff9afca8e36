// The minisign format is proven both ways against the stock tool (/usr/bin/minisign):
// our signatures verify with `minisign -V`, and `minisign -S` signatures verify here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatPublicKeyFile,
  formatSecretKeyFile,
  generateSecretKey,
  keyIdHex,
  parsePublicKey,
  parseSecretKeyFile,
  parseSignature,
  publicKeyLine,
  signMessage,
  verifyMessage,
} from '../../bag/minisign';
import { canonicalJson } from '../../bag/canonicalJson';

const MINISIGN = '/usr/bin/minisign';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minisign-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a signature we make verifies with the stock minisign -V, trusted comment intact', () => {
  const key = generateSecretKey();
  const file = join(dir, 'tagmanifest-sha512.txt');
  const message = Buffer.from('abc  bagit.txt\n' + 'x'.repeat(1000));
  writeFileSync(file, message);
  const trusted = canonicalJson({ school: '1430000001', bag: 'bag-1', version: 2, signed: '2025-01-01T00:00:00Z' });
  writeFileSync(file + '.minisig', signMessage(message, key, { trustedComment: trusted }));

  const out = execFileSync(MINISIGN, ['-V', '-m', file, '-P', publicKeyLine(key)], { encoding: 'utf8' });
  expect(out).toContain('Signature and comment signature verified');
  expect(out).toContain(`Trusted comment: ${trusted}`);
  expect(trusted).toBe('{"bag":"bag-1","school":"1430000001","signed":"2025-01-01T00:00:00Z","version":2}');

  // One changed byte in the file, and the stock tool refuses.
  writeFileSync(file, Buffer.concat([message.subarray(0, 10), Buffer.from('X'), message.subarray(11)]));
  const bad = spawnSync(MINISIGN, ['-V', '-m', file, '-P', publicKeyLine(key)], { encoding: 'utf8' });
  expect(bad.status).not.toBe(0);
});

test('a signature made by minisign -S (prehashed) verifies here; tampering is caught', () => {
  execFileSync(MINISIGN, ['-G', '-W', '-p', join(dir, 'k.pub'), '-s', join(dir, 'k.key')]);
  const file = join(dir, 'msg.txt');
  const message = Buffer.from('hello from the stock tool\n');
  writeFileSync(file, message);
  execFileSync(MINISIGN, ['-S', '-s', join(dir, 'k.key'), '-m', file, '-t', '{"a":1}']);
  const pub = parsePublicKey(readFileSync(join(dir, 'k.pub'), 'utf8'));
  const sigText = readFileSync(file + '.minisig', 'utf8');

  const ok = verifyMessage(message, sigText, pub);
  expect(ok).toEqual({ ok: true, trustedComment: '{"a":1}', keyId: keyIdHex(pub.keyId) });
  // The key id we print matches the one minisign wrote into the .pub comment (which
  // drops leading zeros, so one key in sixteen reads differently: compare as numbers).
  const written = /minisign public key ([0-9A-F]+)/.exec(readFileSync(join(dir, 'k.pub'), 'utf8'))?.[1] ?? '';
  expect(written).not.toBe('');
  expect(BigInt(`0x${written}`)).toBe(BigInt(`0x${keyIdHex(pub.keyId)}`));

  expect(verifyMessage(Buffer.from('hello from the stock tooL\n'), sigText, pub)).toMatchObject({ ok: false, reason: 'bad_signature' });
  const forgedComment = sigText.replace('trusted comment: {"a":1}', 'trusted comment: {"a":2}');
  expect(verifyMessage(message, forgedComment, pub)).toMatchObject({ ok: false, reason: 'bad_global_signature' });
  expect(verifyMessage(message, sigText, generateSecretKey())).toMatchObject({ ok: false, reason: 'key_id_mismatch' });
  const otherKeySameId = { ...generateSecretKey(), keyId: pub.keyId };
  expect(verifyMessage(message, sigText, otherKeySameId)).toMatchObject({ ok: false, reason: 'bad_global_signature' });
});

test('a legacy (non-prehashed) minisign signature is refused as unsupported', () => {
  execFileSync(MINISIGN, ['-G', '-W', '-p', join(dir, 'k.pub'), '-s', join(dir, 'k.key')]);
  const file = join(dir, 'msg.txt');
  writeFileSync(file, 'legacy');
  execFileSync(MINISIGN, ['-S', '-l', '-s', join(dir, 'k.key'), '-m', file]);
  const sig = readFileSync(file + '.minisig', 'utf8');
  expect(parseSignature(sig).algorithm).toBe('Ed');
  expect(verifyMessage(Buffer.from('legacy'), sig, parsePublicKey(readFileSync(join(dir, 'k.pub'), 'utf8')))).toMatchObject({
    ok: false,
    reason: 'unsupported_algorithm',
  });
});

test('secret key files round-trip with the stock tool in both directions', () => {
  // A key file written here signs with `minisign -S`, and our verify accepts it.
  const key = generateSecretKey();
  writeFileSync(join(dir, 'ours.key'), formatSecretKeyFile(key));
  writeFileSync(join(dir, 'ours.pub'), formatPublicKeyFile(key));
  const file = join(dir, 'm.txt');
  writeFileSync(file, 'signed by stock minisign with our key file');
  execFileSync(MINISIGN, ['-S', '-W', '-s', join(dir, 'ours.key'), '-m', file]);
  const out = execFileSync(MINISIGN, ['-V', '-p', join(dir, 'ours.pub'), '-m', file], { encoding: 'utf8' });
  expect(out).toContain('verified');
  expect(verifyMessage(readFileSync(file), readFileSync(file + '.minisig', 'utf8'), key).ok).toBe(true);

  // A key file written by `minisign -G -W` is read here with the same public key.
  execFileSync(MINISIGN, ['-G', '-W', '-p', join(dir, 's.pub'), '-s', join(dir, 's.key')]);
  const stock = parseSecretKeyFile(readFileSync(join(dir, 's.key'), 'utf8'));
  expect(publicKeyLine(stock)).toBe(publicKeyLine(parsePublicKey(readFileSync(join(dir, 's.pub'), 'utf8'))));
});

test('malformed key and signature text is refused with a format error', () => {
  expect(() => parsePublicKey('RWnot-base64!')).toThrow('not a minisign');
  expect(() => parsePublicKey(Buffer.from('Ex' + 'a'.repeat(40)).toString('base64'))).toThrow('Ed25519');
  expect(() => parseSignature('untrusted comment: x\nAAAA\n')).toThrow('four lines');
  expect(() => parseSignature('x\nAAAA\ntrusted comment: a\nAAAA\n')).toThrow('untrusted comment');
  expect(() => signMessage(Buffer.from('a'), generateSecretKey(), { trustedComment: 'two\nlines' })).toThrow('one line');
});
