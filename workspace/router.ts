// A small history router below WORKSPACE_BASE: the server answers every page
// path with index.html, so links are ordinary URLs people can bookmark and
// share. Pages subscribe with useRoute(); navigate() pushes a new entry.
import { useSyncExternalStore } from 'react';
import { WORKSPACE_BASE } from '../shared/bureau/api';

export type Route =
  | { page: 'campaigns' }
  | { page: 'login' }
  | { page: 'completeness'; campaign: string }
  | { page: 'school'; campaign: string; school: string }
  | { page: 'analytics'; campaign: string }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'notFound' };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(WORKSPACE_BASE) ? pathname.slice(WORKSPACE_BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { page: 'campaigns' };
  if (a === 'login' && parts.length === 1) return { page: 'login' };
  if (a === 'users' && parts.length === 1) return { page: 'users' };
  if (a === 'audit' && parts.length === 1) return { page: 'audit' };
  if (a === 'campaigns' && b) {
    if (parts.length === 2) return { page: 'completeness', campaign: b };
    if (c === 'analytics' && parts.length === 3) return { page: 'analytics', campaign: b };
    if (c === 'schools' && d && parts.length === 4) return { page: 'school', campaign: b, school: d };
  }
  return { page: 'notFound' };
}

const enc = encodeURIComponent;
export const href = {
  campaigns: () => `${WORKSPACE_BASE}/`,
  login: (next?: string) => `${WORKSPACE_BASE}/login${next ? `?next=${enc(next)}` : ''}`,
  completeness: (campaign: string) => `${WORKSPACE_BASE}/campaigns/${enc(campaign)}`,
  analytics: (campaign: string) => `${WORKSPACE_BASE}/campaigns/${enc(campaign)}/analytics`,
  school: (campaign: string, school: string, version?: string | null) => `${WORKSPACE_BASE}/campaigns/${enc(campaign)}/schools/${enc(school)}${version ? `?version=${enc(version)}` : ''}`,
  users: () => `${WORKSPACE_BASE}/users`,
  audit: () => `${WORKSPACE_BASE}/audit`,
};

const listeners = new Set<() => void>();
function notify(): void {
  for (const l of listeners) l();
}
window.addEventListener('popstate', notify);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const snapshot = (): string => location.pathname + location.search;

export function navigate(url: string, replace = false): void {
  if (url === snapshot()) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  notify();
}

/** The current location (path + query); pages derive what they need from it. */
export function useLocation(): { route: Route; query: URLSearchParams; url: string } {
  const url = useSyncExternalStore(subscribe, snapshot);
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return { route: parseRoute(path), query: new URLSearchParams(q < 0 ? '' : url.slice(q)), url };
}

/** Left clicks on in-app links go through navigate (no reload); others (new tab) are left alone. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget;
  if (a.target && a.target !== '_self') return;
  e.preventDefault();
  navigate(a.getAttribute('href') ?? '/');
}
