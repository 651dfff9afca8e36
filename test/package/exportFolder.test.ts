// Folder errors at export start say what is wrong, through the package methods as both
// transports call them; nothing is frozen when the folder is refused.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAllHandlers, dispatch } from '../../electron/api';
import { tempDir } from '../fixtures/core';
import { makeExportFixture, type ExportFixture } from './helpers/exportFixture';

let fx: ExportFixture;
let out: string;
beforeEach(async () => {
  fx = await makeExportFixture();
  out = tempDir('folder-out-');
});
afterEach(() => {
  fx.tc.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const refusal = async (dir: string) => {
  const r = await dispatch(createAllHandlers(fx.core), 'export.start', { dir }, { checkResults: true });
  if (r.ok) throw new Error('export.start should have refused');
  return r.error;
};

test('a folder that does not exist, a file, a folder that cannot be written, a stick that is gone', async () => {
  expect(await refusal(join(out, 'nope'))).toMatchObject({ message: 'package.exportFolderMissing', params: { file: join(out, 'nope') } });
  const file = join(out, 'file.txt');
  writeFileSync(file, 'x');
  expect(await refusal(file)).toMatchObject({ message: 'package.exportFolderMissing', detail: 'not a folder' });
  // /sys refuses new files even to root (tests here may run as root, so chmod would not do).
  expect(await refusal('/sys')).toMatchObject({ message: 'package.exportFolderNotWritable' });
  expect(await refusal('/media/nobody/SELFCHECK-STICK/exports')).toMatchObject({ message: 'package.exportDeviceGone' });
  // Nothing was frozen by the refusals, and no probe file was left behind.
  expect(fx.core.assessments.get(fx.assessmentId).frozenAt).toBeNull();
  expect(readdirSync(out)).toEqual(['file.txt']);
});
