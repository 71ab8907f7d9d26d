// The command palette (Ctrl+K): the sections this user may open, filtered as
// they type, commands (switching the language), and for staff the customers
// the staff search finds for the same
// text (two characters or more, once typing pauses: the Customers section's
// search controller). One list: ArrowUp/ArrowDown move through it, Enter
// chooses. Enter while the customers for the text typed are still on their
// way chooses once they come, never a customer left from older text.

import type { SectionDeps, Slot } from './deps';
import type { CustomerHit } from './generated/CustomerHit';
import type { Language } from './generated/Language';
import { IN_ITSELF, LANGUAGES, t } from './i18n';
import type { Section } from './sections';
import { createSearchController, EMPTY_SEARCH, SEARCH_PAUSE_MS, type SearchState } from './staff/search';

/** Something the palette does rather than opens, such as switching the language. */
export interface PaletteCommand {
  id: string;
  label: string;
  summary: string;
  /** The label's language, when it is not the console's. */
  lang?: Language;
  run: () => void;
}

export type PaletteItem =
  | { kind: 'section'; section: Section }
  | { kind: 'command'; command: PaletteCommand }
  | { kind: 'customer'; hit: CustomerHit };

export interface PaletteState {
  query: string;
  /** The highlighted item, or -1 when the list is empty. */
  active: number;
  /** Staff only: the customer search for the same text. */
  search: SearchState;
  /** Enter was pressed before the customers for the text typed came. */
  waiting: boolean;
}

export const EMPTY_PALETTE: PaletteState = { query: '', active: -1, search: EMPTY_SEARCH, waiting: false };

/** Staff only: the customer search, unless the staff account cannot use it yet. */
export interface PaletteCustomers {
  deps: SectionDeps;
  /** Staff commands are refused for want of two-factor sign-in: nothing to search. */
  blocked: () => boolean;
}

export interface PaletteOptions {
  /** The sections this user may open, in navigation order (`visibleSections`). */
  sections: () => readonly Section[];
  /** Listed after the sections, filtered the same way. */
  commands?: () => readonly PaletteCommand[];
  customers?: PaletteCustomers;
  choose: (item: PaletteItem) => void;
  /** For tests: the customer search's pause. */
  delay?: number;
}

/** Whether `q` occurs in `text` at the start of a word. */
function atWordStart(text: string, q: string): boolean {
  for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(at - 1))) return true;
  }
  return false;
}

/** Below this, text matches labels only: one or two letters would match most descriptions. */
const MIN_SUMMARY_QUERY = 3;

/**
 * The entries matching `query`, best first: label starting with it, then a
 * word of the label, then anywhere in the label, then a word of the summary
 * ("invoices" finds Billing). Everything, in order, for no text.
 */
function matchLabelled<T extends { label: string; summary: string }>(sections: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...sections];
  const rank = (s: T): number => {
    const label = s.label.toLowerCase();
    if (label.startsWith(q)) return 0;
    if (atWordStart(label, q)) return 1;
    if (label.includes(q)) return 2;
    if (q.length >= MIN_SUMMARY_QUERY && atWordStart(s.summary.toLowerCase(), q)) return 3;
    return -1;
  };
  return sections
    .map((section) => ({ section, rank: rank(section) }))
    .filter((m) => m.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.section);
}

/** The sections matching `query`, best first (see `matchLabelled`). */
export const matchSections = (sections: readonly Section[], query: string): Section[] => matchLabelled(sections, query);

export function paletteItems(
  sections: readonly Section[],
  state: PaletteState,
  commands: readonly PaletteCommand[] = [],
): PaletteItem[] {
  return [
    ...matchSections(sections, state.query).map((section): PaletteItem => ({ kind: 'section', section })),
    ...matchLabelled(commands, state.query).map((command): PaletteItem => ({ kind: 'command', command })),
    ...state.search.hits.map((hit): PaletteItem => ({ kind: 'customer', hit })),
  ];
}

/** A stable key per item, for ids and keyed lists. */
export function itemKey(item: PaletteItem): string {
  switch (item.kind) {
    case 'section':
      return `section-${item.section.id}`;
    case 'command':
      return `command-${item.command.id}`;
    case 'customer':
      return `customer-${item.hit.account_id}`;
  }
}

/**
 * "Sprache: Deutsch" while the console speaks English, and the other way
 * round: each entry is in the language it switches to, so its readers find it,
 * and its summary in the current one ("Change the language to German").
 */
export function languageCommands(current: Language, choose: (language: Language) => void): PaletteCommand[] {
  return LANGUAGES.filter((language) => language !== current).map((language) => ({
    id: `language-${language}`,
    label: IN_ITSELF[language].paletteEntry,
    summary: t('shell.palette.languageSummary', { name: t(`common.languageName.${language}`) }),
    lang: language,
    run: () => choose(language),
  }));
}

export interface PaletteController {
  items(): PaletteItem[];
  /** The search box's text changed. */
  input(text: string): void;
  /** Moves the highlight by `delta`, wrapping around. */
  move(delta: number): void;
  setActive(index: number): void;
  /** Chooses the highlighted item, or waits for the customers still to come. */
  enter(): void;
  /** The customer search failed: "Try again". */
  retry(): void;
  /** ArrowUp, ArrowDown and Enter in the search box; true when it was one of them. */
  key(event: { key: string; preventDefault(): void }): boolean;
  dispose(): void;
}

export function createPaletteController(slot: Slot<PaletteState>, options: PaletteOptions): PaletteController {
  const patch = (changes: Partial<PaletteState>) => slot.set({ ...slot.get(), ...changes });
  const commands = () => options.commands?.() ?? [];
  const items = () => paletteItems(options.sections(), slot.get(), commands());
  // Sections and commands: everything before the customers.
  const sectionCount = () =>
    matchSections(options.sections(), slot.get().query).length + matchLabelled(commands(), slot.get().query).length;

  const customers = options.customers;
  const search = customers
    ? createSearchController(
        customers.deps,
        { get: () => slot.get().search, set: (next) => searched(next) },
        options.delay ?? SEARCH_PAUSE_MS,
      )
    : undefined;

  // The highlight stays on a section; on a customer it goes to the best hit
  // of a fresh answer; it never points past the end.
  function searched(next: SearchState) {
    const previous = slot.get();
    const answered = next.answered !== previous.search.answered && next.status === 'ready';
    let active = previous.active;
    const count = sectionCount() + next.hits.length;
    if (answered && active >= sectionCount()) active = sectionCount();
    if (count === 0) active = -1;
    else if (active < 0 || active >= count) active = 0;
    slot.set({ ...previous, search: next, active });
    if (previous.waiting && next.status !== 'searching') {
      patch({ waiting: false });
      const item = items()[slot.get().active];
      if (next.status === 'ready' && item) options.choose(item);
    }
  }

  const searching = () => slot.get().search.status === 'searching';

  function move(delta: number) {
    const count = items().length;
    if (count === 0) return;
    const { active } = slot.get();
    const from = active < 0 ? (delta > 0 ? -1 : count) : active;
    patch({ active: (((from + delta) % count) + count) % count });
  }

  function enter() {
    const item = items()[slot.get().active];
    if (search && searching() && (!item || item.kind === 'customer')) {
      patch({ waiting: true });
      return;
    }
    if (item) options.choose(item);
  }

  return {
    items,
    move,
    enter,

    input(text) {
      patch({ query: text, waiting: false });
      if (search && !customers?.blocked()) search.input(text);
      patch({ active: items().length > 0 ? 0 : -1 });
    },

    setActive(index) {
      if (index >= 0 && index < items().length) patch({ active: index });
    },

    retry() {
      if (search && !customers?.blocked()) search.retry();
    },

    key(event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        return true;
      }
      if (event.key === 'Enter') {
        event.preventDefault();
        enter();
        return true;
      }
      return false;
    },

    dispose() {
      search?.dispose();
    },
  };
}
