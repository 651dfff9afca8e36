// The web mode's session in the page. The printed address carries the run's token once;
// the page trades it for the per-run session secret (POST /session), keeps that in this
// origin's sessionStorage (which no other port's page can read, unlike a cookie) and
// drops the token from the address bar and history. A reload keeps the secret.
import { decodeJson } from '../../shared/api/codec';

const KEY = 'selfcheck.webSession';

/** The session secret, or null when the page has none (the server's notice then stays up). */
export async function openWebSession(): Promise<string | null> {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return window.sessionStorage.getItem(KEY);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  window.sessionStorage.removeItem(KEY);
  try {
    const response = await fetch('/session', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Selfcheck': '1' } });
    if (!response.ok) return null;
    const body = decodeJson(await response.text()) as { value?: { secret?: unknown } };
    const secret = body.value?.secret;
    if (typeof secret !== 'string') return null;
    window.sessionStorage.setItem(KEY, secret);
    return secret;
  } catch {
    return null;
  }
}

/** The server no longer knows this secret (it restarted): forget it and show the notice again. */
export function endWebSession(): void {
  window.sessionStorage.removeItem(KEY);
  window.location.reload();
}

/** The secret this tab holds, for requests made outside the bridge (streamed evidence uploads). */
export function currentWebSecret(): string | null {
  return window.sessionStorage.getItem(KEY);
}
