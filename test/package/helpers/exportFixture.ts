// A data folder with a real back end, ready to export: the fixture checklist
// with one item made confidential, a profile, answers (one of them hostile
// HTML), evidence with a Chinese name, a confidential file and an event.
import { randomBytes } from 'node:crypto';
import { Template } from '../../../shared/template/schema';
import type { Core } from '../../../electron/services/core';
import { createKeyVault, type KeyVault } from '../../../electron/keys/keyVault';
import { createFixtureAssessment, fixtureProfile, openTestCore, type TestCore } from '../../fixtures/core';
import { jpeg, pdf } from '../../fixtures/files';
import { fixtureTemplateInput } from '../../fixtures/template';

export const confidentialTemplate: Template = Template.parse({
  ...fixtureTemplateInput,
  areas: fixtureTemplateInput.areas.map((a) => ({
    ...a,
    items: a.items.map((i) => (i.code === 'SAF-03' ? { ...i, confidential: true } : i)),
  })),
});

export const HOSTILE_TEXT = '<script>alert("x")</script> & <b>bold</b>';

export interface ExportFixture {
  tc: TestCore;
  core: Core;
  vault: KeyVault;
  assessmentId: string;
}

export async function makeExportFixture(opts: { bigFileBytes?: number } = {}): Promise<ExportFixture> {
  const tc = openTestCore({ seedTemplate: confidentialTemplate });
  const core = tc.core;
  core.profile.save(fixtureProfile);
  const id = createFixtureAssessment(core);
  core.answers.save({ assessmentId: id, itemCode: 'SAF-01', value: { type: 'yes_no', value: true }, note: '已制定' });
  core.answers.save({ assessmentId: id, itemCode: 'SAF-03', value: { type: 'number', value: 1 }, note: 'SECRET-NOTE' });
  core.answers.save({ assessmentId: id, itemCode: 'EDU-04', value: { type: 'text', value: HOSTILE_TEXT }, note: '' });
  core.answers.save({ assessmentId: id, itemCode: 'EDU-02', value: { type: 'single_choice', value: 'full' }, note: '' });
  await core.evidence.import({
    name: '消防 预案 (1).jpg',
    bytes: await jpeg(640, 480),
    caption: '预案照片',
    link: { assessmentId: id, itemCode: 'SAF-01' },
  });
  await core.evidence.import({ name: 'guards.pdf', bytes: pdf('secret'), caption: 'SECRET-CAPTION', link: { assessmentId: id, itemCode: 'SAF-03' } });
  const drill = core.events.save({ kind: 'fire_drill', date: '2024-10-15', title: '秋季消防演练', participants: 480, note: '' });
  await core.evidence.import({ name: 'drill.jpg', bytes: await jpeg(800, 600, { color: '#a33' }), eventId: drill.id });
  if (opts.bigFileBytes)
    await core.evidence.import({
      name: 'big.pdf',
      bytes: Buffer.concat([Buffer.from(pdf('big')), randomBytes(opts.bigFileBytes)]),
      link: { assessmentId: id, itemCode: 'EDU-04' },
    });
  return { tc, core, vault: createKeyVault(tc.dir), assessmentId: id };
}
