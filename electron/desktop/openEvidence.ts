// Opening an evidence file in the system's own viewer (a photo viewer, a PDF
// reader, Word). The stored file has no extension (it is named by its hash), so
// a copy named after it goes to a private temp folder first. Only types on the
// evidence allowlist are opened, and the extension comes from the sniffed MIME
// type, never from the name the file arrived with (security checklist §7).
import { shell } from 'electron';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../services/core';

const EXTENSION_BY_MIME: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/avif': '.avif',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.ms-powerpoint': '.ppt',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

let viewDir: string | null = null;

/**
 * Null when the viewer was started; else what went wrong: an error key (the caller shows
 * its translation, never the key) or the operating system's own message.
 */
export async function openEvidenceExternally(core: Core, sha256: string): Promise<{ key?: string; params?: Record<string, string>; text: string } | null> {
  const served = core.evidence.resolveForServing(sha256, 'original');
  if (!served) return { key: 'evidence.notFound', text: '' };
  const ext = EXTENSION_BY_MIME[served.mime];
  if (!ext) return { key: 'evidence.unknownType', params: { name: served.name }, text: '' };
  viewDir ??= mkdtempSync(join(tmpdir(), 'selfcheck-view-'));
  const dir = join(viewDir, sha256.slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, `evidence-${sha256.slice(0, 12)}${ext}`);
  copyFileSync(served.path, copy);
  const failure = await shell.openPath(copy);
  return failure === '' ? null : { text: failure };
}

/** The hash in an app://evidence/<sha256>/original URL, else null. */
export function evidenceHashFromUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'app:' || url.host !== 'evidence') return null;
    const m = /^\/([0-9a-f]{64})\/original$/.exec(url.pathname);
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}
