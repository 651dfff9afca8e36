// Landmarks for report.html, so a screen-reader user can jump between its parts: every
// `<section>` that starts with an `<h2>` becomes a region named by that heading. Done on the
// finished markup, so sections added to the report later get their names too.
export function labelSections(html: string): string {
  let n = 0;
  return html.replace(/<section((?: [a-z-]+="[^"<>]*")*)><h2>/g, (_m, attrs: string) => {
    n++;
    return `<section${attrs} aria-labelledby="sec-${n}"><h2 id="sec-${n}">`;
  });
}
