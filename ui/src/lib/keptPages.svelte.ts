// Sections kept built while another is shown (issue 8, console memory).
// Building a section's page and dropping it again on every visit is what
// grew WebKit's memory; a page kept built and shown again does not. A kept
// page leaves the document while hidden, so the page holds one section at
// a time as before: one `section-title`, one set of test ids, nothing
// hidden for assistive technologies to trip over. Shown again, it reads its
// data again in the background (see `whenShown`); hidden, it forgets what
// must not outlive a visit (see `whenHidden`).

import { untrack } from 'svelte';

/**
 * Svelte action on a slot whose only element child is a kept page:
 * `use:park={shown}`. The slot stays where Svelte put it; the page inside
 * leaves the document while not shown and comes back, never rebuilt.
 */
export function park(slot: HTMLElement, shown: boolean) {
  const page = slot.firstElementChild;
  function place(on: boolean) {
    if (!page) return;
    if (on && page.parentNode !== slot) slot.append(page);
    else if (!on && page.parentNode === slot) page.remove();
  }
  place(shown);
  return { update: place };
}

/**
 * What a kept page does when shown for `key`: `load` the first time and for
 * another key (another account), `refresh` for the same key again.
 */
export function showings<K>(): (key: K) => 'load' | 'refresh' {
  let last: { key: K } | undefined;
  return (key) => {
    const same = last !== undefined && Object.is(last.key, key);
    last = { key };
    return same ? 'refresh' : 'load';
  };
}

/**
 * A kept page's reads, run as `showings` says each time the page is shown
 * (and when `key` changes while it is). `refresh` should keep what is on
 * screen until the new answer is here. `hide` runs when the page is hidden,
 * to stop what should only run on screen (progress checks). Nothing is read
 * while the page is hidden. Call at a component's initialisation.
 */
export function whenShown<K>(
  shown: () => boolean,
  key: () => K,
  load: (key: K) => void,
  refresh: (key: K) => void,
  hide?: () => void,
): void {
  const next = showings<K>();
  $effect(() => {
    if (!shown()) return;
    const k = key();
    untrack(() => (next(k) === 'load' ? load(k) : refresh(k)));
  });
  if (hide) whenHidden(shown, hide);
}

/**
 * Runs `forget` each time a kept page is hidden: for what must not outlive
 * a visit (typed passwords and codes, a secret shown once). Call at a
 * component's initialisation.
 */
export function whenHidden(shown: () => boolean, forget: () => void): void {
  let visible = false;
  $effect(() => {
    const on = shown();
    if (visible && !on) untrack(forget);
    visible = on;
  });
}
