// README smoke test: every `selfcheck` command line in README.md's ```sh blocks runs exactly
// as written, in order, in an empty scratch folder where `npx selfcheck` resolves to this
// checkout the way an installed package does (node_modules/selfcheck + node_modules/.bin).
// What a line must do is written on it for readers and for this test:
//   (nothing)                 exit 0
//   # exit N: why             exit N, with a reason printed
//   # keeps running: …        started, must answer on 127.0.0.1, then stopped with SIGTERM (exit 0)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tempDir } from '../fixtures/core';

const ROOT = join(__dirname, '..', '..');

interface ReadmeCommand {
  line: string;
  command: string;
  expect: { kind: 'exit'; code: number } | { kind: 'keepsRunning' };
}

/** The `selfcheck` lines of every ```sh block, with what their comment says to expect. */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm))
    for (const line of block[1]!.split('\n')) {
      if (!/(^|&&\s*)(npx )?selfcheck\b/.test(line)) continue;
      const hash = line.search(/\s#\s/);
      const command = (hash < 0 ? line : line.slice(0, hash)).trim();
      const comment = hash < 0 ? '' : line.slice(hash).replace(/^\s#\s/, '').trim();
      const exit = /^exit (\d+):/.exec(comment);
      if (comment.startsWith('keeps running')) out.push({ line, command, expect: { kind: 'keepsRunning' } });
      else out.push({ line, command, expect: { kind: 'exit', code: exit ? Number(exit[1]) : 0 } });
    }
  return out;
}

const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
let scratch: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  scratch = tempDir('selfcheck-readme-');
  // The package as installed: node_modules/selfcheck and its bin link.
  mkdirSync(join(scratch, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(scratch, 'node_modules', 'selfcheck'), 'dir');
  symlinkSync(join('..', 'selfcheck', 'bin', 'selfcheck.js'), join(scratch, 'node_modules', '.bin', 'selfcheck'));
  env = { ...process.env, PATH: `${join(scratch, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`, LANG: 'C', npm_config_offline: 'true' };
  for (const k of ['SELFCHECK_DATA_DIR', 'SELFCHECK_PORT', 'INIT_CWD']) delete env[k];
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('README shows the walk-through and the failing verifications the issue asks for', () => {
  const all = commands.map((c) => c.command).join('\n');
  for (const needed of [/npx selfcheck --help/, /npx selfcheck demo --data-dir \S+/, /npx selfcheck export --data-dir \S+ --out \S+/, /npx selfcheck verify \S+ --trust \S+/])
    expect(all).toMatch(needed);
  expect(commands.filter((c) => c.command.includes('selfcheck verify') && c.expect.kind === 'exit' && c.expect.code !== 0).length).toBeGreaterThanOrEqual(3);
  expect(commands.some((c) => c.expect.kind === 'keepsRunning')).toBe(true);
});

async function runKeepsRunning(command: string): Promise<string> {
  const child = spawn('sh', ['-c', command], { cwd: scratch, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  // 'close', not 'exit': sh may be gone while the server it started is still shutting down and writing.
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  try {
    let url: string | undefined;
    for (let i = 0; i < 600 && !url && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      // The app's web mode prints its address; the bureau's server prints where it listens (the workspace is below /bureau/).
      url = /Web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output)?.[1];
      const server = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(output)?.[1];
      if (server) url = `${server}/bureau/`;
    }
    if (!url) throw new Error(`no address printed:\n${output}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM'); // the whole group: sh, npx, node
  }
  await exited;
  return output;
}

for (const [i, c] of commands.entries())
  test(`README line ${i + 1}: ${c.line.trim()}`, async () => {
    if (c.expect.kind === 'keepsRunning') {
      const output = await runKeepsRunning(c.command);
      expect(output).toMatch(/stopped|"event":"stopping"/); // it shut down cleanly on SIGTERM
      return;
    }
    const r = spawnSync('sh', ['-c', c.command], { cwd: scratch, env, encoding: 'utf8', timeout: 180_000 });
    expect({ command: c.command, status: r.status, output: r.status === c.expect.code ? '' : `${r.stdout}${r.stderr}` }).toEqual({ command: c.command, status: c.expect.code, output: '' });
    // A failure says why: "FAIL … <code>: <sentence>" from verify, or the usage error.
    if (c.expect.code !== 0) expect(`${r.stdout}${r.stderr}`).toMatch(/FAIL .*\w+: \S+|rejected: \w+|unknown command|selfcheck \w+: .+/);
  }, 200_000);
