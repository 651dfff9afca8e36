// What a screen reader and a keyboard user meet, asked of Chromium itself: the accessibility
// tree it builds (names as it computes them) and the focus ring of the focused element.
import type { CDPSession, Page } from 'playwright-core';

/** Roles a person operates or must be told about; each needs a name. */
const NAMED_ROLES = new Set([
  'button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'switch',
  'spinbutton', 'slider', 'menuitem', 'tab', 'image', 'img', 'date', 'DateTime', 'InputTime', 'progressbar', 'dialog',
]);

interface AXValue {
  value?: unknown;
}
interface AXNode {
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  backendDOMNodeId?: number;
}

/**
 * Every control, link, image, progress bar and dialog on the page without an accessible name,
 * each described by its role and the start of its HTML. Also every <img> without alt.
 */
export async function namelessElements(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const out: string[] = [];
    for (const node of nodes) {
      const role = String(node.role?.value ?? '');
      if (node.ignored || !NAMED_ROLES.has(role)) continue;
      if (String(node.name?.value ?? '').trim() !== '') continue;
      out.push(`${role}: ${await outerHtml(cdp, node.backendDOMNodeId)}`);
    }
    const noAlt = await page.locator('img:not([alt])').evaluateAll((imgs) => imgs.map((i) => i.outerHTML.slice(0, 160)));
    return [...out, ...noAlt.map((h) => `img without alt: ${h}`)];
  } finally {
    await cdp.detach();
  }
}

async function outerHtml(cdp: CDPSession, backendNodeId: number | undefined): Promise<string> {
  if (backendNodeId === undefined) return '(no DOM node)';
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId?: string } };
  if (!object.objectId) return '(unresolved)';
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { return (this.outerHTML || String(this)).slice(0, 160); }',
    returnByValue: true,
  })) as { result: { value?: string } };
  return result.value ?? '?';
}

export interface Focused {
  tag: string;
  /** Accessible-ish description for messages: text, aria-label or the label's text. */
  text: string;
  /** A focus ring is drawn: outline or box-shadow on the element, or on the label that stands in for a visually hidden input. */
  ringVisible: boolean;
  /** The element (or its stand-in label) has a box on screen. */
  onScreen: boolean;
}

/** The focused element as a keyboard user sees it. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', text: '', ringVisible: false, onScreen: false };
    const hidden = el.classList.contains('visually-hidden');
    const shown = (hidden && el.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(el.id)}"]`) : null) ?? el;
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = shown.getBoundingClientRect();
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : el.closest('label')?.textContent;
    return {
      tag: el.tagName.toLowerCase() + (el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''),
      text: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().slice(0, 80),
      ringVisible: outline || shadow,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth,
    };
  });
}

/**
 * Presses Tab until `matches` says yes (at most `max` times), checking on the way that every
 * element that takes focus shows a ring and is on screen. Returns what it stopped on.
 */
export async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, max = 40, key = 'Tab'): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    seen.push(`${f.tag} "${f.text}"`);
    if (f.tag !== 'body' && (!f.ringVisible || !f.onScreen)) throw new Error(`focus on ${f.tag} "${f.text}" is not visible (ring: ${f.ringVisible}, on screen: ${f.onScreen})`);
    if (matches(f)) return f;
  }
  throw new Error(`did not reach ${what} in ${max} presses of ${key}; focus went to:\n${seen.join('\n')}`);
}
