// `selfcheck template summary` as a bureau officer runs it: through the bin, after a build.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'selfcheck.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

interface Row {
  template: string;
  version: string;
  schoolType: string;
  points: number;
  total: number | null;
  keyItems: string[];
  evidenceFiles: number;
  eventEntries: number;
}

describe('selfcheck template summary', () => {
  it('--json: one object per template and school type, v2 totals 100', () => {
    const r = run('template', 'summary', '--json');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    const key = (x: Row) => `${x.template}@${x.version}/${x.schoolType}`;
    expect(new Set(rows.map(key)).size).toBe(rows.length);
    const v2 = rows.filter((x) => x.version === '2.0.0');
    expect(v2.map((x) => x.schoolType).sort()).toEqual(['junior', 'kindergarten', 'nine_year', 'primary']);
    for (const x of v2) {
      expect(x.total).toBe(100);
      expect(x.points).toBeGreaterThan(30);
      expect(x.keyItems.length).toBeGreaterThanOrEqual(3);
      expect(x.evidenceFiles).toBeGreaterThan(0);
    }
    // v1 is still listed, for all eight school types, unscored.
    const v1 = rows.filter((x) => x.version === '1.0.0');
    expect(v1).toHaveLength(8);
    expect(v1.every((x) => x.total === null && x.points > 50)).toBe(true);
  });

  it('the table form prints a header and one line per row', () => {
    const json = JSON.parse(run('template', 'summary', '--json').stdout) as Row[];
    const r = run('template', 'summary');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^template\s+version\s+school type\s+points/);
    expect(lines).toHaveLength(json.length + 1);
    expect(lines.some((l) => /hunan-kindergarten-selfcheck\s+2\.0\.0\s+kindergarten\s+\d+/.test(l))).toBe(true);
  });

  it('a wrong subcommand is a usage error (exit 2) that says what was expected', () => {
    const r = run('template', 'summarise');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected the subcommand "summary"');
  });

  it('a broken template folder fails with the file and the problem named', () => {
    const r = run('template', 'summary', '--seed', join(ROOT, 'seeds'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/template\.meta\.json/);
  });
});
