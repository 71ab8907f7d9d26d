// Finding a customer as you type (PR-11): the Customers section's search and
// the command palette each keep one.
//
// - A search starts once typing pauses (150 ms) and the text has at least two
//   characters; shorter text shows a hint instead, and nothing is sent.
// - An answer for older text never replaces the one for newer text: typing
//   again, or clearing the box, drops every answer still on its way.
// - Results on screen stay while the next search runs; the best hit is the
//   active one, and ArrowUp/ArrowDown move through them.

import { debouncedCheck } from '../debounce';
import type { SectionDeps, Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { CustomerHit } from '../generated/CustomerHit';
import type { CustomerSearchResult } from '../generated/CustomerSearchResult';
import { staffFailure } from './errors';
import { t } from '../i18n';

export const SEARCH_PAUSE_MS = 150;
export const MIN_QUERY = 2;

export const searchHint = (): string => t('staff.search.hint', { min: MIN_QUERY });

export const noResults = (query: string): string => t('staff.search.noResults', { query });

export interface SearchState {
  /** What is in the box. */
  query: string;
  /**
   * `idle`: nothing typed. `short`: too short to search. `searching`: an
   * answer is awaited (the previous hits stay). `ready`, `failed`: the last
   * search's outcome.
   */
  status: 'idle' | 'short' | 'searching' | 'ready' | 'failed';
  hits: CustomerHit[];
  /** The text `hits` answer. */
  answered?: string;
  error?: CommandError;
  /** The highlighted hit, or -1. */
  active: number;
}

export const EMPTY_SEARCH: SearchState = { query: '', status: 'idle', hits: [], active: -1 };

export interface SearchController {
  /** The box's text changed. */
  input(text: string): void;
  /** Moves the highlight by `delta`, wrapping around. */
  move(delta: number): void;
  setActive(index: number): void;
  /** The highlighted hit, if any. */
  activeHit(): CustomerHit | undefined;
  /** Empties the box and drops any answer on its way. */
  clear(): void;
  /** Searches the current text again, at once ("Try again"). */
  retry(): void;
  dispose(): void;
}

export function createSearchController(
  deps: SectionDeps,
  slot: Slot<SearchState>,
  delay: number = SEARCH_PAUSE_MS,
): SearchController {
  const patch = (changes: Partial<SearchState>) => slot.set({ ...slot.get(), ...changes });

  const apply = (result: CustomerSearchResult, query: string) => {
    const kept = { ...slot.get() };
    delete kept.error;
    slot.set({ ...kept, status: 'ready', hits: result.items, answered: query, active: result.items.length > 0 ? 0 : -1 });
  };

  const fail = (reason: unknown) => patch({ status: 'failed', error: staffFailure(deps, reason) });

  const search = (query: string) => deps.api.searchCustomers(query);
  const typed = debouncedCheck(search, apply, fail, delay);
  const now = debouncedCheck(search, apply, fail, 0);

  function start(query: string, checker: typeof typed) {
    typed.cancel();
    now.cancel();
    const trimmed = query.trim();
    if (trimmed.length === 0) {
      slot.set({ ...EMPTY_SEARCH, query });
      return;
    }
    if (trimmed.length < MIN_QUERY) {
      slot.set({ ...EMPTY_SEARCH, query, status: 'short' });
      return;
    }
    patch({ query, status: 'searching' });
    checker.schedule(trimmed);
  }

  return {
    input: (text) => start(text, typed),
    retry: () => start(slot.get().query, now),

    move(delta) {
      const { hits, active } = slot.get();
      if (hits.length === 0) return;
      const from = active < 0 ? (delta > 0 ? -1 : hits.length) : active;
      patch({ active: (((from + delta) % hits.length) + hits.length) % hits.length });
    },

    setActive(index) {
      const { hits } = slot.get();
      if (index >= 0 && index < hits.length) patch({ active: index });
    },

    activeHit() {
      const { hits, active } = slot.get();
      return hits[active];
    },

    clear() {
      typed.cancel();
      now.cancel();
      slot.set(EMPTY_SEARCH);
    },

    dispose() {
      typed.cancel();
      now.cancel();
    },
  };
}
