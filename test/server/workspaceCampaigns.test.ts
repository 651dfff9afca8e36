// Campaigns and rosters through the bin and over HTTP, on both engines:
// `campaign add` with an XLSX roster (written here with exceljs) and with a
// CSV roster in Chinese with a BOM, row problems reported as warnings, files
// that are not rosters refused whole, `campaign list --json` with counts
// from the report index, a roster re-imported over HTTP, counts within a
// reviewer's scope, and the template feed a rostered school is offered.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CampaignSummary, RosterResult } from '../../shared/bureau/api';
import { SCHOOL_CODE } from '../package/helpers/samplePackage';
import { ENGINES, setupBureau, type Bureau } from './helpers/bureau';
import { call, login } from './helpers/client';
import { appCli, cli, startServer, type ServerProcess } from './helpers/serverProcess';
import { addUser, runSql, WorkspaceSession } from './helpers/workspaceSession';

const ADMIN_PW = 'correct horse battery';
const REVIEWER_PW = 'reviewer-password-1';

// The smallest PNG there is: a 1×1 transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function writeXlsx(file: string, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return readFileSync(file);
}

const CSV_ZH =
  '\uFEFF学校标识码,学校名称,办学类型,县区\r\n' +
  '1430000001,测试小学,小学,东区\r\n' +
  ',无代码学校,初中,东区\r\n' +
  '1430000002,"第二中学, 初中部",初中,西区\r\n' +
  '1430000002,第二中学（重复）,初中,西区\r\n' +
  '1430000003,东区中心幼儿园,,东区\r\n';

describe.each(ENGINES)('workspace campaigns on %s', (engine) => {
  let b: Bureau;
  let server: ServerProcess;
  const campaignCount = (): number => (JSON.parse(cli(['server', 'campaign', 'list', '--data-dir', b.dataDir, '--json'], b.env).stdout) as unknown[]).length;

  beforeAll(async () => {
    b = await setupBureau(engine);
    addUser(b, 'admin', 'admin', ADMIN_PW);
    addUser(b, 'east', 'reviewer', REVIEWER_PW, ['--county', '东区']);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    b?.cleanup();
  });

  test('campaign add with an XLSX roster (English headers, codes typed as numbers, type words in Chinese)', async () => {
    const file = join(b.dir, 'roster.xlsx');
    await writeXlsx(file, [
      ['Code', 'Name', 'Type', 'County'],
      [1430000001, '测试小学', '小学', '东区'],
      [1430000002, '第二中学', '初级中学', '西区'],
      [1430000004, '九年制学校', '九年一贯制', '西区'],
      [1430000005, '县职校', '中等职业学校', '东区'],
      ['', '', '', ''],
      [1430000006, '特校', '特殊教育学校', '东区'],
    ]);
    const r = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', '2026—2027学年', '--template', 'demo@1', '--deadline', '2027-06-30', '--roster', file], b.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^c[a-z2-7]{8} 2026—2027学年: 5 schools/);
    expect(r.stderr).not.toMatch(/row \d/); // the blank row is no problem
    expect(r.stderr).toMatch(/template demo@1 is not published/);
    const id = r.stdout.split(' ')[0] ?? '';
    const types = (await runSql(b, 'select school_code, type, county from roster where campaign_id = ? order by school_code', [id])) as { school_code: string; type: string; county: string }[];
    expect(types.map((t) => [t.school_code, t.type, t.county])).toEqual([
      ['1430000001', 'primary', '东区'],
      ['1430000002', 'junior', '西区'],
      ['1430000004', 'nine_year', '西区'],
      ['1430000005', 'vocational', '东区'],
      ['1430000006', 'special', '东区'],
    ]);
  });

  test('campaign add with a CSV roster in Chinese (BOM, quoted comma): a missing code and a duplicate are warnings, the rest imported', () => {
    const file = join(b.dir, 'roster.csv');
    writeFileSync(file, CSV_ZH);
    const r = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', '2025学年', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', file], b.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 3 schools/);
    expect(r.stderr).toMatch(/warning: roster\.csv row 3: no school code \(无代码学校\)/);
    expect(r.stderr).toMatch(/warning: roster\.csv row 5: school code 1430000002 already appears in row 4/);
  });

  test('files that are not rosters are refused whole and leave no campaign behind', async () => {
    const before = campaignCount();
    const png = join(b.dir, 'photo.xlsx');
    writeFileSync(png, PNG);
    const r1 = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', png], b.env);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/PNG image, not an XLSX or CSV file/);
    const pngCsv = join(b.dir, 'photo.csv');
    writeFileSync(pngCsv, PNG);
    expect(cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', pngCsv], b.env).status).toBe(1);
    const noCode = join(b.dir, 'nocode.csv');
    writeFileSync(noCode, '学校名称,县区\n测试小学,东区\n');
    const r2 = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', noCode], b.env);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/no school-code column.*学校代码.*found: 学校名称, 县区/);
    const gbk = join(b.dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from([0xd1, 0xa7, 0xd0, 0xa3, 0xb4, 0xfa, 0xc2, 0xeb, 0x0a])); // 学校代码 in GBK
    const r3 = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', gbk], b.env);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/not UTF-8/);
    const zip = join(b.dir, 'notxlsx.xlsx');
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
    const r4 = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-06-30', '--roster', zip], b.env);
    expect(r4.status).toBe(1);
    expect(r4.stderr).toMatch(/not a readable XLSX/);
    const badDate = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo@1', '--deadline', '2026-02-30', '--roster', noCode], b.env);
    expect(badDate.status).toBe(2);
    const badTemplate = cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', 'x', '--template', 'demo', '--deadline', '2026-02-28', '--roster', noCode], b.env);
    expect(badTemplate.status).toBe(2);
    expect(badTemplate.stderr).toMatch(/ID@VERSION/);
    expect(campaignCount()).toBe(before);
  });

  test('campaign list --json: id, label, schools, submitted, counted from the report index (on time / late)', async () => {
    const list = CampaignSummary.array().parse(JSON.parse(cli(['server', 'campaign', 'list', '--data-dir', b.dataDir, '--json'], b.env).stdout));
    const c = list.find((x) => x.label === '2025学年');
    expect(c).toMatchObject({ schools: 3, submitted: 0, missing: 3 });
    // Two reports for the campaign's template (one before the deadline, one after) and one for another template.
    const report = (sha: string, code: string, tv: string, at: string) =>
      runSql(
        b,
        'insert into reports (sha512, school_code, bag_id, assessment_id, assessment_version, template_id, template_version, school_type, county, signer_key_id, generated_at, received_at, via, receipt_seq, total, level, answers_review) values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, null, null, null)',
        [sha.repeat(128), code, `bag-${sha}`, 'a1', 'demo', tv, 'primary', '东区', '0000000000000000', at, at, 'upload'],
      );
    await report('a', '1430000001', '1', '2026-06-01T08:00:00.000Z');
    await report('b', '1430000002', '1', '2026-07-15T08:00:00.000Z');
    await report('d', '1430000002', '1', '2026-07-16T08:00:00.000Z'); // a second version counts once
    await report('e', '1430000003', '2', '2026-06-01T08:00:00.000Z'); // another version of the template: not this campaign's
    const after = CampaignSummary.array().parse(JSON.parse(cli(['server', 'campaign', 'list', '--data-dir', b.dataDir, '--json'], b.env).stdout));
    expect(after.find((x) => x.label === '2025学年')).toMatchObject({ schools: 3, submitted: 2, onTime: 1, late: 1, missing: 1 });
    expect(after.find((x) => x.label === '2026—2027学年')).toMatchObject({ schools: 5, submitted: 2, onTime: 2, late: 0 });
    const text = cli(['server', 'campaign', 'list', '--data-dir', b.dataDir], b.env);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/2025学年 +demo@1 +deadline 2026-06-30 +schools 3 +submitted 2/);
  });

  test('over HTTP: a roster re-imported replaces the old one; hostile files refused; a reviewer counts only their county', async () => {
    server = await startServer(b.dataDir, [], b.env);
    const a = new WorkspaceSession(server.url);
    expect((await a.login('admin', ADMIN_PW)).status).toBe(200);
    const made = await a.request('POST', 'campaigns', { json: { label: '复查', template: 'demo@1', deadline: '2026-12-31' } });
    expect(made.status).toBe(201);
    const id = CampaignSummary.parse(made.body).id;
    const csv = await a.request('PUT', `campaigns/${id}/roster`, { body: Buffer.from(CSV_ZH), headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('名单.csv') } });
    expect(csv.status).toBe(200);
    const result = RosterResult.parse(csv.body);
    expect(result.imported).toBe(3);
    expect(result.problems.map((p) => p.row)).toEqual([3, 5]);
    const xlsx = await writeXlsx(join(b.dir, 'second.xlsx'), [
      ['某某县2026年义务教育学校名单'], // a title above the header, as bureaus' sheets often have
      [],
      ['学校代码', '学校名称', '学校类型', '所属县区'],
      ['1430000001', '测试小学', '小学', '东区'],
      ['1430000007', '西区高中', '高中', '西区'],
      ['12345', '错码学校', '小学', '西区'],
    ]);
    const again = await a.request('PUT', `campaigns/${id}/roster`, { body: xlsx, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    expect(RosterResult.parse(again.body)).toEqual({ imported: 2, problems: [{ row: 6, message: expect.stringMatching(/12345 is not a 10-digit 学校标识码/) as unknown }] });
    const codes = (await runSql(b, 'select school_code from roster where campaign_id = ? order by school_code', [id])) as { school_code: string }[];
    expect(codes.map((c) => c.school_code)).toEqual(['1430000001', '1430000007']);
    // A PNG renamed to .xlsx: refused, the roster unchanged.
    const png = await a.request('PUT', `campaigns/${id}/roster`, { body: PNG, headers: { 'x-file-name': 'roster.xlsx' } });
    expect(png.status).toBe(400);
    expect(png.body).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/PNG image/) as unknown } });
    expect((await runSql(b, 'select school_code from roster where campaign_id = ?', [id])).length).toBe(2);
    expect((await a.request('PUT', `campaigns/nosuch/roster`, { body: xlsx })).status).toBe(404);
    expect((await a.request('PUT', `campaigns/${id}/roster`, { body: Buffer.alloc(21 * 1024 * 1024, 0x41) })).status).toBe(413);
    // The reviewer limited to 东区 sees the campaigns, counted within the county, and may not upload.
    const r = new WorkspaceSession(server.url);
    expect((await r.login('east', REVIEWER_PW)).status).toBe(200);
    const seen = CampaignSummary.array().parse((await r.request('GET', 'campaigns')).body);
    expect(seen.find((c) => c.id === id)).toMatchObject({ schools: 1, submitted: 1 });
    expect(seen.find((c) => c.label === '2026—2027学年')).toMatchObject({ schools: 3, submitted: 1 });
    expect((await r.request('PUT', `campaigns/${id}/roster`, { body: xlsx })).status).toBe(403);
    const adminView = CampaignSummary.array().parse((await a.request('GET', 'campaigns')).body);
    expect(adminView.find((c) => c.id === id)).toMatchObject({ schools: 2 });
    const audit = (await a.request<{ action: string; target: string; detail: string }[]>('GET', 'audit')).body;
    expect(audit.filter((e) => e.action === 'roster.replace' && e.target === id).map((e) => JSON.parse(e.detail) as unknown)).toEqual([
      { schools: 2, problems: 1 },
      { schools: 3, problems: 2 },
    ]);
  });

  test('the template feed: a school on a roster is offered its campaigns’ templates; anonymous callers see all', async () => {
    const tpl = join(b.dir, 'template.zip');
    expect(appCli(['template-package', '--key', join(b.dataDir, 'bureau.key'), '--out', tpl]).status).toBe(0);
    const add = cli(['server', 'templates', 'add', '--data-dir', b.dataDir, tpl], b.env);
    expect(add.status).toBe(0);
    const published = /published: (\S+)@(\S+)/.exec(add.stdout);
    const token = await login(server.url, SCHOOL_CODE, b.school);
    // Every campaign naming this school is for demo@1, which is not published: nothing to offer it.
    expect((await call<{ templates: unknown[] }>(`${server.url}/templates`)).body.templates).toHaveLength(1);
    expect((await call<{ templates: unknown[] }>(`${server.url}/templates`, { token })).body.templates).toHaveLength(0);
    const file = join(b.dir, 'one.csv');
    writeFileSync(file, `学校代码,学校名称,学校类型,县区\n${SCHOOL_CODE},测试小学,小学,东区\n`);
    expect(cli(['server', 'campaign', 'add', '--data-dir', b.dataDir, '--label', '正式', '--template', `${published?.[1]}@${published?.[2]}`, '--deadline', '2027-06-30', '--roster', file], b.env).status).toBe(0);
    const feed = await call<{ templates: { id: string; version: string }[] }>(`${server.url}/templates`, { token });
    expect(feed.body.templates).toEqual([expect.objectContaining({ id: published?.[1], version: published?.[2] })]);
  });
});
