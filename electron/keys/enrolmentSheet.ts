// The printable enrolment sheet: the school's public key on paper, with a QR
// code of the "RW..." line, a fingerprint to compare by eye, and lines for the
// principal's and the bureau's signatures. The bureau registers the key from
// it; from then on it can check every package the school sends.
// One self-contained HTML page: inline CSS and SVG, no scripts (the one
// <script type="application/json"> is data, the bureau server's enrolment
// block, which the page's CSP and browsers never run).
import QRCode from 'qrcode';
import { keyFingerprint as fingerprintOf, renderEnrolmentBlock } from '../../bag/enrolment';
import type { Locale } from '../../shared/domain/settings';
import { escapeXml as e } from '../../shared/report/xml';
import { interpolate } from '../../shared/report/messages';

export interface EnrolmentInput {
  schoolName: string;
  schoolCode: string;
  keyId: string;
  publicKeyLine: string;
  /** 'YYYY-MM-DD' */
  date: string;
  locale: Locale;
}

const TEXT = {
  'zh-CN': {
    title: '学校报告签名密钥登记表',
    intro: '本校使用以下公钥对上报的自评报告包进行签名。请教育局将其登记为本校的签名密钥，用于核验本校今后提交的报告包。',
    school: '学校名称',
    code: '学校标识码',
    keyId: '密钥编号',
    publicKey: '公钥（minisign 格式）',
    fingerprint: '公钥指纹（SHA-256）',
    date: '登记日期',
    qr: '扫码可读取上面的公钥',
    check: '核验命令：minisign -V -P {{key}} -m tagmanifest-sha512.txt',
    principal: '校长签字（学校盖章）',
    bureau: '教育局经办人签字（盖章）',
    signedOn: '日期',
    lost: '密钥遗失或更换时，须重新登记；旧密钥签名的报告仍可用旧公钥核验。',
  },
  en: {
    title: 'School report signing key: enrolment sheet',
    intro: 'This school signs its self-assessment report packages with the public key below. Please register it as the school\'s signing key to check the packages the school sends from now on.',
    school: 'School',
    code: 'School code',
    keyId: 'Key id',
    publicKey: 'Public key (minisign format)',
    fingerprint: 'Fingerprint (SHA-256)',
    date: 'Date',
    qr: 'Scan to read the public key above',
    check: 'To check a package: minisign -V -P {{key}} -m tagmanifest-sha512.txt',
    principal: 'Principal (signature, school stamp)',
    bureau: 'Education bureau officer (signature, stamp)',
    signedOn: 'Date',
    lost: 'A lost or replaced key must be enrolled again; packages signed with an old key still verify with the old public key.',
  },
};

/** SHA-256 of the key bytes, in groups of four hex digits, for comparing by eye or over the phone. */
export const keyFingerprint = fingerprintOf;

export async function renderEnrolmentSheet(input: EnrolmentInput): Promise<string> {
  const t = TEXT[input.locale];
  const qr = await QRCode.toString(input.publicKeyLine, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const row = (label: string, value: string, cls = ''): string => `<tr><th>${e(label)}</th><td class="${cls}">${e(value)}</td></tr>`;
  return `<!doctype html>
<html lang="${e(input.locale)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(t.title)} · ${e(input.schoolName)}</title>
${renderEnrolmentBlock({ format: 'selfcheck-enrolment', version: 1, schoolCode: input.schoolCode, schoolName: input.schoolName, publicKey: input.publicKeyLine, keyId: input.keyId, created: input.date })}
<style>
@page { size: A4; margin: 18mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; color: #111; max-width: 175mm; margin: 0 auto; line-height: 1.5; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 6mm; }
table.fields { width: 100%; border-collapse: collapse; margin: 4mm 0; }
table.fields th, table.fields td { border: 0.6px solid #555; padding: 2.5mm 3mm; text-align: left; vertical-align: top; }
table.fields th { width: 42mm; background: #f2f2f2; font-weight: 600; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; word-break: break-all; }
.big { font-size: 14pt; letter-spacing: 0.05em; }
.qr { text-align: center; margin: 4mm 0; }
.qr svg { width: 45mm; height: 45mm; }
.qr p { margin: 1mm 0 0; font-size: 9pt; color: #444; }
.small { font-size: 9pt; color: #444; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 12mm; margin-top: 14mm; }
.sig { border-top: 0.8px solid #111; padding-top: 2mm; min-height: 28mm; }
.sig .date { margin-top: 14mm; border-top: 0.5px dashed #777; padding-top: 1mm; width: 50mm; }
</style></head><body>
<h1>${e(t.title)}</h1>
<p>${e(t.intro)}</p>
<table class="fields">
${row(t.school, input.schoolName)}
${row(t.code, input.schoolCode, 'mono')}
${row(t.keyId, input.keyId, 'mono big')}
${row(t.publicKey, input.publicKeyLine, 'mono')}
${row(t.fingerprint, keyFingerprint(input.publicKeyLine), 'mono')}
${row(t.date, input.date)}
</table>
<div class="qr">${qr}<p>${e(t.qr)}</p></div>
<p class="small mono">${e(interpolate(t.check, { key: input.publicKeyLine }))}</p>
<p class="small">${e(t.lost)}</p>
<div class="signatures">
<div class="sig">${e(t.principal)}<div class="date">${e(t.signedOn)}</div></div>
<div class="sig">${e(t.bureau)}<div class="date">${e(t.signedOn)}</div></div>
</div>
</body></html>
`;
}
