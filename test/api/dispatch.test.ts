import { ApiError } from '../../shared/api/define';
import { createAllHandlers, dispatch, mergeHandlers, missingHandlers, type Handlers } from '../../electron/api';
import { toErrorShape } from '../../electron/api/errors';
import { fixtureAssessment, fixtureProfile, openTestCore, type TestCore } from '../fixtures/core';
import { jpeg } from '../fixtures/files';
import { MIGRATIONS } from '../../electron/store/migrations';

const quiet = { log: () => undefined };

describe('dispatch', () => {
  let t: TestCore;
  let handlers: Handlers;
  beforeEach(() => {
    t = openTestCore();
    handlers = createAllHandlers(t.core);
  });
  afterEach(() => t.cleanup());

  test('every contract method has exactly one handler', () => {
    expect(missingHandlers(handlers)).toEqual([]);
    expect(() => mergeHandlers(handlers, { 'app.info': handlers['app.info'] })).toThrow('handler defined twice: app.info');
  });

  test('a full flow through the contract', async () => {
    const call = async (name: string, args: unknown) => {
      const r = await dispatch(handlers, name, args);
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.value as Record<string, unknown>;
    };
    expect(await call('app.info', {})).toMatchObject({ mode: 'web', dataDir: t.dir, schemaVersion: MIGRATIONS.length });
    expect(await call('profile.get', {})).toBeNull();
    await call('profile.save', fixtureProfile);
    const a = await call('assessments.create', fixtureAssessment);
    const saved = await call('answers.save', { assessmentId: a.id, itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, note: '' });
    expect(saved).toMatchObject({ revision: 1 });
    const file = await call('evidence.import', { name: 'p.jpg', bytes: await jpeg(20, 20), link: { assessmentId: a.id, itemCode: 'SAF-01' } });
    expect(file).toMatchObject({ mime: 'image/jpeg', links: [{ assessmentId: a.id, itemCode: 'SAF-01' }] });
    const summary = await call('assessments.summary', { id: a.id, asOf: '2025-01-10' });
    expect((summary.items as { itemCode: string; status: string }[]).find((i) => i.itemCode === 'SAF-01')?.status).toBe('met');
    expect(await call('evidence.stats', {})).toMatchObject({ files: 1 });
    expect((await call('templates.list', {})) as unknown as unknown[]).toHaveLength(1);
    expect(await call('settings.save', { userName: '李校长' })).toMatchObject({ userName: '李校长' });
  });

  test('bad arguments are refused before any handler runs', async () => {
    const r = await dispatch(handlers, 'answers.save', { assessmentId: 'x', itemCode: 'SAF-01', value: { type: 'yes_no', value: 'yes' }, note: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_args', message: 'invalidArgs', params: { method: 'answers.save' } } });
    expect(!r.ok && r.error.detail).toContain('value');
    expect(await dispatch(handlers, 'evidence.import', { name: 'x.jpg', bytes: 'not bytes' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await dispatch(handlers, 'nope.method', {})).toEqual({
      ok: false,
      error: { code: 'invalid_args', message: 'api.unknownMethod', params: { method: 'nope.method' } },
    });
    expect(await dispatch(handlers, 'toString', {})).toMatchObject({ ok: false, error: { message: 'api.unknownMethod' } });
  });

  test('domain errors keep their code; nothing leaks a stack', async () => {
    expect(await dispatch(handlers, 'assessments.get', { id: 'missing' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'assessment.notFound', params: { id: 'missing' } },
    });
    const boom: Handlers = { 'app.info': () => { throw new Error('secret path /home/x at line 3'); } };
    const r = await dispatch(boom, 'app.info', {}, quiet);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret');
  });

  test('SQLite and file-system failures are classified', () => {
    const err = (code: string) => Object.assign(new Error('x'), { code });
    expect(toErrorShape(err('SQLITE_FULL')).error).toEqual({ code: 'io', message: 'io.diskFull' });
    expect(toErrorShape(err('SQLITE_BUSY')).error).toEqual({ code: 'io', message: 'db.busy' });
    expect(toErrorShape(err('SQLITE_IOERR_WRITE')).error).toEqual({ code: 'io', message: 'io.failed' });
    expect(toErrorShape(err('SQLITE_CORRUPT')).error).toEqual({ code: 'internal', message: 'db.corrupt' });
    expect(toErrorShape(err('ENOSPC')).error).toEqual({ code: 'io', message: 'io.diskFull' });
    expect(toErrorShape(err('EACCES')).error).toEqual({ code: 'io', message: 'io.permission' });
    expect(toErrorShape(new ApiError('conflict', 'assessment.frozen', { id: 'a' })).error).toMatchObject({ code: 'conflict' });
  });

  test('results are checked against the contract in development', async () => {
    const extra: Handlers = { 'evidence.stats': () => ({ files: 1, bytes: 2, storedBytes: 3, secret: 'x' }) as never };
    expect(await dispatch(extra, 'evidence.stats', {})).toEqual({ ok: true, value: { files: 1, bytes: 2, storedBytes: 3 } });
    const wrong: Handlers = { 'evidence.stats': () => ({ files: 'many' }) as never };
    expect(await dispatch(wrong, 'evidence.stats', {}, quiet)).toMatchObject({ ok: false, error: { code: 'internal', message: 'api.badResult' } });
  });
});

describe('dialog.choose', () => {
  let t: TestCore;
  beforeEach(() => {
    t = openTestCore();
  });
  afterEach(() => t.cleanup());

  test('the web mode has no native dialog and says so', async () => {
    const r = await dispatch(createAllHandlers(t.core), 'dialog.choose', { kind: 'folder' }, quiet);
    expect(r).toEqual({ ok: false, error: { code: 'invalid_args', message: 'dialog.desktopOnly' } });
  });

  test('the desktop shell answers with the path chosen, or null when cancelled', async () => {
    const asked: string[] = [];
    const answers = ['/media/usb/自评', null];
    const handlers = createAllHandlers(t.core, {
      choosePath: async (kind) => {
        asked.push(kind);
        return answers.shift() ?? null;
      },
    });
    expect(await dispatch(handlers, 'dialog.choose', { kind: 'folder' }, quiet)).toEqual({ ok: true, value: '/media/usb/自评' });
    expect(await dispatch(handlers, 'dialog.choose', { kind: 'package' }, quiet)).toEqual({ ok: true, value: null });
    expect(await dispatch(handlers, 'dialog.choose', { kind: 'anything' }, quiet)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(asked).toEqual(['folder', 'package']);
  });
});
