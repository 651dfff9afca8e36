// After a refused submit, the first field marked invalid takes focus, so keyboard and
// screen-reader users land on the problem (its message is tied to it by aria-describedby).
export function focusFirstInvalid(form: HTMLFormElement): void {
  // After React has drawn the marks.
  setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
