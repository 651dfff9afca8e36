// Imported first by index.tsx: the page's CSP forbids eval, so zod must not probe for it
// (the probe runs when the first schema is built and logs a CSP violation).
import { z } from 'zod';

z.config({ jitless: true });
