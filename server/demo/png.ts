// A small solid-colour PNG with a darker band, made without an image library,
// so the demo county's evidence photos open as images in the browser.
import { deflateSync } from 'node:zlib';
import crc32 from 'buffer-crc32';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([len, body, crc32(body)]);
}

/** width × height RGB; `rgb` is the fill, the middle third is a band half as bright. */
export function demoPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    const band = y > height / 3 && y < (2 * height) / 3;
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 3;
      raw[o] = band ? rgb[0] >> 1 : rgb[0];
      raw[o + 1] = band ? rgb[1] >> 1 : rgb[1];
      raw[o + 2] = band ? rgb[2] >> 1 : rgb[2];
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
