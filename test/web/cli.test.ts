// The CLI as a user runs it: `node scripts/build.mjs`, then the package's bin `selfcheck ...` (bin/selfcheck.js).
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { allItems } from '../../shared/template/schema';
import { createCore } from '../../electron/services/core';
import { tempDir } from '../fixtures/core';
import { request } from './request';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'selfcheck.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

function firstLineMatching(child: ChildProcessWithoutNullStreams, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    lines.on('line', (l) => {
      const m = re.exec(l);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing the URL: ${err}`)));
  });
}

describe('selfcheck serve', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('selfcheck-cli-')));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints exactly one URL line, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dir, '--port', '0']);
    const out: string[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c.toString()));
    const m = await firstLineMatching(child, /^Web mode: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))$/);
    const port = Number(m[2]);
    const login = await request(port, `/?token=${m[3]}`);
    expect(login.status).toBe(200); // the app page, which trades the token for its session
    const info = await request(port, '/api/app.info', {
      method: 'POST',
      headers: { authorization: `Bearer ${m[3]}`, 'x-selfcheck': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(info.json()).toMatchObject({ ok: true, value: { mode: 'web', dataDir: dir } });
    const templates = await request(port, '/api/templates.list', {
      method: 'POST',
      headers: { authorization: `Bearer ${m[3]}`, 'x-selfcheck': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect((templates.json() as { value: { id: string }[] }).value.map((t) => t.id)).toContain('hunan-school-selfcheck');
    // A second process on the same data folder is refused while this one runs.
    const second = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', dir], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('in use by another SelfCheck process');

    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const text = out.join('');
    expect(text.match(/^Web mode: /gm)).toHaveLength(1);
    expect(text).toContain('stopped');
  });

  test('usage errors exit with code 2 and say what was wrong', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    const bad = run('serve', '--port', 'abc', '--data-dir', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('port must be a whole number');
    expect(run('frobnicate').status).toBe(2);
    expect(run('serve', '--nope').stderr).toContain("Unknown option '--nope'");
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve .*web mode/);
    expect(run('serve', '--help').stdout).toContain('--data-dir DIR');
  });
});

describe('selfcheck demo', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('selfcheck-demo-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('creates a filled school: answers of every type, a year of events, real files', () => {
    const run = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dir], { encoding: 'utf8', timeout: 110_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('demo school ready');

    const core = createCore({ dataDir: dir, mode: 'cli', purgeAtStart: false });
    try {
      expect(core.profile.get()).toMatchObject({ schoolType: 'nine_year', boarding: true, hasSchoolBus: true, hasCanteen: true, studentsWithDisabilities: 6 });
      expect(core.profile.get()?.code).toMatch(/^1\d{9}$/);
      const [a, ...others] = core.assessments.list();
      expect(others).toEqual([]);
      expect(a).toMatchObject({ startDate: '2025-09-01', endDate: '2026-08-31', periodKind: 'school_year' });

      const template = core.templates.get(a!.templateId, a!.templateVersion);
      const answerTypes = new Set(core.answers.list(a!.id).map((x) => x.value?.type));
      const itemTypes = new Set(allItems(template).map((i) => i.type));
      for (const type of itemTypes) expect([type, answerTypes.has(type)]).toEqual([type, true]);
      const history = core.db.prepare('SELECT count(*) AS n FROM answers WHERE revision > 1').get() as { n: number };
      expect(history.n).toBeGreaterThan(0);

      const statuses = new Set(core.summary.compute(a!.id, '2026-07-15').items.map((i) => i.status));
      for (const s of ['met', 'partly_met', 'not_met', 'unanswered', 'not_applicable']) expect([s, statuses.has(s as never)]).toEqual([s, true]);

      const events = core.events.list();
      const months = new Set(events.map((e) => e.date.slice(0, 7)));
      expect(events.length).toBeGreaterThan(100);
      expect(months.size).toBeGreaterThanOrEqual(9);
      expect(events.filter((e) => e.evidenceIds.length > 0).length).toBeGreaterThan(10);

      const files = core.evidence.list();
      expect(files.filter((f) => f.mime === 'image/jpeg' && f.hasThumbnail).length).toBeGreaterThan(10);
      expect(files.filter((f) => f.mime === 'application/pdf').length).toBeGreaterThan(10);
      expect(files.filter((f) => f.links.length > 0).length).toBeGreaterThan(20);
      for (const f of files) {
        const bytes = readFileSync(core.evidence.store.objectPath(f.sha256));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      }
      const pdf = files.find((f) => f.mime === 'application/pdf')!;
      expect(readFileSync(core.evidence.store.objectPath(pdf.sha256)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(core.evidence.list(true).length).toBe(files.length + 1); // one deleted photo to undo
    } finally {
      core.close();
    }
  }, 120_000);

  test('refuses a non-empty folder without --force, and a folder in use even with it', () => {
    const again = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dir], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('is not empty; use --force');
    writeFileSync(join(dir, 'selfcheck.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'x' }));
    const locked = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dir, '--force'], { encoding: 'utf8' });
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain('in use by another SelfCheck process');
    rmSync(join(dir, 'selfcheck.lock'));
  });
});
