// Read-only while offline (issue 9). What is on screen may be the offline
// cache's copy, so no form is sent until the server answers again; typing
// still works and stays in the form. One action on the shell's content
// covers every form, so no form has to know about connectivity.

/** Set on the content while read-only, for styling. */
export const READ_ONLY_ATTRIBUTE = 'data-read-only';
/** Marks the submit buttons this action disabled, so it only undoes its own. */
const MARK = 'data-read-only-marked';

/** What the action needs of a submit button. */
export type Marked = Pick<Element, 'setAttribute' | 'removeAttribute' | 'hasAttribute'>;

/** Marks (or unmarks) `buttons` as unavailable while read-only. */
export function markButtons(buttons: Iterable<Marked>, readOnly: boolean): void {
  for (const button of buttons) {
    if (readOnly && !button.hasAttribute(MARK)) {
      button.setAttribute(MARK, '');
      button.setAttribute('aria-disabled', 'true');
    } else if (!readOnly && button.hasAttribute(MARK)) {
      button.removeAttribute(MARK);
      button.removeAttribute('aria-disabled');
    }
  }
}

/** Whether a submit event must be stopped: only while read-only. */
export function blockSubmit(event: Pick<Event, 'preventDefault' | 'stopImmediatePropagation'>, readOnly: boolean): boolean {
  if (!readOnly) return false;
  event.preventDefault();
  event.stopImmediatePropagation();
  return true;
}

/** Svelte action: `use:readOnlyWhile={offline}` on the element holding the sections. */
export function readOnlyWhile(node: HTMLElement, readOnly: boolean) {
  let current = readOnly;
  const submits = () => node.querySelectorAll('button[type="submit"]');
  // Sections render their forms after loading: mark (or unmark) those as they appear.
  const observer = new MutationObserver(() => markButtons(submits(), current));
  // Capture, on an ancestor: runs before the form's own handler.
  const onSubmit = (event: Event) => blockSubmit(event, current);
  node.addEventListener('submit', onSubmit, true);

  // Watched online too: a kept section marked while offline and hidden
  // (keptPages.svelte.ts) comes back after the connection did.
  observer.observe(node, { subtree: true, childList: true });

  function apply() {
    markButtons(submits(), current);
    if (current) node.setAttribute(READ_ONLY_ATTRIBUTE, '');
    else node.removeAttribute(READ_ONLY_ATTRIBUTE);
  }
  apply();

  return {
    update(next: boolean) {
      current = next;
      apply();
    },
    destroy() {
      observer.disconnect();
      node.removeEventListener('submit', onSubmit, true);
      markButtons(submits(), false);
    },
  };
}
