// Picks the transport once at startup: the Electron preload when present, else the local web mode.
import type { Bridge } from '../../shared/api/contract';
import { electronBridge } from './electronBridge';
import { webBridge } from './web';

let current: Bridge | null = null;

export function initBridge(): Bridge {
  current = window.selfcheck ? electronBridge(window.selfcheck) : webBridge();
  return current;
}

/** The bridge every store and page uses. */
export function api(): Bridge {
  if (!current) throw new Error('bridge used before initBridge()');
  return current;
}
