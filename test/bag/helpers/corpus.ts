// The hostile corpus: a genuine signed package made by the app's own writer,
// and variants of it made with zipForge.ts. Most are attacks or damage that
// verify must refuse (with the code it must name); a few are harmless
// re-encodings that every tool must accept, so that the property "app OK =>
// stock tools OK" is tested on more than one file.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { SchoolKey } from '../../../bag/keyTypes';
import { parseSignature, signMessage } from '../../../bag/minisign';
import { makeSamplePackage, readZipEntries } from '../../package/helpers/samplePackage';
import { forgeZip, type ForgeEntry, type ForgeOptions } from './zipForge';

export interface Case {
  id: string;
  file: string;
  /** The PackageError code verify must name, or 'ok'. */
  expect: string;
}

export interface Corpus {
  dir: string;
  key: SchoolKey;
  bag: string;
  genuine: string;
  cases: Case[];
}

const FORGED_HTML = Buffer.from('<!doctype html><h1>FORGED: not what the school signed</h1>');
const hex = (alg: string, b: Buffer): string => createHash(alg).update(b).digest('hex');

export async function buildCorpus(dir: string): Promise<Corpus> {
  const { zipPath: genuine, key } = await makeSamplePackage(dir);
  const good: ForgeEntry[] = (await readZipEntries(genuine)).map((e) => ({ name: e.name, data: e.data }));
  const bag = good[0]?.name.split('/')[0] ?? '';
  const at = (suffix: string): number => good.findIndex((e) => e.name === `${bag}/${suffix}`);
  const html = at('data/report.html');
  const evidence = good.findIndex((e) => e.name.includes('/data/evidence/') && e.name.endsWith('.txt'));
  const cases: Case[] = [];
  const add = (id: string, expect: string, entries: ForgeEntry[], opts: ForgeOptions = {}): void => {
    const file = join(dir, `${id}.zip`);
    writeFileSync(file, forgeZip(entries, opts));
    cases.push({ id, file, expect });
  };
  const change = (i: number, patch: Partial<ForgeEntry>): ForgeEntry[] => good.map((e, j) => (j === i ? { ...e, ...patch } : e));
  const plus = (...extra: ForgeEntry[]): ForgeEntry[] => [...good, ...extra];
  const file = (name: string, data = Buffer.from('x')): ForgeEntry => ({ name: `${bag}/${name}`, data });

  cases.push({ id: 'genuine', file: genuine, expect: 'ok' });
  // Harmless re-encodings: stored, deflated, with descriptors, with a ZIP64 end record.
  add('ok-stored', 'ok', good);
  add('ok-deflated-descriptors', 'ok', good.map((e) => ({ ...e, method: 8, descriptor: true })));
  add('ok-zip64-end', 'ok', good, { zip64: true });
  add('ok-zip64-entries', 'ok', good.map((e) => ({ ...e, descriptor: true, zip64: true })), { zip64: true });
  add('zip64-descriptor-disagrees', 'zipHeaderMismatch', change(html, { descriptor: true, zip64: true, descriptorFields: { uncompressedSize: 1 } }));

  // The two attacks of issue 7: a forged report.html that unzip -o and Python's zipfile extract.
  add('attack-entry-beyond-count', 'zipEntryCount', plus({ name: `${bag}/data/report.html`, data: FORGED_HTML }), { count: good.length });
  const filler = Array.from({ length: 65535 }, (_, i) => file(`data/f/${i}`, Buffer.alloc(0)));
  add('attack-wrapped-count', 'zipEntryCount', [...good, ...filler, { name: `${bag}/data/report.html`, data: FORGED_HTML }]);
  add('zip64-count-differs', 'zipEntryCount', good, { zip64: true, zip64Count: good.length - 1 });

  // Bytes that belong to no record.
  add('prepended-stub', 'zipGap', good, { prefix: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]) });
  add('data-after-end', 'zipGap', good, { trailing: Buffer.from('smuggled bytes') });
  add('zip-comment', 'zipComment', good, { comment: Buffer.from('hello') });
  add('gap-between-entries', 'zipGap', change(0, { after: Buffer.alloc(64, 0x41) }));
  add('hidden-local-entry', 'zipUnlisted', [...good.slice(0, html), { name: `${bag}/data/report.html`, data: FORGED_HTML, hidden: true }, ...good.slice(html)]);
  add('directory-entry-without-local-header', 'zipHeaderMismatch', plus({ ...file('data/evidence/ghost.txt'), centralOnly: true }));
  add('overlapping-entries', 'zipOverlap', plus({ ...file('data/evidence/again.txt'), centralOnly: true, central: { offset: 0 } }));
  add('deflate-stream-ends-early', 'zipGap', change(html, { method: 8, padData: Buffer.from('hidden after the deflate stream') }));

  // Local header, directory and descriptor disagree.
  add('local-name-differs', 'zipHeaderMismatch', change(html, { local: { name: Buffer.from(`${bag}/data/report.htm_`) } }));
  add('local-size-differs', 'zipHeaderMismatch', change(html, { local: { uncompressedSize: (good[html] as ForgeEntry).data.length + 1 } }));
  add('local-crc-differs', 'zipHeaderMismatch', change(html, { local: { crc: 0x12345678 } }));
  add('local-method-differs', 'zipHeaderMismatch', change(html, { local: { method: 8 } }));
  add('local-flags-differ', 'zipHeaderMismatch', change(html, { local: { flags: 0 } }));
  add('descriptor-disagrees', 'zipHeaderMismatch', change(html, { descriptor: true, descriptorFields: { crc: 1 } }));
  add('descriptor-without-signature', 'zipHeaderMismatch', change(html, { descriptor: true, descriptorFields: { signature: false } }));
  const badCrc = (crc32((good[evidence] as ForgeEntry).data) ^ 1) >>> 0;
  add('crc-wrong-in-both-headers', 'zipCrc', change(evidence, { local: { crc: badCrc }, central: { crc: badCrc } }));

  // Features a package never uses.
  add('encrypted-entry', 'zipEncrypted', change(html, { local: { flags: 0x0801 }, central: { flags: 0x0801 } }));
  add('bzip2-entry', 'zipCompression', change(html, { local: { method: 12 }, central: { method: 12 } }));
  const unicodePath = extra(0x7075, Buffer.concat([Buffer.from([1, 0, 0, 0, 0]), Buffer.from(`${bag}/data/evil.html`)]));
  add('unicode-path-extra-field', 'zipExtraField', change(html, { local: { extra: unicodePath }, central: { extra: unicodePath } }));
  const bigTime = extra(0x5455, Buffer.alloc(40, 1));
  add('oversized-timestamp-extra', 'zipExtraField', change(html, { local: { extra: bigTime }, central: { extra: bigTime } }));
  add('file-comment', 'zipComment', change(html, { central: { comment: Buffer.from('note') } }));
  const latin = Buffer.from(`${bag}/data/evidence/caf\xe9.txt`, 'latin1');
  add('non-ascii-name-without-utf8-flag', 'zipBadName', plus({ ...file('x'), local: { name: latin, flags: 0 }, central: { name: latin, flags: 0 } }));

  // Names Windows cannot hold, or holds as one.
  for (const [id, name] of [
    ['trailing-dot', 'data/evidence/minutes.txt.'],
    ['trailing-space', 'data/evidence/minutes.txt '],
    ['device-con', 'data/evidence/CON.txt'],
    ['device-nul-lower', 'data/nul'],
    ['device-com1-ext', 'data/evidence/Com1.tar.gz'],
    ['device-lpt9', 'data/LPT9'],
    ['device-com-superscript', 'data/COM¹.txt'],
    ['device-aux-folder', 'data/aux/x.txt'],
  ] as const)
    add(`name-${id}`, 'zipWindowsName', plus(file(name)));
  for (const [id, a, b] of [
    ['ascii-case', 'data/evidence/Photo.jpg', 'data/evidence/PHOTO.jpg'],
    ['sharp-s', 'data/evidence/straße.txt', 'data/evidence/STRASSE.txt'],
    ['greek-sigma', 'data/evidence/οδος.txt', 'data/evidence/ΟΔΟΣ.txt'],
    ['dz-digraph', 'data/evidence/ǅ.txt', 'data/evidence/ǆ.txt'],
    ['nfc-nfd', 'data/evidence/caf\u00e9.txt', 'data/evidence/cafe\u0301.txt'],
    ['folder-case', 'data/Evidence/x.txt', 'data/evidence/x.txt'],
  ] as const)
    add(`twin-${id}`, 'zipDuplicate', plus(file(a), file(b)));
  add('name-percent', 'zipBadName', plus(file('data/evidence/100%.txt')));

  // BagIt: unsigned additions are refused by name.
  add('bag-fetch-txt', 'bagFetch', plus(file('fetch.txt', Buffer.from('http://example.com/x 1 data/x\n'))));
  add('bag-unknown-algorithm', 'bagManifestAlgorithm', plus(file('manifest-blake3.txt', Buffer.from(''))));
  const tagmd5 = good.filter((e) => isCovered(e.name, bag)).map((e) => `${hex('md5', e.data)}  ${e.name.slice(bag.length + 1)}\n`);
  add('bag-tagmanifest-md5-wrong', 'bagHashMismatch', plus(file('tagmanifest-md5.txt', Buffer.from(tagmd5.map((l, i) => (i === 0 ? `${'0'.repeat(32)}${l.slice(32)}` : l)).join('')))));
  add('ok-tagmanifest-md5', 'ok', plus(file('tagmanifest-md5.txt', Buffer.from(tagmd5.join('')))));

  // Read before the signature is checked, so capped small (limits.ts maxUnsignedBytes, 1 MiB).
  const tm = at('tagmanifest-sha512.txt');
  const bloated = Buffer.concat([(good[tm] as ForgeEntry).data, Buffer.from(randomBytes(600 * 1024).toString('hex'))]);
  add('tagmanifest-too-large-before-signature', 'bagTagFileTooLarge', change(tm, { data: bloated }));

  // BagIt: signed bags (re-signed with the school's key, as a faulty writer would) whose manifests break the rules.
  const resign = (id: string, expect: string, edit: (tags: Map<string, Buffer>, payload: ForgeEntry[]) => void): void =>
    add(id, expect, resigned(good, bag, key, edit));
  const payloadLines = (alg: string, payload: ForgeEntry[]): string =>
    payload.map((e) => `${hex(alg, e.data)}  ${e.name.slice(bag.length + 1)}\n`).join('');
  resign('ok-resigned-sha256-md5', 'ok', (tags, payload) => {
    tags.set('manifest-sha256.txt', Buffer.from(payloadLines('sha256', payload)));
    tags.set('manifest-md5.txt', Buffer.from(payloadLines('md5', payload)));
  });
  resign('bag-manifest-md5-wrong', 'bagHashMismatch', (tags, payload) =>
    tags.set('manifest-md5.txt', Buffer.from(payloadLines('md5', payload).replace(/^[0-9a-f]{32}/, '0'.repeat(32)))),
  );
  resign('bag-manifest-sha1-incomplete', 'bagUnlistedPayload', (tags, payload) =>
    tags.set('manifest-sha1.txt', Buffer.from(payloadLines('sha1', payload.slice(1)))),
  );
  const rewrite = (f: (text: string) => string) => (tags: Map<string, Buffer>) =>
    tags.set('manifest-sha512.txt', Buffer.from(f((tags.get('manifest-sha512.txt') as Buffer).toString('utf8'))));
  resign('manifest-uppercase-hex', 'bagManifestSyntax', rewrite((t) => t.replace(/^[0-9a-f]{128}/, (h) => h.toUpperCase())));
  resign('manifest-tab-separator', 'bagManifestSyntax', rewrite((t) => t.replace(/^([0-9a-f]{128}) {2}/, '$1\t')));
  resign('manifest-one-space', 'bagManifestSyntax', rewrite((t) => t.replace(/^([0-9a-f]{128}) {2}/, '$1 ')));
  resign('manifest-crlf', 'bagManifestSyntax', rewrite((t) => t.replace(/\n/g, '\r\n')));
  resign('manifest-bsd-tagged', 'bagManifestSyntax', rewrite((t) => t.replace(/^([0-9a-f]{128}) {2}(.*)$/m, 'SHA512 ($2) = $1')));
  resign('manifest-percent-other', 'bagManifestSyntax', rewrite((t) => t.replace(/data\/report\.html/, 'data/report%2Ehtml')));
  resign('ok-manifest-binary-marker', 'ok', rewrite((t) => t.replace(/^([0-9a-f]{128}) {2}/gm, '$1 *')));
  return { dir, key, bag, genuine, cases };
}

function extra(id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

/** Tag files the SHA-512 tag manifest covers: everything outside data/ but the tag manifests and the signature. */
function isCovered(name: string, bag: string): boolean {
  const p = name.slice(bag.length + 1);
  return !p.startsWith('data/') && !/^tagmanifest-/.test(p);
}

/** The bag with its tag files edited, a new tag manifest and a new signature (same trusted comment). */
function resigned(good: ForgeEntry[], bag: string, key: SchoolKey, edit: (tags: Map<string, Buffer>, payload: ForgeEntry[]) => void): ForgeEntry[] {
  const payload = good.filter((e) => e.name.startsWith(`${bag}/data/`));
  const tags = new Map(good.filter((e) => isCovered(e.name, bag)).map((e) => [e.name.slice(bag.length + 1), e.data]));
  edit(tags, payload);
  const tagManifest = Buffer.from([...tags].map(([p, b]) => `${hex('sha512', b)}  ${p}\n`).join(''));
  const oldSig = good.find((e) => e.name.endsWith('.minisig'))?.data.toString('utf8') ?? '';
  const signature = signMessage(tagManifest, key.secret, { trustedComment: parseSignature(oldSig).trustedComment });
  return [
    ...payload,
    ...[...tags].map(([p, data]) => ({ name: `${bag}/${p}`, data })),
    { name: `${bag}/tagmanifest-sha512.txt`, data: tagManifest },
    { name: `${bag}/tagmanifest-sha512.txt.minisig`, data: Buffer.from(signature) },
  ];
}

export const readCase = (c: Case): Buffer => readFileSync(c.file);
