// The hostile corpus through the user's door (`node bin/selfcheck.js verify`),
// and the property that makes verify worth trusting: whenever the app says
// OK, stock `unzip -t`, `sha512sum -c` (both manifests, in the extracted bag)
// and `minisign -V` say OK too, and what `unzip -o` and Python's zipfile
// extract is exactly what the app verified.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatPublicKeyFile } from '../../bag/minisign';
import { SCHOOL_CODE } from '../package/helpers/samplePackage';
import { buildCorpus, type Case, type Corpus } from './helpers/corpus';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'selfcheck.js');
const env = { ...process.env, SELFCHECK_DATA_DIR: '/nonexistent-selfcheck-data', LANG: 'C' };

let corpus: Corpus;
let pub: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  corpus = await buildCorpus(mkdtempSync(join(tmpdir(), 'verify-corpus-')));
  pub = join(corpus.dir, 'school.pub');
  writeFileSync(pub, formatPublicKeyFile(corpus.key.secret));
}, 120_000);
afterAll(() => rmSync(corpus.dir, { recursive: true, force: true }));

interface Verdict {
  status: number | null;
  stdout: string;
}
const verdicts = new Map<string, Verdict>();
function verdict(c: Case): Verdict {
  let v = verdicts.get(c.id);
  if (!v) {
    const r = spawnSync(process.execPath, [BIN, 'verify', c.file, '--trust', pub, '--school', SCHOOL_CODE, '--lang', 'en'], { encoding: 'utf8', env, timeout: 60_000 });
    v = { status: r.status, stdout: r.stdout + r.stderr };
    verdicts.set(c.id, v);
  }
  return v;
}

test('the corpus holds the issue\'s attacks and harmless variants', () => {
  const ids = corpus.cases.map((c) => c.id);
  expect(ids).toEqual(expect.arrayContaining(['genuine', 'attack-entry-beyond-count', 'attack-wrapped-count']));
  expect(corpus.cases.filter((c) => c.expect === 'ok').length).toBeGreaterThanOrEqual(5);
  expect(statSync(corpus.cases.find((c) => c.id === 'attack-wrapped-count')?.file ?? '').size).toBeGreaterThan(65536 * 46);
});

test('every hostile case: verify exits 1 and names its reason; every harmless one: exit 0', () => {
  const wrong: string[] = [];
  for (const c of corpus.cases) {
    const v = verdict(c);
    const line = v.stdout.trim();
    const ok = c.expect === 'ok' ? v.status === 0 && /^OK /.test(line) : v.status === 1 && new RegExp(`^FAIL .*  ${c.expect}: `).test(line);
    if (!ok) wrong.push(`${c.id}: expected ${c.expect}, exit ${v.status}: ${line}`);
  }
  expect(wrong).toEqual([]);
}, 600_000);

/** `unzip -t`, then `unzip -o` into a folder, `sha512sum -c` of both manifests and `minisign -V` there. */
function stockTools(c: Case, out: string): { unzipTest: boolean; tagmanifest: boolean; manifest: boolean; minisign: boolean } {
  const run = (cmd: string, args: string[], cwd?: string): boolean => spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 }).status === 0;
  const unzipTest = run('unzip', ['-tq', c.file]);
  mkdirSync(out, { recursive: true });
  run('unzip', ['-oq', c.file, '-d', out]);
  const bagDir = join(out, corpus.bag);
  return {
    unzipTest,
    tagmanifest: run('sha512sum', ['-c', '--quiet', 'tagmanifest-sha512.txt'], bagDir),
    manifest: run('sha512sum', ['-c', '--quiet', 'manifest-sha512.txt'], bagDir),
    minisign: run('minisign', ['-Vq', '-p', pub, '-m', 'tagmanifest-sha512.txt'], bagDir),
  };
}

const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('hex');
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), sha512(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

/** What the app verified: each payload file by manifest, each tag file by tag manifest, the signature as is. */
function verifiedTree(bagDir: string): Map<string, string> {
  const lines = (f: string): [string, string][] =>
    readFileSync(join(bagDir, f), 'utf8').trim().split('\n').map((l) => [l.slice(130).replace(/^\*/, ''), l.slice(0, 128)]);
  const out = new Map<string, string>([...lines('manifest-sha512.txt'), ...lines('tagmanifest-sha512.txt')].map(([p, h]) => [`${corpus.bag}/${p}`, h]));
  for (const f of ['tagmanifest-sha512.txt', 'tagmanifest-sha512.txt.minisig']) out.set(`${corpus.bag}/${f}`, sha512(readFileSync(join(bagDir, f))));
  for (const f of readdirSync(bagDir).filter((n) => /^tagmanifest-(?!sha512)/.test(n))) out.set(`${corpus.bag}/${f}`, sha512(readFileSync(join(bagDir, f))));
  return out;
}

test('property: app OK => unzip -t, sha512sum -c (both manifests) and minisign -V OK, and extractors write only what was verified', () => {
  const accepted = corpus.cases.filter((c) => verdict(c).status === 0);
  expect(accepted.map((c) => c.id)).toContain('genuine');
  for (const c of accepted) {
    const out = join(corpus.dir, `x-${c.id}`);
    expect({ id: c.id, ...stockTools(c, out) }).toEqual({ id: c.id, unzipTest: true, tagmanifest: true, manifest: true, minisign: true });
    // The files unzip -o wrote are exactly the verified ones, byte for byte; and so are Python's.
    const verified = verifiedTree(join(out, corpus.bag));
    expect({ id: c.id, files: tree(out) }).toEqual({ id: c.id, files: verified });
    const py = join(corpus.dir, `py-${c.id}`);
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', c.file, py]);
    expect({ id: c.id, files: tree(py) }).toEqual({ id: c.id, files: verified });
  }
}, 600_000);

test.each(['attack-entry-beyond-count', 'attack-wrapped-count'])('%s: the stock extractors would write the forged report.html the app refused', (id) => {
  const c = corpus.cases.find((x) => x.id === id) as Case;
  expect(verdict(c).status).toBe(1);
  const py = join(corpus.dir, `forged-py-${id}`);
  spawnSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', c.file, py]);
  const un = join(corpus.dir, `forged-unzip-${id}`);
  spawnSync('unzip', ['-oq', c.file, '-d', un]);
  const html = (dir: string): string => {
    try {
      return readFileSync(join(dir, corpus.bag, 'data', 'report.html'), 'utf8');
    } catch {
      return '';
    }
  };
  // At least one stock extractor is fooled: that is why verify must refuse these.
  expect([html(py), html(un)].some((t) => t.includes('FORGED'))).toBe(true);
}, 120_000);
