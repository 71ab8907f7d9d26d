// Focus for the shell's own dialogs (the palette, the shortcuts help): a
// native modal <dialog> already makes the page behind it inert, but how Tab
// leaves its last control differs between webviews, and not all of them
// give focus back on close. These make both explicit.

/** What these helpers need of an element. */
export interface Focusable {
  focus(): void;
  isConnected?: boolean;
}

/** What they need of a document. */
export interface FocusDocument {
  activeElement: unknown;
}

/**
 * Notes where focus is now; the function returned puts it back there, if
 * that element is still on the page (a section may have replaced it).
 */
export function rememberFocus(doc: FocusDocument | undefined): () => void {
  const element = doc?.activeElement as Partial<Focusable> | null | undefined;
  return () => {
    if (element && element.isConnected !== false && typeof element.focus === 'function') element.focus();
  };
}

export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to
 * the last: the element to focus, or undefined to let the browser move.
 */
export function wrapTab<T>(controls: readonly T[], active: unknown, backwards: boolean): T | undefined {
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (backwards && (active === first || !controls.includes(active as T))) return last;
  if (!backwards && (active === last || !controls.includes(active as T))) return first;
  return undefined;
}

/** A keydown handler for a dialog: keeps Tab inside it. */
export function trapTab(event: KeyboardEvent & { currentTarget: HTMLElement }): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const next = wrapTab(controls, document.activeElement, event.shiftKey);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
