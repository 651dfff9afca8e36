// Full-width digits and signs, as a Chinese input method types them (１４３，－３，１２．５),
// read as the ASCII ones, so "１４３０００００１" is a school code and "１２．５" a number.
const FULL_WIDTH: Record<string, string> = { '．': '.', '－': '-', '＋': '+', '，': ',', '\u3000': ' ', '−': '-' };

export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９．－＋，\u3000−]/g, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 0x30) : (FULL_WIDTH[c] ?? c);
  });
}
