// Real evidence files for the demo: photo-like JPEGs drawn as SVG and rendered by sharp,
// and PDFs written with pdfkit (with a CJK font when the system has one).
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { Rng } from './random';

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FACE = 'NotoSansCJKsc-Regular';

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const hsl = (h: number, s: number, l: number): string => `hsl(${h.toFixed(0)},${s}%,${l}%)`;

let grain: Promise<Buffer> | null = null;

/** A tile of camera-like noise, made once and laid over every photo. */
function sensorGrain(): Promise<Buffer> {
  grain ??= sharp({ create: { width: 256, height: 256, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } } })
    .png()
    .toBuffer();
  return grain;
}

/** A 1600×1200 "photo": sky, a school building with windows, a playground, people, a caption bar. */
export async function renderPhoto(caption: string, date: string, rng: Rng): Promise<Uint8Array> {
  const W = 1600;
  const H = 1200;
  const skyHue = rng.int(190, 220);
  const wallHue = rng.int(0, 40);
  const parts: string[] = [
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(skyHue, 70, 62)}"/><stop offset="1" stop-color="${hsl(skyHue, 50, 86)}"/></linearGradient>`,
    `<linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(rng.int(10, 25), 45, 48)}"/><stop offset="1" stop-color="${hsl(rng.int(10, 25), 40, 32)}"/></linearGradient></defs>`,
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>`,
  ];
  for (let i = 0; i < 5; i++) {
    const x = rng.int(0, W);
    const y = rng.int(40, 260);
    parts.push(`<ellipse cx="${x}" cy="${y}" rx="${rng.int(80, 180)}" ry="${rng.int(25, 50)}" fill="#fff" opacity="0.7"/>`);
  }
  // hills
  parts.push(`<path d="M0 560 Q 300 ${rng.int(380, 460)} 650 540 T 1600 ${rng.int(480, 540)} V 700 H 0 Z" fill="${hsl(110, 30, 38)}"/>`);
  // building
  const bx = rng.int(180, 420);
  const bw = rng.int(820, 1000);
  parts.push(`<rect x="${bx}" y="400" width="${bw}" height="330" fill="${hsl(wallHue, 35, 84)}" stroke="${hsl(wallHue, 20, 60)}" stroke-width="4"/>`);
  parts.push(`<rect x="${bx - 20}" y="385" width="${bw + 40}" height="22" fill="${hsl(wallHue, 30, 55)}"/>`);
  for (let floor = 0; floor < 3; floor++)
    for (let x = bx + 40; x < bx + bw - 60; x += 90)
      parts.push(`<rect x="${x}" y="${430 + floor * 100}" width="54" height="60" fill="${hsl(205, 40, rng.int(45, 70))}" stroke="#fff" stroke-width="3"/>`);
  parts.push(`<rect x="${bx + bw / 2 - 180}" y="${352}" width="360" height="34" fill="#b22" /><text x="${bx + bw / 2}" y="378" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" font-size="24" fill="#fd0">青山九年一贯制学校</text>`);
  // flag pole
  const fx = bx + bw + 120;
  parts.push(`<rect x="${fx}" y="300" width="8" height="440" fill="#ccc"/><rect x="${fx + 8}" y="305" width="120" height="80" fill="#de2910"/>`);
  // trees
  for (let i = 0; i < 6; i++) {
    const tx = rng.int(0, W);
    parts.push(`<rect x="${tx - 8}" y="650" width="16" height="90" fill="#6b4"/><circle cx="${tx}" cy="630" r="${rng.int(40, 70)}" fill="${hsl(rng.int(95, 130), 45, rng.int(28, 40))}"/>`);
  }
  // playground and people
  parts.push(`<rect x="0" y="730" width="${W}" height="${H - 730}" fill="url(#ground)"/>`);
  for (let i = 0; i < 6; i++) parts.push(`<rect x="0" y="${760 + i * 55}" width="${W}" height="3" fill="#fff" opacity="0.6"/>`);
  const people = rng.int(18, 45);
  for (let i = 0; i < people; i++) {
    const px = rng.int(40, W - 40);
    const py = rng.int(780, 1010);
    const scale = 0.6 + (py - 780) / 400;
    const shirt = rng.pick(['#1d4ed8', '#e11d48', '#f8fafc', '#16a34a', '#f59e0b']);
    parts.push(
      `<g transform="translate(${px} ${py}) scale(${scale.toFixed(2)})"><circle cx="0" cy="-70" r="14" fill="#2b1d14"/><rect x="-15" y="-55" width="30" height="45" rx="8" fill="${shirt}"/><rect x="-13" y="-10" width="10" height="36" fill="#1e293b"/><rect x="3" y="-10" width="10" height="36" fill="#1e293b"/></g>`,
    );
  }
  // caption bar, as a phone watermark app would add
  parts.push(`<rect x="0" y="${H - 120}" width="${W}" height="120" fill="#000" opacity="0.45"/>`);
  parts.push(`<text x="40" y="${H - 62}" font-family="Noto Sans CJK SC, sans-serif" font-size="44" fill="#fff">${escapeXml(caption)}</text>`);
  parts.push(`<text x="40" y="${H - 20}" font-family="Noto Sans CJK SC, sans-serif" font-size="28" fill="#ddd">${escapeXml(date)} · 吉首市青山九年一贯制学校</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`;
  const out = await sharp(Buffer.from(svg))
    .composite([{ input: await sensorGrain(), blend: 'soft-light', tile: true }])
    .jpeg({ quality: 82 })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export interface PdfContent {
  title: string;
  subtitle: string;
  paragraphs: string[];
  /** Rows of a simple table (first row is the header), optional. */
  table?: string[][];
}

const hasCjkFont = (): boolean => existsSync(CJK_FONT);

/** An A4 PDF with a title, paragraphs and an optional table. Without a CJK font, only ASCII is written. */
export function renderPdf(content: PdfContent): Promise<Uint8Array> {
  const cjk = hasCjkFont();
  const text = (s: string): string => (cjk ? s : s.replace(/[^\x20-\x7e]+/g, ' ').replace(/\s+/g, ' ').trim() || '-');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: text(content.title), Author: 'SelfCheck demo', CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      const b = Buffer.concat(chunks);
      resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    });
    doc.on('error', reject);
    if (cjk) doc.registerFont('body', CJK_FONT, CJK_FACE);
    doc.font(cjk ? 'body' : 'Helvetica');
    doc.fontSize(20).text(text(content.title), { align: 'center' });
    doc.moveDown(0.4).fontSize(11).fillColor('#555').text(text(content.subtitle), { align: 'center' }).fillColor('#000');
    doc.moveDown(1.2).fontSize(12);
    for (const p of content.paragraphs) doc.text(text(p), { indent: 24, lineGap: 4 }).moveDown(0.6);
    if (content.table) {
      doc.moveDown(0.5);
      const cols = content.table[0]!.length;
      const width = (doc.page.width - 112) / cols;
      for (const [r, row] of content.table.entries()) {
        const y = doc.y;
        row.forEach((cell, c) => doc.fontSize(r === 0 ? 11 : 10).text(text(cell), 56 + c * width, y, { width: width - 6 }));
        doc.moveTo(56, doc.y + 3).lineTo(doc.page.width - 56, doc.y + 3).strokeColor('#999').stroke();
        doc.moveDown(0.5);
        doc.x = 56;
      }
    }
    doc.end();
  });
}
