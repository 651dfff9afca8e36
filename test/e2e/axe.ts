// axe-core (Deque's rule engine, WCAG 2.0/2.1 A and AA plus best practice) run inside the page
// under test: its published source is injected as a script, then axe.run() reports violations.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Serious and critical violations on the page as it is now (axe is injected once per document). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return (result as AxeResult).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
}

/** One line per violation, for a readable failure message. */
export const describe = (where: string, vs: Violation[]): string[] => vs.map((v) => `${where}: [${v.impact}] ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
