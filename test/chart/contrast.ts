// WCAG 2.x relative luminance and contrast ratio (Understanding SC 1.4.3, "relative luminance"),
// written from the definition, for checking colours in tests.
export type Rgb = [number, number, number];

/** "#rrggbb", "#rgb", "rgb(r, g, b)" or "rgba(r, g, b, a)" (alpha must be 1, or 0 meaning none). */
export function parseColour(text: string): Rgb & { alpha?: number } {
  const t = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(t);
  if (hex?.[1]) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/.exec(t);
  if (fn) {
    const rgb = [Number(fn[1]), Number(fn[2]), Number(fn[3])] as Rgb & { alpha?: number };
    rgb.alpha = fn[4] === undefined ? 1 : Number(fn[4]);
    return rgb;
  }
  throw new Error(`not a colour: ${text}`);
}

export function luminance(c: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

export function contrast(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? parseColour(a) : a);
  const lb = luminance(typeof b === 'string' ? parseColour(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
