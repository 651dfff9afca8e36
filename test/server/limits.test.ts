// Tokens and challenges expire, the bureau's limits hold (size, quota, rate),
// and a key rotation statement signed by the enrolled key moves the school to
// its new key, on both engines.
import { makeRotationStatement } from '../../bag/rotation';
import { newSchoolKey, SCHOOL_CODE } from '../package/helpers/samplePackage';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, challenge, login, submit, upload, uploadIdOf } from './helpers/client';
import { startServer } from './helpers/serverProcess';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.each(ENGINES)('server limits and key rotation on %s', (engine) => {
  let b: Bureau;
  beforeAll(async () => {
    b = await setupBureau(engine);
  }, 120_000);
  afterAll(() => b?.cleanup());

  test('an expired token and an expired challenge are refused', async () => {
    const short = b.another('short', { tokenTtlSeconds: 1, challengeTtlSeconds: 1 });
    const server = await startServer(short.dataDir, [], short.env);
    try {
      const token = await login(server.url, SCHOOL_CODE, short.school);
      expect((await call(`${server.url}/receipts?after=0`, { token })).status).toBe(200);
      const c = (await challenge(server.url, SCHOOL_CODE, short.school.keyId)).body as { challengeId: string };
      await sleep(1500);
      const expired = await call(`${server.url}/receipts?after=0`, { token });
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: { code: 'unauthenticated' } });
      const late = await call(`${server.url}/auth/token`, { method: 'POST', body: JSON.stringify({ challengeId: c.challengeId, signature: 'untrusted comment: x\n' + 'A'.repeat(100) }) });
      expect(late.status).toBe(401);
      expect(late.body).toMatchObject({ error: { code: 'challenge_invalid' } });
    } finally {
      await server.stop();
    }
  }, 60_000);

  test('an unfinished upload announces its expiry and is cleared by the periodic clean-up after it', async () => {
    const brief = b.another('brief', { uploadExpiryHours: 0.0005 }); // 1.8 s
    const server = await startServer(brief.dataDir, [], brief.env);
    try {
      const token = await login(server.url, SCHOOL_CODE, brief.school);
      const created = await fetch(`${server.url}/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '1000', authorization: `Bearer ${token}` } });
      expect(created.status).toBe(201);
      expect(Date.parse(created.headers.get('upload-expires') ?? '')).toBeGreaterThan(Date.now() - 60_000);
      const id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
      const head = (): Promise<Response> => fetch(`${server.url}/uploads/${id}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` } });
      expect((await head()).status).toBe(200);
      let status = 200;
      for (let i = 0; i < 30 && status === 200; i++) {
        await sleep(500);
        status = (await head()).status;
      }
      expect([404, 410]).toContain(status);
      await sleep(2500);
      expect((await head()).status).toBe(404);
      expect(server.output()).toMatch(/expired uploads removed/);
    } finally {
      await server.stop();
    }
  }, 60_000);

  test('size limit, per-school quota and rate limit', async () => {
    const tight = b.another('tight', { maxUploadBytes: 200_000, quotaBytesPerSchool: 150_000, rateLimitPerMinute: 40 });
    const server = await startServer(tight.dataDir, [], tight.env);
    try {
      const token = await login(server.url, SCHOOL_CODE, tight.school);
      const tooBig = await call(`${server.url}/uploads`, { method: 'POST', token, headers: { 'tus-resumable': '1.0.0', 'upload-length': '300000' } });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ error: { code: 'too_large' } });
      const pkg = await tight.makePackage();
      const first = await submit(server.url, token, uploadIdOf((await upload(server.url, token, pkg.zipPath, pkg.sha512)).url), pkg.sha512);
      expect(first.status).toBe(201);
      const over = await call(`${server.url}/uploads`, { method: 'POST', token, headers: { 'tus-resumable': '1.0.0', 'upload-length': '100000' } });
      expect(over.status).toBe(403);
      expect(over.body).toMatchObject({ error: { code: 'quota_exceeded' } });
      let limited = 0;
      for (let i = 0; i < 45 && limited === 0; i++) if ((await call(`${server.url}/receipts?after=0`, { token })).status === 429) limited = i;
      expect(limited).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 60_000);

  test('a package carrying a rotation statement signed by the enrolled key moves the school to its new key', async () => {
    const server = await startServer(b.dataDir, [], b.env);
    try {
      const oldKey = b.school;
      const newKey = newSchoolKey();
      expect((await challenge(server.url, SCHOOL_CODE, newKey.keyId)).status).toBe(403);
      const statement = makeRotationStatement(oldKey.secret, newKey.secret, SCHOOL_CODE, new Date('2025-06-01T00:00:00Z'));
      const pkg = await b.makePackage({ key: newKey, rotation: [statement] });
      const token = await login(server.url, SCHOOL_CODE, oldKey);
      const r = await submit(server.url, token, uploadIdOf((await upload(server.url, token, pkg.zipPath, pkg.sha512)).url), pkg.sha512);
      expect(r.status).toBe(201);
      expect(await login(server.url, SCHOOL_CODE, newKey)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      const old = await challenge(server.url, SCHOOL_CODE, oldKey.keyId);
      expect(old.status).toBe(403);
      // A statement signed by a key nobody enrolled moves nothing: signed by an unknown key, the package is rejected.
      const stranger = newSchoolKey();
      const forged = makeRotationStatement(stranger.secret, newSchoolKey().secret, SCHOOL_CODE, new Date());
      const bad = await b.makePackage({ key: stranger, rotation: [forged] });
      const token2 = await login(server.url, SCHOOL_CODE, newKey);
      const rej = await submit(server.url, token2, uploadIdOf((await upload(server.url, token2, bad.zipPath, bad.sha512)).url), bad.sha512);
      expect(rej.status).toBe(422);
      expect(rej.body.outcome === 'rejected' && JSON.parse(rej.body.rejection.json).reason).toBe('sigKeyNotTrusted');
    } finally {
      await server.stop();
    }
  }, 60_000);
});
