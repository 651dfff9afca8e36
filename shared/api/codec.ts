// JSON that can carry bytes: a Uint8Array travels as {"$bytes": "<base64>"}.
// Pure TypeScript (no Buffer), so the page and Node use the same code.
// btoa/atob are globals in browsers and Node 20; they are fed in chunks because
// String.fromCharCode(...bytes) cannot take millions of arguments at once.

const BYTES_KEY = '$bytes';
const CHUNK = 3 * 8192; // a multiple of 3, so chunk encodings concatenate into one valid base64 text

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    let binary = '';
    // Apply in sub-slices: engines cap the number of call arguments.
    for (let j = 0; j < chunk.length; j += 4096)
      binary += String.fromCharCode.apply(null, chunk.subarray(j, j + 4096) as unknown as number[]);
    parts.push(btoa(binary));
  }
  return parts.join('');
}

const DECODE_CHUNK = 4 * 16384; // base64 characters per atob call (whole quads)

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += DECODE_CHUNK) {
    const binary = atob(clean.slice(i, i + DECODE_CHUNK));
    for (let j = 0; j < binary.length; j++) out[o++] = binary.charCodeAt(j);
  }
  return out;
}

/** JSON.stringify that turns every Uint8Array (a Buffer too) into {"$bytes": base64}. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before toJSON ran (Buffer.toJSON would give {type, data}).
    const raw = this[key];
    if (raw instanceof Uint8Array) return { [BYTES_KEY]: bytesToBase64(raw) };
    return v;
  });
}

/** JSON.parse that turns {"$bytes": base64} back into a Uint8Array. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const b = (v as Record<string, unknown>)[BYTES_KEY];
      if (keys.length === 1 && typeof b === 'string') return base64ToBytes(b);
    }
    return v;
  });
}
