// Small line icons drawn inline (no emoji: a school PC may lack an emoji font). Decorative only.
const PATHS = {
  clip: 'M15.5 6.5l-7.8 7.8a2.2 2.2 0 003.1 3.1l8.2-8.2a4 4 0 00-5.7-5.7L5 11.8a5.8 5.8 0 008.2 8.2l6.3-6.3',
  lock: 'M7 11V8a5 5 0 0110 0v3M5.5 11h13v9.5h-13z',
  drive: 'M3 8.5h18v7H3zM7 12h.01M11 12h6',
  folder: 'M3 6.5h6l2 2h10v10H3z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
