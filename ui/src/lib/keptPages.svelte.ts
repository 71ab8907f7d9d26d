// Sections kept built while another is shown (issue 8, console memory).
// Building a section's page and dropping it again on every visit is what
// grew WebKit's memory; a page kept built and shown again does not. A kept
// page leaves the document while hidden, so the page holds one section at
// a time as before: one `section-title`, one set of test ids, nothing
// hidden for assistive technologies to trip over. Shown again, it reads its
// data again in the background (see `whenShown`); hidden, it forgets what
// must not outlive a visit (see `whenHidden`), and its status lines stop
// saying "Saved" about an earlier visit (see `freshOutcomes`).

import { getContext, setContext, untrack } from 'svelte';

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

const VISITS = Symbol('kept page visits');

/**
 * Counts the times the kept page inside the caller has been shown, for the
 * status lines in it (`freshOutcomes`). Call at the initialisation of the
 * component that wraps one kept page (`KeptVisits.svelte`).
 */
export function countVisits(shown: () => boolean): void {
  let visits = $state(0);
  $effect(() => {
    if (shown()) untrack(() => (visits += 1));
  });
  setContext(VISITS, () => visits);
}

/**
 * `fresh(outcome)` is the outcome during the visit it first showed in, and
 * `undefined` once its page has been hidden and shown again: coming back to
 * a page, nobody should read "Saved" about something done on an earlier
 * visit. Outside a kept page every outcome stays. Call at a component's
 * initialisation.
 */
export function freshOutcomes(): <T extends object>(outcome: T | undefined) => T | undefined {
  return freshIn(getContext<(() => number) | undefined>(VISITS) ?? (() => 0));
}

/** `freshOutcomes` for a given visit count (what the tests drive). */
export function freshIn(visit: () => number): <T extends object>(outcome: T | undefined) => T | undefined {
  const firstSeen = new WeakMap<object, number>();
  return (outcome) => {
    if (outcome === undefined) return undefined;
    const now = visit();
    if (!firstSeen.has(outcome)) firstSeen.set(outcome, now);
    return firstSeen.get(outcome) === now ? outcome : undefined;
  };
}
