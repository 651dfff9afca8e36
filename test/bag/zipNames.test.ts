// Names against what Windows and case-insensitive, normalising file systems
// do (Microsoft's "Naming Files, Paths, and Namespaces"; Unicode
// CaseFolding.txt, status C+F), not against the implementation.
import { NameRegistry, foldKey, nameProblem } from '../../bag/zipNames';

test.each([
  'b/CON', 'b/con.txt', 'b/Prn.tar.gz', 'b/aux', 'b/NUL.', 'b/nul .txt', 'b/COM1', 'b/com9.log', 'b/LPT1', 'b/lpt9.x',
  'b/COM¹', 'b/LPT³.txt', 'b/CONIN$', 'b/aux/x.txt', 'b/x.', 'b/x ', 'b/dir./x', 'b/dir /x',
])('%s is refused as a Windows name', (name) => {
  expect(nameProblem(name, 1024)).toMatchObject({ code: 'zipWindowsName' });
});

test.each(['b/CONSOLE.txt', 'b/com10', 'b/COM0x', 'b/LPT', 'b/x.txt', 'b/.hidden-ok', 'b/年度报告.pdf', 'b/nulls.txt'])('%s is an ordinary name', (name) => {
  expect(nameProblem(name, 1024)).toBeNull();
});

test('"%" is refused: sha512sum reads a percent-encoded manifest path literally', () => {
  expect(nameProblem('b/data/100%.txt', 1024)).toMatchObject({ code: 'zipBadName' });
});

test.each([
  ['straße', 'STRASSE'],
  ['ΟΔΟΣ', 'οδος'],
  ['ΟΔΟΣ', 'οδοσ'],
  ['ǅ', 'ǆ'],
  ['Ǆ', 'ǅ'],
  ['ﬀ', 'FF'],
  ['K', '\u212a'], // Kelvin sign
  ['café', 'cafe\u0301'],
  ['ÅNGSTRÖM', 'a\u030angstro\u0308m'],
])('%s and %s are one name on a case-insensitive, normalising disk', (a, b) => {
  expect(foldKey(a)).toBe(foldKey(b));
  const names = new NameRegistry();
  expect(names.add(`bag/data/${a}.txt`)).toBeNull();
  expect(names.add(`bag/data/${b}.txt`)).toMatchObject({ code: 'zipDuplicate' });
});

test('different names stay apart; folders and files may not share a name', () => {
  expect(foldKey('a')).not.toBe(foldKey('b'));
  const names = new NameRegistry();
  expect(names.add('bag/')).toBeNull();
  expect(names.add('bag/data/a.txt')).toBeNull();
  expect(names.add('bag/data/')).toBeNull(); // an explicit folder entry after its files is fine
  expect(names.add('bag/data/b.txt')).toBeNull();
  expect(names.add('bag/DATA/c.txt')).toMatchObject({ code: 'zipDuplicate' });
  expect(names.add('bag/data/a.txt/x')).toMatchObject({ code: 'zipDuplicate' });
  expect(names.add('bag/data')).toMatchObject({ code: 'zipDuplicate' });
});
