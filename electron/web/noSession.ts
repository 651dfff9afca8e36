// What a browser shows at the web-mode address without a valid session: a short page in
// the browser's language (zh-CN unless it prefers English) saying how to open the app.
// The app's index.html carries a placeholder inside #root that this fills; the page's
// script replaces it with the app only when it holds a session, so a reload keeps working
// and a visit without the token never sees raw JSON.
import { webSessionMessages } from '../../shared/i18n/webSession';

export type PageLanguage = keyof typeof webSessionMessages;
export type NoSessionReason = 'noToken' | 'badToken';

/** The placeholder in renderer/index.html. */
export const NO_SESSION_SLOT = '<!--selfcheck:no-session-->';

/** zh-CN by default; en when the browser ranks English above Chinese (RFC 9110 Accept-Language). */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The notice itself (an element for #root). */
export function noSessionFragment(lang: PageLanguage, reason: NoSessionReason): string {
  const m = webSessionMessages[lang].webSession;
  return `<main class="center-screen no-session" lang="${lang}" data-no-session="${reason}"><div class="card narrow">
<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(m[reason])}</p>
<p>${escapeHtml(m.howTo)}</p>
<p class="muted">${escapeHtml(m.why)}</p>
</div></main>`;
}

/** The app's index.html with the notice in its slot. */
export const withNoSessionNotice = (indexHtml: string, lang: PageLanguage): string => indexHtml.replace(NO_SESSION_SLOT, noSessionFragment(lang, 'noToken'));

/** A page of its own (no app script) for an address whose token is not this run's. */
export function badTokenPage(lang: PageLanguage): string {
  const m = webSessionMessages[lang].webSession;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.title)}</title><link rel="stylesheet" href="/styles.css"></head>
<body>${noSessionFragment(lang, 'badToken')}</body></html>`;
}
