// Text a child program printed, as bytes → string. Windows PowerShell 5.1 writes to a pipe
// in the console's code page (CP936/GBK on Chinese Windows) unless told otherwise, so a
// drive labelled "学校U盘" came through as mojibake when read as UTF-8. We ask for UTF-8
// (see UTF8_PREFIX) and, should a machine still answer in its code page, fall back to GBK
// when the bytes are not valid UTF-8 (Node's full ICU has the GBK decoder).
export const UTF8_PREFIX = '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ';

export function decodeConsoleOutput(bytes: Uint8Array, fallback = 'gbk'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder(fallback).decode(bytes);
  }
}
