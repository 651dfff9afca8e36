// The process the crash test kills: it streams autosaves and evidence imports into a
// data folder and prints each one only after it has committed. Bundled by crash.test.ts.
import { randomBytes } from 'node:crypto';
import { createCore } from '../../electron/services/core';
import { fixtureTemplate } from '../fixtures/template';

async function run(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, mode: 'cli', seedTemplate: fixtureTemplate });
  const existing = core.assessments.list()[0];
  const assessmentId =
    existing?.id ??
    core.assessments.create({
      templateId: fixtureTemplate.id,
      templateVersion: fixtureTemplate.version,
      periodKind: 'school_year',
      label: 'crash',
      startDate: '2024-09-01',
      endDate: '2025-08-31',
    }).id;
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  say(`READY ${assessmentId}`);
  for (let i = 0; ; i++) {
    const pick = i % 3;
    const itemCode = pick === 0 ? 'SAF-03' : pick === 1 ? 'EDU-04' : 'EDU-01';
    const value =
      pick === 0
        ? ({ type: 'number', value: i } as const)
        : pick === 1
          ? ({ type: 'text', value: `plan text number ${i} ${'x'.repeat(i % 50)}` } as const)
          : ({ type: 'percentage', value: i % 101 } as const);
    const saved = core.answers.save({ assessmentId, itemCode, value, note: `n${i}` });
    say(`ANSWER ${assessmentId} ${itemCode} ${saved.revision} ${JSON.stringify(saved.value)}`);
    if (i % 4 === 0) {
      // A PDF-typed file of random size: big enough that a kill can land mid-write.
      const body = randomBytes(1024 * (4 + (i % 300)));
      const bytes = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), body]));
      const f = await core.evidence.import({ name: `f${i}.pdf`, bytes, link: { assessmentId, itemCode: 'SAF-01' } });
      say(`EVIDENCE ${f.id} ${f.sha256}`);
    }
  }
}

run(process.argv[2]!).catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
