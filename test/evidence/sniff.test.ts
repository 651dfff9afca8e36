import { ApiError } from '../../shared/api/define';
import { sniffType } from '../../electron/evidence/sniff';
import { docx, exe, jpeg, legacyDoc, pdf, png, zip } from '../fixtures/files';

const refusal = async (bytes: Uint8Array, name: string): Promise<string> => {
  try {
    await sniffType(bytes, name);
  } catch (e) {
    if (e instanceof ApiError) return `${e.message}:${e.params?.name}`;
    throw e;
  }
  return 'accepted';
};

describe('type sniffing by content', () => {
  test('accepted types are recognised from their bytes, whatever the name says', async () => {
    expect((await sniffType(await jpeg(10, 10), 'photo.png')).mime).toBe('image/jpeg');
    expect((await sniffType(await png(10, 10), 'scan.jpg')).mime).toBe('image/png');
    expect(await sniffType(pdf(), 'plan')).toEqual({ mime: 'application/pdf', category: 'pdf', decodable: false });
    expect((await sniffType(await docx(), 'plan.docx')).mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await sniffType(await zip({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>' }), 'a.xlsx')).mime).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await sniffType(legacyDoc(), 'old.doc')).mime).toBe('application/msword');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(32)]);
    expect(await sniffType(new Uint8Array(heic), 'IMG_0001.HEIC')).toEqual({ mime: 'image/heic', category: 'image', decodable: false });
  });

  test('an executable renamed .jpg is refused as an executable', async () => {
    expect(await refusal(exe(), 'photo.jpg')).toBe('evidence.executable:photo.jpg');
    expect(await refusal(new TextEncoder().encode('#!/bin/sh\nrm -rf /\n'), 'notes.pdf')).toBe('evidence.executable:notes.pdf');
  });

  test('an executable name is refused even with image bytes', async () => {
    expect(await refusal(await png(4, 4), 'setup.exe')).toBe('evidence.executable:setup.exe');
    expect(await refusal(await png(4, 4), 'run.BAT')).toBe('evidence.executable:run.BAT');
  });

  test('unknown content is refused', async () => {
    expect(await refusal(new TextEncoder().encode('just some text'), 'notes.txt')).toBe('evidence.unknownType:notes.txt');
    expect(await refusal(await zip({ 'a.txt': 'hello' }), 'bundle.zip')).toBe('evidence.unknownType:bundle.zip');
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.docx')).toBe('evidence.unknownType:broken.docx');
  });
});
