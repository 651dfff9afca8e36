// The workspace's people and access, through the doors a user has: accounts
// made with `selfcheck server user add` (password on stdin), then a real
// server process over HTTP: log in, cookie flags, wrong password and unknown
// name alike, lockout after five failures, CSRF, roles, log out, session
// expiry, and the audit log that records it all. Both engines.
import { execFileSync, spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditRow, CampaignSummary, Me, UserRow, WORKSPACE_API } from '../../shared/bureau/api';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { startServer, type ServerProcess } from './helpers/serverProcess';
import { addUser, cliWithInput, runSql, WorkspaceSession } from './helpers/workspaceSession';

const ADMIN_PW = 'correct horse battery';
const VIEWER_PW = 'viewer-password-1';
const LOCKY_PW = 'locky-password-1';

/**
 * Runs `selfcheck server user add` on a pseudo-terminal (util-linux `script`)
 * and types each answer once its prompt has appeared; resolves with what the
 * terminal showed and the exit code.
 */
function userAddOnTty(b: Bureau, name: string, answers: string[]): Promise<{ screen: string; code: number | null }> {
  const bin = join(__dirname, '..', '..', 'bin', 'selfcheck.js');
  const command = [process.execPath, bin, 'server', 'user', 'add', '--data-dir', b.dataDir, '--name', name, '--role', 'viewer'].map((a) => `'${a}'`).join(' ');
  const proc = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...b.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let asked = 0;
  const onData = (d: Buffer): void => {
    screen += d.toString();
    const prompts = (screen.match(/Password \(at least 10 characters\): |Again: /g) ?? []).length;
    while (asked < prompts && asked < answers.length) proc.stdin.write(answers[asked++] + '\r');
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ screen, code })));
}

describe.each(ENGINES)('workspace access on %s', (engine) => {
  let b: Bureau;
  let server: ServerProcess;

  beforeAll(async () => {
    b = await setupBureau(engine);
    addUser(b, 'admin', 'admin', ADMIN_PW);
    addUser(b, 'viewer', 'viewer', VIEWER_PW);
    addUser(b, 'locky', 'reviewer', LOCKY_PW, ['--county', '东区']);
    server = await startServer(b.dataDir, [], b.env);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    b?.cleanup();
  });

  test('user add: password from stdin; a taken name, a short password and a bad role are refused', () => {
    const taken = cliWithInput(['server', 'user', 'add', '--data-dir', b.dataDir, '--name', 'admin', '--role', 'admin'], 'another-password\n', b.env);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/a user named admin already exists/);
    const short = cliWithInput(['server', 'user', 'add', '--data-dir', b.dataDir, '--name', 'shorty', '--role', 'viewer'], 'short\n', b.env);
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/too short: at least 10/);
    const role = cliWithInput(['server', 'user', 'add', '--data-dir', b.dataDir, '--name', 'boss', '--role', 'boss'], 'long-enough-password\n', b.env);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/--role boss/);
    const scoped = cliWithInput(['server', 'user', 'add', '--data-dir', b.dataDir, '--name', 'root2', '--role', 'admin', '--county', 'X'], 'long-enough-password\n', b.env);
    expect(scoped.status).toBe(2);
  });

  test('user add on a terminal: asked twice without echo; two different answers change nothing', async () => {
    const ok = await userAddOnTty(b, 'ttyuser', ['tty-password-1', 'tty-password-1']);
    expect(ok.code).toBe(0);
    expect(ok.screen).toMatch(/Password \(at least 10 characters\): [\s\S]*Again: [\s\S]*added viewer ttyuser/);
    expect(ok.screen).not.toContain('tty-password-1');
    expect((await new WorkspaceSession(server.url).login('ttyuser', 'tty-password-1')).status).toBe(200);
    const differ = await userAddOnTty(b, 'ttyuser2', ['tty-password-1', 'tty-password-2']);
    expect(differ.code).toBe(1);
    expect(differ.screen).toMatch(/the two passwords differ/);
    expect(await runSql(b, 'select name from users where name = ?', ['ttyuser2'])).toEqual([]);
  }, 60_000);

  test('the password is stored as an scrypt hash with its parameters, never in clear', async () => {
    const rows = (await runSql(b, 'select password_hash from users where name = ?', ['admin'])) as { password_hash: string }[];
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(rows[0]?.password_hash).not.toContain(ADMIN_PW);
  });

  test('log in: an HttpOnly, SameSite=Strict cookie on /bureau (not Secure over plain HTTP), stored only as a hash; GET me', async () => {
    const s = new WorkspaceSession(server.url);
    const r = await s.login('admin', ADMIN_PW);
    expect(r.status).toBe(200);
    const me = Me.parse(r.body);
    expect(me).toMatchObject({ name: 'admin', role: 'admin', scope: null });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sc_bureau=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/bureau(;|$)/);
    expect(cookie).not.toMatch(/Secure/);
    const hashes = (await runSql(b, 'select token_hash from web_sessions where user_name = ?', ['admin'])) as { token_hash: string }[];
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.map((h) => h.token_hash)).not.toContain(s.cookie);
    const again = await s.request('GET', 'me');
    expect(again.status).toBe(200);
    expect(Me.parse(again.body).csrf).toBe(me.csrf);
    const anonymous = new WorkspaceSession(server.url);
    expect((await anonymous.request('GET', 'me')).status).toBe(401);
    // A made-up cookie is no session.
    anonymous.cookie = 'A'.repeat(43);
    expect((await anonymous.request('GET', 'me')).body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test('a wrong password and an unknown name get the same answer', async () => {
    const wrong = await new WorkspaceSession(server.url).login('viewer', 'not-the-password');
    const unknown = await new WorkspaceSession(server.url).login('nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  test('five failures in a row lock the account for 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await new WorkspaceSession(server.url).login('locky', `wrong-${i}-password`)).status).toBe(401);
    const before = Date.now();
    const locked = await new WorkspaceSession(server.url).login('locky', LOCKY_PW);
    expect(locked.status).toBe(423);
    const body = locked.body as { error: { code: string; message: string } };
    expect(body.error.code).toBe('locked');
    const until = /locked until (\S+Z)/.exec(body.error.message)?.[1] ?? '';
    expect(new Date(until).getTime()).toBeGreaterThan(before + 14 * 60_000);
    expect(new Date(until).getTime()).toBeLessThan(before + 16 * 60_000);
    const admin = new WorkspaceSession(server.url);
    await admin.login('admin', ADMIN_PW);
    const users = UserRow.array().parse((await admin.request('GET', 'users')).body);
    expect(users.find((u) => u.name === 'locky')?.lockedUntil).toBe(until);
    // A name with no account locks the same way, so the answer tells a guesser nothing.
    for (let i = 0; i < 5; i++) expect((await new WorkspaceSession(server.url).login('ghost', `wrong-${i}-password`)).status).toBe(401);
    const ghost = await new WorkspaceSession(server.url).login('ghost', 'wrong-5-password');
    expect(ghost.status).toBe(423);
    expect((ghost.body as { error: { message: string } }).error.message.replace(/\S+Z/, 'T')).toBe(body.error.message.replace(/\S+Z/, 'T'));
    // The lock ends by time: once it has passed, the right password works again and clears it.
    await runSql(b, 'update users set locked_until = ? where name = ?', [new Date(Date.now() - 1000).toISOString(), 'locky']);
    expect((await new WorkspaceSession(server.url).login('locky', LOCKY_PW)).status).toBe(200);
  });

  test('CSRF: a changing request without the session’s token is refused', async () => {
    const s = new WorkspaceSession(server.url);
    await s.login('admin', ADMIN_PW);
    const campaign = { label: '2026—2027学年', template: 'demo@1', deadline: '2027-06-30' };
    const none = await s.request('POST', 'campaigns', { json: campaign, csrf: false });
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ error: { code: 'forbidden' } });
    const wrong = await s.request('POST', 'campaigns', { json: campaign, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const ok = await s.request('POST', 'campaigns', { json: campaign });
    expect(ok.status).toBe(201);
    expect(CampaignSummary.parse(ok.body)).toMatchObject({ label: campaign.label, templateId: 'demo', templateVersion: '1', schools: 0 });
  });

  test('roles: a viewer reads campaigns but may not add one, nor see accounts or the audit log', async () => {
    const v = new WorkspaceSession(server.url);
    expect((await v.login('viewer', VIEWER_PW)).status).toBe(200);
    expect((await v.request('GET', 'campaigns')).status).toBe(200);
    const post = await v.request('POST', 'campaigns', { json: { label: 'x', template: 'demo@1', deadline: '2027-06-30' } });
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await v.request('GET', 'users')).status).toBe(403);
    expect((await v.request('GET', 'audit')).status).toBe(403);
    expect((await v.request('POST', 'users', { json: { name: 'v2', role: 'admin', password: 'long-enough-password', scope: null } })).status).toBe(403);
  });

  test('an administrator adds an account over HTTP; the new reviewer logs in with a scope', async () => {
    const a = new WorkspaceSession(server.url);
    await a.login('admin', ADMIN_PW);
    const made = await a.request('POST', 'users', { json: { name: 'inspector', role: 'reviewer', password: 'inspector-pass-1', scope: { counties: ['西区'], schools: [] } } });
    expect(made.status).toBe(201);
    expect(UserRow.parse(made.body)).toMatchObject({ name: 'inspector', role: 'reviewer', scope: { counties: ['西区'], schools: [] }, disabled: false, lockedUntil: null });
    expect((await a.request('POST', 'users', { json: { name: 'inspector', role: 'viewer', password: 'inspector-pass-2', scope: null } })).status).toBe(409);
    expect((await a.request('POST', 'users', { json: { name: 'shorty', role: 'viewer', password: 'short', scope: null } })).status).toBe(400);
    const r = new WorkspaceSession(server.url);
    const me = Me.parse((await r.login('inspector', 'inspector-pass-1')).body);
    expect(me.scope).toEqual({ counties: ['西区'], schools: [] });
  });

  test('log out ends the session on the server; the old cookie no longer works', async () => {
    const s = new WorkspaceSession(server.url);
    await s.login('viewer', VIEWER_PW);
    const old = s.cookie;
    const out = await s.request('POST', 'logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^sc_bureau=; .*Max-Age=0/);
    s.cookie = old;
    expect((await s.request('GET', 'me')).status).toBe(401);
  });

  test('the audit log, latest first, holds log-ins, failures, the lock, accounts and campaigns', async () => {
    const a = new WorkspaceSession(server.url);
    await a.login('admin', ADMIN_PW);
    const rows = AuditRow.array().parse((await a.request('GET', 'audit?limit=500')).body);
    const times = rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    const has = (action: string, target: string, user?: string | null): boolean => rows.some((r) => r.action === action && r.target === target && (user === undefined || r.user === user));
    expect(has('user.add', 'admin', null)).toBe(true); // the command line acts as no user
    expect(has('user.add', 'inspector', 'admin')).toBe(true);
    expect(has('login', 'admin', 'admin')).toBe(true);
    expect(has('login.failed', 'nobody')).toBe(true);
    expect(has('login.failed', 'viewer')).toBe(true);
    expect(rows.some((r) => r.action === 'login.failed' && r.target === 'locky' && /locked until/.test(r.detail))).toBe(true);
    expect(has('login.locked', 'locky')).toBe(true);
    expect(has('logout', 'viewer', 'viewer')).toBe(true);
    expect(rows.some((r) => r.action === 'campaign.add' && r.user === 'admin' && r.detail.includes('2026—2027学年'))).toBe(true);
    expect(AuditRow.array().parse((await a.request('GET', 'audit?limit=2')).body)).toHaveLength(2);
    expect((await a.request('GET', 'audit?limit=0')).status).toBe(400);
  });

  test('a session ends when its time is up (workspaceSessionHours in config.json)', async () => {
    const short = b.another('short', { workspaceSessionHours: 0.0006 }); // ~2.2 s
    addUser(short, 'admin', 'admin', ADMIN_PW);
    const s2 = await startServer(short.dataDir, [], short.env);
    try {
      const s = new WorkspaceSession(s2.url);
      const me = Me.parse((await s.login('admin', ADMIN_PW)).body);
      expect(new Date(me.expiresAt).getTime() - Date.now()).toBeLessThan(3000);
      expect((await s.request('GET', 'me')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2600));
      const gone = await s.request('GET', 'me');
      expect(gone.status).toBe(401);
      expect(gone.body).toMatchObject({ error: { code: 'unauthenticated' } });
    } finally {
      await s2.stop();
    }
  }, 120_000);

  test('an idle session ends though the absolute limit is far off (an old last-use pushed into the past)', async () => {
    const s = new WorkspaceSession(server.url);
    await s.login('viewer', VIEWER_PW);
    expect((await s.request('GET', 'me')).status).toBe(200);
    await runSql(b, 'update web_sessions set expires_at = ? where user_name = ?', [new Date(Date.now() - 1000).toISOString(), 'viewer']);
    expect((await s.request('GET', 'me')).status).toBe(401);
  });

  if (engine === 'sqlite')
    test('over HTTPS the cookie is also Secure', async () => {
      const cert = join(b.dir, 'cert.pem');
      const key = join(b.dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
      const tls = await startServer(b.dataDir, ['--tls-cert', cert, '--tls-key', key], b.env);
      try {
        const body = JSON.stringify({ name: 'admin', password: ADMIN_PW });
        const cookie = await new Promise<string>((resolve, reject) => {
          const req = httpsRequest(
            `${new URL(tls.url).origin}${WORKSPACE_API}/login`,
            { method: 'POST', ca: readFileSync(cert), headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(String(res.headers['set-cookie']?.[0] ?? `status ${res.statusCode}`)));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        expect(cookie).toMatch(/^sc_bureau=.*; HttpOnly; SameSite=Strict; .*Secure/);
      } finally {
        await tls.stop();
      }
    }, 60_000);
});
