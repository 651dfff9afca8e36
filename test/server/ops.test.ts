// Operations: HTTPS with a given certificate, body limits, a backup taken
// while the server runs, and the refusal of a database migrated by a newer
// server version, on both engines where the engine matters.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, login, submit, upload, uploadIdOf } from './helpers/client';
import { cli, startServer } from './helpers/serverProcess';

describe.each(ENGINES)('server operations on %s', (engine) => {
  let b: Bureau;
  beforeAll(async () => {
    b = await setupBureau(engine);
  }, 120_000);
  afterAll(() => b?.cleanup());

  test('a backup taken while the server runs holds the database and every stored package', async () => {
    const server = await startServer(b.dataDir, [], b.env);
    try {
      const token = await login(server.url, '1430000001', b.school);
      const pkg = await b.makePackage();
      expect((await submit(server.url, token, uploadIdOf((await upload(server.url, token, pkg.zipPath, pkg.sha512)).url), pkg.sha512)).status).toBe(201);
      const out = join(b.dir, 'backup');
      const r = cli(['server', 'backup', '--data-dir', b.dataDir, '--out', out], b.env);
      expect(r.status).toBe(0);
      expect(existsSync(join(out, 'blobs', pkg.sha512.slice(0, 2), `${pkg.sha512}.zip`))).toBe(true);
      expect(existsSync(join(out, 'bureau.key'))).toBe(true);
      if (engine === 'sqlite') {
        const db = new Database(join(out, 'server.sqlite'), { readonly: true });
        const row = db.prepare('select count(*) as n from documents where sha512 = ?').get(pkg.sha512) as { n: number };
        db.close();
        expect(row.n).toBe(1);
      } else {
        const listing = execFileSync('pg_restore', ['--list', join(out, 'database.pgdump')]).toString();
        expect(listing).toMatch(/TABLE DATA public documents/);
      }
      const again = cli(['server', 'backup', '--data-dir', b.dataDir, '--out', out], b.env);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/not empty/);
      // JSON routes refuse oversized bodies before reading them.
      const big = await call(`${server.url}/auth/challenge`, { method: 'POST', body: JSON.stringify({ schoolCode: 'x'.repeat(40_000), keyId: '0000000000000000' }) });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ error: { code: 'too_large' } });
    } finally {
      await server.stop();
    }
  }, 120_000);

  test('a database migrated by a newer server is refused with a clear message', async () => {
    const other = b.another('newer');
    expect(cli(['server', 'import', '--data-dir', other.dataDir, join(b.dir, 'missing.zip')], other.env).status).toBe(1); // migrates the fresh database
    if (engine === 'sqlite') {
      const db = new Database(join(other.dataDir, 'server.sqlite'));
      db.prepare("insert into server_migrations (name, checksum, applied_at) values ('9999-from-the-future', 'x', 'now')").run();
      db.close();
    } else {
      const client = new pg.Client({ connectionString: other.env.SELFCHECK_SERVER_DATABASE_URL });
      await client.connect();
      await client.query("insert into server_migrations (name, checksum, applied_at) values ('9999-from-the-future', 'x', 'now')");
      await client.end();
    }
    await expect(startServer(other.dataDir, [], other.env)).rejects.toThrow(/migrated by a newer SelfCheck server.*9999-from-the-future/);
  }, 120_000);

  if (engine === 'sqlite')
    test('HTTPS with a given certificate and key', async () => {
      const cert = join(b.dir, 'cert.pem');
      const key = join(b.dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
      const server = await startServer(b.dataDir, ['--tls-cert', cert, '--tls-key', key], b.env);
      try {
        expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
        const body = await new Promise<string>((resolve, reject) => {
          get(`${server.url}/health`, { ca: readFileSync(cert) }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve(text));
          }).on('error', reject);
        });
        expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
        const missing = cli(['server', 'serve', '--data-dir', b.dataDir, '--tls-cert', cert]);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toMatch(/both --tls-cert and --tls-key/);
      } finally {
        await server.stop();
      }
      expect(readdirSync(b.dataDir)).toContain('server.sqlite');
    }, 120_000);
});
