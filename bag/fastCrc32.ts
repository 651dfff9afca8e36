// yazl computes each entry's CRC-32 with the pure-JS buffer-crc32 (about
// 200 MB/s here), which made it the slowest step of an export. Node's zlib.crc32
// (Node >= 20.15, and every Electron we ship) gives the same numbers about six
// times faster, so the function yazl calls is pointed at it. Same results:
// `unzip -t` checks every CRC of our packages in test/package/verify.test.ts.
import crc32 from 'buffer-crc32';
import * as zlib from 'node:zlib';

type Unsigned = typeof crc32.unsigned;

const fast = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
if (typeof fast === 'function' && !(crc32.unsigned as Unsigned & { native?: boolean }).native) {
  const original: Unsigned = crc32.unsigned;
  const patched = ((input: string | Buffer, previous?: Buffer | number): number =>
    typeof input !== 'string' && (previous === undefined || typeof previous === 'number')
      ? fast(input, previous ?? 0)
      : original(input, previous)) as Unsigned & { native?: boolean };
  patched.native = true;
  crc32.unsigned = patched;
}
