// Moving focus to something React is about to render (a form being opened, a row being added):
// wait for the next frames until it exists, a bounded number of times, then focus it. Used
// where an action removes or disables the control that had focus, so focus never falls to
// <body> (where a keyboard or screen-reader user would have to start again from the top).
const MAX_FRAMES = 30;

export function focusSoon(find: () => HTMLElement | null | undefined, fallback?: () => HTMLElement | null | undefined): void {
  let frames = 0;
  const attempt = () => {
    const el = find();
    if (el && el.isConnected) {
      el.focus();
      return;
    }
    if (++frames < MAX_FRAMES) requestAnimationFrame(attempt);
    else (fallback?.() ?? document.getElementById('main'))?.focus();
  };
  requestAnimationFrame(attempt);
}

/** The first control in `root` a person can type in or operate. */
export function firstControl(root: ParentNode | null | undefined): HTMLElement | null {
  return root?.querySelector<HTMLElement>('input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])') ?? null;
}
