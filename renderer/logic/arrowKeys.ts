import type { KeyboardEvent } from 'react';

/** Up/Down (and Home/End) move focus between the elements matching `selector` inside the container. */
export function arrowNavigation(selector: string) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const all = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(selector));
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    all[next]?.focus();
  };
}
