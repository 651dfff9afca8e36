// Manifest lines against the stock tool: GNU `sha512sum -c` is run on each
// variant of a line in a real folder; whenever the app's reader accepts a
// line, sha512sum must accept it and check the same file. And the writer
// produces only lines both accept.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatManifest, manifestKind, parseManifest } from '../../bag/bagit';
import { PackageError } from '../../bag/errors';

let dir: string;
const content = Buffer.from('evidence\n');
const h = createHash('sha512').update(content).digest('hex');
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifest-grammar-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'a.txt'), content);
  // Decoys: files a lax reader would check instead.
  writeFileSync(join(dir, 'data', ' a.txt'), 'other');
  writeFileSync(join(dir, 'data', 'a%2Etxt'), content);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha512sumAccepts = (text: string): boolean => {
  writeFileSync(join(dir, 'm.txt'), text);
  return spawnSync('sha512sum', ['-c', '--strict', '--quiet', 'm.txt'], { cwd: dir }).status === 0;
};
const appReads = (text: string): string[] | PackageError => {
  try {
    return [...parseManifest(text, 'manifest-sha512.txt').keys()];
  } catch (e) {
    if (e instanceof PackageError) return e;
    throw e;
  }
};

const variants: [string, string][] = [
  ['two spaces', `${h}  data/a.txt\n`],
  ['space star (binary)', `${h} *data/a.txt\n`],
  ['one space', `${h} data/a.txt\n`],
  ['tab', `${h}\tdata/a.txt\n`],
  ['three spaces', `${h}   data/a.txt\n`],
  ['uppercase hex', `${h.toUpperCase()}  data/a.txt\n`],
  ['CRLF', `${h}  data/a.txt\r\n`],
  ['no final newline', `${h}  data/a.txt`],
  ['blank line', `\n${h}  data/a.txt\n`],
  ['BSD tagged', `SHA512 (data/a.txt) = ${h}\n`],
  ['backslash-escaped line', `\\${h}  data/a.txt\n`],
  ['leading space', ` ${h}  data/a.txt\n`],
  ['percent-encoded dot', `${h}  data/a%2Etxt\n`],
  ['short hash', `${h.slice(2)}  data/a.txt\n`],
  ['star star', `${h} **data/a.txt\n`],
];

test.each(variants)('%s: accepted by the app only if sha512sum -c accepts it too', (_label, text) => {
  const app = appReads(text);
  const stock = sha512sumAccepts(text);
  if (!(app instanceof PackageError)) {
    expect(stock).toBe(true);
    expect(app).toEqual(['data/a.txt']);
  } else {
    expect(app.code).toBe('bagManifestSyntax');
    expect(app.file).toBe('manifest-sha512.txt');
  }
});

test('the app accepts exactly the two coreutils forms: "  " and " *"', () => {
  const accepted = variants.filter(([, t]) => !(appReads(t) instanceof PackageError)).map(([l]) => l);
  expect(accepted).toEqual(['two spaces', 'space star (binary)']);
});

test('the writer produces only that form, and refuses paths readers would disagree on', () => {
  const text = formatManifest([{ path: 'data/a.txt', sha512: h }]);
  expect(text).toBe(`${h}  data/a.txt\n`);
  expect(sha512sumAccepts(text)).toBe(true);
  expect([...parseManifest(text, 'manifest-sha512.txt')]).toEqual([['data/a.txt', h]]);
  for (const path of ['data/100%.txt', 'data/a\nb', 'data/a\rb', 'data/a\\b', ' data/a'])
    expect(() => formatManifest([{ path, sha512: h }])).toThrow(/readers would not agree/);
  expect(() => formatManifest([{ path: 'data/a.txt', sha512: h.toUpperCase() }])).toThrow(/lowercase/);
});

test('RFC 8493 escapes only %25, %0D, %0A; other manifests use their own hash length', () => {
  expect([...parseManifest(`${h}  data/a%25b\n`, 'm').keys()]).toEqual(['data/a%b']);
  expect(() => parseManifest(`${h}  data/a%41\n`, 'm')).toThrow(/"%"/);
  const md5 = createHash('md5').update(content).digest('hex');
  expect([...parseManifest(`${md5}  data/a.txt\n`, 'manifest-md5.txt', 'md5')]).toEqual([['data/a.txt', md5]]);
  expect(() => parseManifest(`${h}  data/a.txt\n`, 'manifest-md5.txt', 'md5')).toThrow(PackageError);
  expect(manifestKind('tagmanifest-sha256.txt')).toEqual({ tag: true, algorithm: 'sha256' });
  expect(manifestKind('bag-info.txt')).toBeNull();
  expect(() => manifestKind('manifest-sha3.txt')).toThrow(expect.objectContaining({ code: 'bagManifestAlgorithm' }));
});
