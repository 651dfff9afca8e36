// Parts of report.html for paper (issue 8 §3), kept apart from the report body:
// - local time with its zone instead of raw UTC;
// - a signature and school-stamp block (校长签字, 学校盖章, 日期) for the printed copy;
// - a print stylesheet (A4, no link colours, tables kept whole, the block on its own);
// - the verification instructions, which the report mentions, as a plain-text file
//   in the package (data/VERIFY.txt) in both languages.
import type { Locale } from '../domain/settings';
import type { ReportJson } from './schema';
import { escapeXml as e } from './xml';

export const VERIFY_TXT = 'data/VERIFY.txt';

const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');

/**
 * An ISO instant as the local time of the machine that made the report, with its
 * offset: "2026-12-03 09:58 (UTC+08:00)". The report is made once per version
 * and kept (re-exports reuse its bytes), so the zone is the school's.
 */
export function localTimeWithZone(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const off = -d.getTimezoneOffset();
  const zone = `UTC${off >= 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())} (${zone})`;
}

const WORDS: Record<Locale, { sign: string; stamp: string; date: string; title: string }> = {
  'zh-CN': { title: '确认', sign: '校长签字', stamp: '学校盖章', date: '日期' },
  en: { title: 'Confirmation', sign: 'Principal’s signature', stamp: 'School stamp', date: 'Date' },
};

export function signatureBlock(locale: Locale): string {
  const w = WORDS[locale];
  return `<section class="sign-block"><h2>${e(w.title)}</h2><table class="sign"><tbody>
<tr><th>${e(w.sign)}</th><td class="sign-line"></td><th>${e(w.date)}</th><td class="sign-line"></td></tr>
<tr><th>${e(w.stamp)}</th><td class="stamp-box" colspan="3"></td></tr>
</tbody></table></section>`;
}

export const PRINT_CSS = `
.sign-block { break-inside: avoid; margin-top: 8mm; }
table.sign th { width: 24mm; background: none; border: none; }
table.sign td { border: none; }
td.sign-line { border-bottom: 0.8px solid #333 !important; height: 12mm; }
td.stamp-box { height: 40mm; border: 0.8px dashed #999 !important; }
@media print {
  body { max-width: none; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  table, tr, ul.files { break-inside: avoid; }
  .no-print { display: none !important; }
}
`;

/** data/VERIFY.txt: how anyone checks this package with stock tools, in both languages. */
export function verifyInstructions(r: Pick<ReportJson, 'bagId' | 'school' | 'signer'>): string {
  const key = r.signer.publicKey;
  return [
    `核验说明（${r.school.name}，${r.school.code}）`,
    '',
    '本上报包是一个 BagIt 1.0 包，由学校的 Ed25519 密钥用 minisign 签名。无需本程序，用 unzip、sha512sum 和 minisign 即可核验：',
    '',
    `  unzip 上报包.zip -d out && cd out/${r.bagId}`,
    '  sha512sum -c tagmanifest-sha512.txt      # 标签文件完整',
    '  sha512sum -c manifest-sha512.txt         # 报告和每一份佐证材料完整',
    `  minisign -V -P ${key} -m tagmanifest-sha512.txt`,
    '',
    `学校公钥（密钥编号 ${r.signer.keyId}）应与学校交给教育局的登记表上的公钥一致。三条命令都成功，才说明内容未被改动且确由该校签名。`,
    '',
    '----',
    '',
    `How to verify this package (${r.school.name}, ${r.school.code})`,
    '',
    'This package is a BagIt 1.0 bag signed with minisign by the school’s Ed25519 key. No part of this app is needed; unzip, sha512sum and minisign are enough:',
    '',
    `  unzip package.zip -d out && cd out/${r.bagId}`,
    '  sha512sum -c tagmanifest-sha512.txt      # the tag files are intact',
    '  sha512sum -c manifest-sha512.txt         # the report and every evidence file are intact',
    `  minisign -V -P ${key} -m tagmanifest-sha512.txt`,
    '',
    `The school's public key (key id ${r.signer.keyId}) must match the one on the enrolment sheet the school gave the bureau. Only when all three commands succeed is the content unchanged and signed by that school.`,
    '',
  ].join('\n');
}
