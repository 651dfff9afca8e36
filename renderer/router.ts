// A hash router: "#/checklist", "#/item/SAF-03". Hash URLs need no server routes
// (the web mode serves one page) and work the same under Electron's app:// protocol.
import { useSyncExternalStore } from 'react';

export interface Location {
  /** First path segment, e.g. "item". */
  page: string;
  /** The segments after it, decoded. */
  params: string[];
  /** The hash could not be decoded (e.g. "#/item/%E0%A4" cut off when copied): show the error page. */
  malformed?: boolean;
}

function parse(hash: string): Location {
  try {
    const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    return { page: parts[0] ?? '', params: parts.slice(1) };
  } catch {
    return { page: '', params: [], malformed: true };
  }
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parse(hash);
}

export const href = (page: string, ...params: string[]) => `#/${[page, ...params].map(encodeURIComponent).join('/')}`;

export function navigate(page: string, ...params: string[]): void {
  window.location.hash = href(page, ...params);
}
