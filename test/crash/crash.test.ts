// Kill -9 in the middle of autosaves and imports, reopen, and check that everything the
// process reported as saved is there, every file a row names is intact, and SQLite is sound.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { createCore } from '../../electron/services/core';
import { tempDir } from '../fixtures/core';
import { fixtureTemplate } from '../fixtures/template';

const ROOT = join(__dirname, '..', '..');
let bundleDir: string;
let childJs: string;

beforeAll(async () => {
  bundleDir = tempDir('selfcheck-crash-bundle-');
  childJs = join(bundleDir, 'child.js');
  await build({
    entryPoints: [join(__dirname, 'child.ts')],
    outfile: childJs,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3', 'sharp', 'pdfkit'],
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

interface Reported {
  answers: { assessmentId: string; itemCode: string; revision: number; value: string }[];
  evidence: { id: string; sha256: string }[];
}

/** Runs the child until it has reported `killAfter` lines, then SIGKILLs it. */
function runAndKill(dataDir: string, killAfter: number): Promise<Reported> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childJs, dataDir], { env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    const reported: Reported = { answers: [], evidence: [] };
    let lines = 0;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [tag, a, b, c, ...rest] = line.split(' ');
      if (tag === 'ANSWER') reported.answers.push({ assessmentId: a!, itemCode: b!, revision: Number(c), value: rest.join(' ') });
      if (tag === 'EVIDENCE') reported.evidence.push({ id: a!, sha256: b! });
      if (++lines === killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child exited on its own (${code}): ${stderr}`));
    });
  });
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('crash safety', () => {
  test('SIGKILL at random points loses nothing that was reported saved', async () => {
    const dir = tempDir('selfcheck-crash-');
    try {
      const rounds = 5;
      let checkedAnswers = 0;
      for (let round = 0; round < rounds; round++) {
        const killAfter = 15 + Math.floor(Math.random() * 250);
        const reported = await runAndKill(dir, killAfter);
        expect(reported.answers.length).toBeGreaterThan(0);

        // Reopening takes over the dead process's lock.
        const core = createCore({ dataDir: dir, mode: 'cli', seedTemplate: fixtureTemplate, purgeAtStart: false });
        try {
          expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(core.db.pragma('foreign_key_check')).toEqual([]);
          const revision = core.db.prepare('SELECT value FROM answer_revisions WHERE assessment_id = ? AND item_code = ? AND revision = ?');
          for (const r of reported.answers) {
            const row = revision.get(r.assessmentId, r.itemCode, r.revision) as { value: string } | undefined;
            expect(row && JSON.stringify(JSON.parse(row.value))).toBe(JSON.stringify(JSON.parse(r.value)));
            checkedAnswers++;
          }
          // The current value is the last reported one, or one saved after it but not yet reported.
          const last = new Map(reported.answers.map((r) => [r.itemCode, r]));
          for (const current of core.answers.list(reported.answers[0]!.assessmentId)) {
            const r = last.get(current.itemCode);
            if (r) expect(current.revision - r.revision).toBeGreaterThanOrEqual(0);
            if (r) expect(current.revision - r.revision).toBeLessThanOrEqual(1);
          }
          for (const e of reported.evidence) expect(core.evidence.get(e.id).sha256).toBe(e.sha256);
          // No row ever points at a missing or partial file, reported or not.
          for (const f of core.evidence.list(true)) {
            const path = core.evidence.store.objectPath(f.sha256);
            expect(existsSync(path)).toBe(true);
            expect(sha(path)).toBe(f.sha256);
          }
        } finally {
          core.close();
        }
      }
      expect(checkedAnswers).toBeGreaterThan(rounds * 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
