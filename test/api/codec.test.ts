import { randomBytes } from 'node:crypto';
import { base64ToBytes, bytesToBase64, decodeJson, encodeJson } from '../../shared/api/codec';

describe('JSON codec with bytes', () => {
  test.each([0, 1, 2, 3, 4, 5, 4095, 4096, 4097, 24575, 24576, 24577, 1_000_003])('base64 of %i bytes matches Node and round-trips', (n) => {
    const bytes = new Uint8Array(randomBytes(n));
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
  });

  test('Uint8Array and Buffer become {$bytes} anywhere in a value, and come back as Uint8Array', () => {
    const value = { name: 'a.jpg', bytes: new Uint8Array([1, 2, 255]), nested: [{ b: Buffer.from('hi') }], n: 3, s: '$bytes' };
    const text = encodeJson(value);
    expect(JSON.parse(text)).toEqual({ name: 'a.jpg', bytes: { $bytes: 'AQL/' }, nested: [{ b: { $bytes: 'aGk=' } }], n: 3, s: '$bytes' });
    const back = decodeJson(text) as typeof value;
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.bytes)).toEqual([1, 2, 255]);
    expect(new TextDecoder().decode(back.nested[0]!.b)).toBe('hi');
  });

  test('objects that merely contain a $bytes key among others are left alone', () => {
    expect(decodeJson('{"x":{"$bytes":"AA==","other":1},"y":{"$bytes":5}}')).toEqual({ x: { $bytes: 'AA==', other: 1 }, y: { $bytes: 5 } });
  });

  test('invalid base64 is an error, not silent garbage', () => {
    expect(() => decodeJson('{"b":{"$bytes":"**notbase64**"}}')).toThrow();
  });
});
