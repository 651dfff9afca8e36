// Picks the transport once at startup: the Electron preload when present, else the local web mode.
import type { Bridge } from '../../shared/api/contract';
import { electronBridge } from './electronBridge';
import { webBridge } from './web';

let current: Bridge | null = null;

/** `webSecret`: the web mode's session secret (webSession.ts); unused under Electron. */
export function initBridge(webSecret: string | null): Bridge {
  current = window.selfcheck ? electronBridge(window.selfcheck) : webBridge(webSecret ?? '');
  return current;
}

/** The bridge every store and page uses. */
export function api(): Bridge {
  if (!current) throw new Error('bridge used before initBridge()');
  return current;
}
