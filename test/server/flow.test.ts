// The bureau server end to end, on both engines, through its real doors:
// `selfcheck server …` commands, HTTP against a real process, tus-js-client
// for the bytes, stock `minisign -V` and `unzip` to check what comes back.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint, parseEnrolmentSheet } from '../../bag/enrolment';
import { renderEnrolmentSheet } from '../../electron/keys/enrolmentSheet';
import { challengeMessage, ConnectionFile, ReceiptBody, ReceiptsResponse, RejectionBody, type SignedDocument } from '../../shared/sync/protocol';
import { signMessage } from '../../bag/minisign';
import { newSchoolKey } from '../package/helpers/samplePackage';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, challenge, info, login, submit, upload, uploadIdOf } from './helpers/client';
import { appCli, cli, startServer, type ServerProcess } from './helpers/serverProcess';

/** Saves a document as the app would and checks it with the stock tool. */
function minisignVerifies(dir: string, doc: SignedDocument, bureauKey: string): boolean {
  const json = join(dir, `doc-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(json, doc.json);
  writeFileSync(json + '.minisig', doc.minisig);
  try {
    execFileSync('minisign', ['-V', '-P', bureauKey, '-m', json, '-x', json + '.minisig'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe.each(ENGINES)('bureau server on %s', (engine) => {
  let b: Bureau;
  let server: ServerProcess;
  let bureauKey: string;

  beforeAll(async () => {
    b = await setupBureau(engine);
    server = await startServer(b.dataDir, [], b.env);
    bureauKey = (await info(server.url)).bureauKey;
  }, 120_000);
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    b?.cleanup();
  }, 60_000);

  test('init made an owner-only key and a connection file naming where the server listens', () => {
    expect(statSync(join(b.dataDir, 'bureau.key')).mode & 0o777).toBe(0o600);
    const conn = ConnectionFile.parse(JSON.parse(readFileSync(join(b.dataDir, 'connection.json'), 'utf8')));
    expect(conn.server).toBe(server.url);
    expect(conn.bureauKey).toBe(bureauKey);
    expect(readFileSync(join(b.dataDir, 'bureau.pub'), 'utf8')).toContain(bureauKey);
    const again = cli(['server', 'init', '--data-dir', b.dataDir]);
    expect(again.status).toBe(2); // a usage refusal: the existing key is never overwritten
    expect(again.stderr).toMatch(/already holds a SelfCheck server/);
  });

  test('enrol from the printed sheet prints the fingerprint the sheet shows', async () => {
    const key = newSchoolKey();
    const html = await renderEnrolmentSheet({ schoolName: '第二小学', schoolCode: 'S-0002', keyId: key.keyId, publicKeyLine: key.publicKeyLine, date: '2025-03-01', locale: 'zh-CN' });
    const sheet = join(b.dir, 'sheet.html');
    writeFileSync(sheet, html);
    expect(parseEnrolmentSheet(html).schoolCode).toBe('S-0002');
    const r = cli(['server', 'enrol', '--data-dir', b.dataDir, '--sheet', sheet], b.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(keyFingerprint(key.publicKeyLine));
    expect(html).toContain(keyFingerprint(key.publicKeyLine));
    expect(await login(server.url, 'S-0002', key)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const notSheet = join(b.dir, 'not-a-sheet.html');
    writeFileSync(notSheet, '<html><body>hello</body></html>');
    const bad = cli(['server', 'enrol', '--data-dir', b.dataDir, '--sheet', notSheet], b.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a SelfCheck enrolment sheet/);
  });

  test('auth: unenrolled school, wrong key, replayed challenge and missing token are refused', async () => {
    const stranger = newSchoolKey();
    const unenrolled = await challenge(server.url, 'NOPE', stranger.keyId);
    expect(unenrolled.status).toBe(403);
    expect(unenrolled.body).toMatchObject({ error: { code: 'not_enrolled' } });

    const { serverName } = await info(server.url);
    const c = (await challenge(server.url, '1430000001', b.school.keyId)).body as { challengeId: string; challenge: string };
    const msg = Buffer.from(challengeMessage(serverName, c.challengeId, c.challenge));
    const forged = signMessage(msg, stranger.secret, { trustedComment: 'x' });
    const wrong = await call(`${server.url}/auth/token`, { method: 'POST', body: JSON.stringify({ challengeId: c.challengeId, signature: forged }) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'signature_invalid' } });
    // The challenge was spent by the failed try: even the right signature is refused now.
    const right = signMessage(msg, b.school.secret, { trustedComment: 'x' });
    const replay = await call(`${server.url}/auth/token`, { method: 'POST', body: JSON.stringify({ challengeId: c.challengeId, signature: right }) });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: { code: 'challenge_invalid' } });

    const none = await call(`${server.url}/receipts?after=0`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 'unauthenticated' } });
    const tusNone = await call(`${server.url}/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(tusNone.status).toBe(401);
  });

  test('upload + submit gives a receipt stock minisign verifies; the same bytes get the same receipt bytes', async () => {
    const token = await login(server.url, '1430000001', b.school);
    const pkg = await b.makePackage();
    const up = await upload(server.url, token, pkg.zipPath, pkg.sha512, { chunkSize: 32 * 1024 });
    const first = await submit(server.url, token, uploadIdOf(up.url), pkg.sha512);
    expect(first.status).toBe(201);
    if (first.body.outcome !== 'received') throw new Error(JSON.stringify(first.body));
    const receipt = ReceiptBody.parse(JSON.parse(first.body.receipt.json));
    expect(receipt).toMatchObject({ school: '1430000001', sha512: pkg.sha512, size: statSync(pkg.zipPath).size, via: 'upload', assessment: 'a-1', assessmentVersion: 1 });
    expect(minisignVerifies(b.dir, first.body.receipt, bureauKey)).toBe(true);
    // A changed byte in the receipt fails the stock tool.
    expect(minisignVerifies(b.dir, { ...first.body.receipt, json: first.body.receipt.json.replace('"upload"', '"import"') }, bureauKey)).toBe(false);

    const up2 = await upload(server.url, token, pkg.zipPath, pkg.sha512);
    const second = await submit(server.url, token, uploadIdOf(up2.url), pkg.sha512);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    // Submitting again after the upload was cleared still answers with the stored receipt.
    const third = await submit(server.url, token, uploadIdOf(up.url), pkg.sha512);
    expect(third.status).toBe(200);
    expect(third.body).toEqual(first.body);

    const list = ReceiptsResponse.parse((await call(`${server.url}/receipts?after=0`, { token })).body);
    expect(list.documents.filter((d) => JSON.parse(d.json).sha512 === pkg.sha512)).toHaveLength(1);
    expect(list.last).toBeGreaterThanOrEqual(receipt.seq);
  });

  test('the same bag id with other bytes is a conflict; a wrong SHA-512 is refused', async () => {
    const token = await login(server.url, '1430000001', b.school);
    const one = await b.makePackage({ bagId: `1430000001-20250301-v1-conflict${engine}` });
    const two = await b.makePackage({ bagId: `1430000001-20250301-v1-conflict${engine}` });
    expect(two.sha512).not.toBe(one.sha512);
    const a = await submit(server.url, token, uploadIdOf((await upload(server.url, token, one.zipPath, one.sha512)).url), one.sha512);
    expect(a.status).toBe(201);
    const upTwo = await upload(server.url, token, two.zipPath, two.sha512);
    const lie = await submit(server.url, token, uploadIdOf(upTwo.url), one.sha512);
    expect(lie.status).toBe(400);
    expect(lie.body).toMatchObject({ error: { code: 'hash_mismatch' } });
    const c = await submit(server.url, token, uploadIdOf(upTwo.url), two.sha512);
    expect(c.status).toBe(409);
    expect(c.body).toMatchObject({ outcome: 'conflict', bag: `1430000001-20250301-v1-conflict${engine}`, heldSha512: one.sha512 });
  });

  test('a tampered package gets a signed rejection with the verifier\'s reason, the same one every time', async () => {
    const token = await login(server.url, '1430000001', b.school);
    const pkg = await b.makePackage();
    const bytes = readFileSync(pkg.zipPath);
    // Flip one byte in the middle of the evidence (the random photo's bytes).
    const at = Math.floor(bytes.length / 3);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    const tampered = join(mkdtempSync(join(b.dir, 't-')), 'tampered.zip');
    writeFileSync(tampered, bytes);
    const sha = createHash('sha512').update(bytes).digest('hex');
    const r1 = await submit(server.url, token, uploadIdOf((await upload(server.url, token, tampered, sha)).url), sha);
    expect(r1.status).toBe(422);
    if (r1.body.outcome !== 'rejected') throw new Error('expected a rejection');
    const body = RejectionBody.parse(JSON.parse(r1.body.rejection.json));
    expect(body.reason).toMatch(/^(zip|bag)[A-Z]/);
    expect(body.school).toBe('1430000001');
    expect(minisignVerifies(b.dir, r1.body.rejection, bureauKey)).toBe(true);
    const r2 = await submit(server.url, token, uploadIdOf((await upload(server.url, token, tampered, sha)).url), sha);
    expect(r2.status).toBe(422);
    expect(r2.body).toEqual(r1.body);
  });

  test('import from a stick gives the same receipt bytes as the upload; a bad package exits 1 with a rejection file', async () => {
    const token = await login(server.url, '1430000001', b.school);
    const pkg = await b.makePackage();
    const up = await submit(server.url, token, uploadIdOf((await upload(server.url, token, pkg.zipPath, pkg.sha512)).url), pkg.sha512);
    if (up.body.outcome !== 'received') throw new Error('expected a receipt');
    const out = join(b.dir, 'receipts-out');
    const r = cli(['server', 'import', '--data-dir', b.dataDir, pkg.zipPath, '--receipts', out], b.env);
    expect(r.status).toBe(0);
    const bag = ReceiptBody.parse(JSON.parse(up.body.receipt.json)).bag;
    expect(readFileSync(join(out, `${bag}.receipt.json`), 'utf8')).toBe(up.body.receipt.json);
    expect(readFileSync(join(out, `${bag}.receipt.json.minisig`), 'utf8')).toBe(up.body.receipt.minisig);
    execFileSync('minisign', ['-V', '-P', bureauKey, '-m', join(out, `${bag}.receipt.json`)], { stdio: 'pipe' });

    const fresh = await b.makePackage();
    const junk = join(b.dir, 'junk.zip');
    writeFileSync(junk, 'not a zip at all');
    const mixed = cli(['server', 'import', '--data-dir', b.dataDir, fresh.zipPath, junk, '--receipts', out], b.env);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toMatch(/junk\.zip: rejected: zipUnreadable/);
    const rejection = RejectionBody.parse(JSON.parse(readFileSync(join(out, 'junk.rejection.json'), 'utf8')));
    expect(rejection).toMatchObject({ via: 'import', reason: 'zipUnreadable', school: null });
    // The imported package's receipt reaches the school over the network too.
    const list = ReceiptsResponse.parse((await call(`${server.url}/receipts?after=0`, { token })).body);
    expect(list.documents.some((d) => JSON.parse(d.json).sha512 === fresh.sha512 && JSON.parse(d.json).via === 'import')).toBe(true);
  });

  test('templates: published with the bureau key, listed with an ETag (304 when unchanged), served by SHA-512', async () => {
    const tpl = join(b.dir, 'template.zip');
    const made = appCli(['template-package', '--key', join(b.dataDir, 'bureau.key'), '--out', tpl]);
    expect(made.status).toBe(0);
    const add = cli(['server', 'templates', 'add', '--data-dir', b.dataDir, tpl], b.env);
    expect(add.status).toBe(0);
    const feed = await call<{ templates: { sha512: string; size: number }[] }>(`${server.url}/templates`);
    expect(feed.status).toBe(200);
    expect(feed.body.templates).toHaveLength(1);
    const etag = feed.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const same = await fetch(`${server.url}/templates`, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    const entry = feed.body.templates[0]!;
    const bytes = Buffer.from(await (await fetch(`${server.url}/templates/${entry.sha512}`)).arrayBuffer());
    expect(bytes.equals(readFileSync(tpl))).toBe(true);
    // Signed by another bureau: refused, nothing published.
    const other = join(b.dir, 'other.zip');
    expect(appCli(['template-package', '--key', join(__dirname, '..', 'fixtures', 'keys', 'TEST-bureau-other.key'), '--out', other]).status).toBe(0);
    const refused = cli(['server', 'templates', 'add', '--data-dir', b.dataDir, other], b.env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/sigKeyNotTrusted/);
    expect(((await call<{ templates: unknown[] }>(`${server.url}/templates`)).body).templates).toHaveLength(1);
  });
});
