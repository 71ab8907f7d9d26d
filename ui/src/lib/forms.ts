// Small helpers the staff forms share: which element describes a field,
// and where focus goes after a refused submit.

/** `aria-describedby` for a field: its error when it has one, else its hint. */
export const describer =
  (msg: (field: string) => string | undefined) =>
  (id: string, field: string, hint = true): string | undefined =>
    msg(field) ? `${id}-error` : hint ? `${id}-hint` : undefined;

/** After a refused submit, the first field that broke a rule takes focus. */
export function focusFirstInvalid(form: HTMLElement | undefined | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
