// The language the console speaks, as Svelte state: anything that reads it
// while rendering (every `t()` call, every formatter) updates when it changes.
// Before sign-in it follows the system; after sign-in the user's preference
// (`Me.language`) wins — the app controller decides which, this only holds it.

import type { Language } from '../generated/Language';
import { catalogue, loadCatalogue } from './catalogue';

export const LANGUAGES: readonly Language[] = ['en', 'de'];

/**
 * What each language is called in itself, and its command palette entry:
 * shown in that language whatever the console speaks, so its readers find
 * them; kept here, as a language's catalogue is fetched only when spoken.
 */
export const IN_ITSELF: Readonly<Record<Language, { name: string; paletteEntry: string }>> = {
  en: { name: 'English', paletteEntry: 'Language: English' },
  de: { name: 'Deutsch', paletteEntry: 'Sprache: Deutsch' },
};

/** The language for a BCP 47 tag: German for "de", "de-AT"…, English for anything else. */
export function languageOf(tag: string | null | undefined): Language {
  return /^de(-|_|$)/i.test(tag?.trim() ?? '') ? 'de' : 'en';
}

// Starts English, so tests and server-side renders are English whatever the
// machine's language; main.ts calls `followSystem()` before the first render.
const current = $state<{ language: Language; system: string | undefined }>({ language: 'en', system: undefined });
// The latest choice, in force once its catalogue is here.
let wanted: Language = 'en';

export function language(): Language {
  return current.language;
}

/**
 * The tag `Intl` formats with: the system's own when it is a variant of the
 * chosen language (en-GB keeps day-month order, de-CH its apostrophes), else
 * the language itself.
 */
export function intlLocale(): string {
  const system = current.system;
  if (system && system.split(/[-_]/)[0]?.toLowerCase() === current.language) {
    try {
      return Intl.getCanonicalLocales(system.replace(/_/g, '-'))[0] ?? current.language;
    } catch {
      // A malformed tag from the system: the language alone still formats.
    }
  }
  return current.language;
}

function applyToPage(language: Language) {
  // <html lang> tells screen readers (and hyphenation) which language to read.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

function apply(next: Language) {
  current.language = next;
  applyToPage(next);
}

/**
 * Speaks `next`: at once if its catalogue is here (English always is), else
 * once it is fetched, so `t()` never waits and nothing shows half
 * translated. A later choice wins over one still on its way. Resolves when
 * done; if the catalogue cannot be had, the language in force stays.
 */
export function setLanguage(next: Language): Promise<void> {
  wanted = next;
  if (catalogue(next)) {
    apply(next);
    return Promise.resolve();
  }
  return loadLanguage(next).then(() => {
    if (wanted === next && catalogue(next)) apply(next);
  });
}

/** Fetches `language`'s catalogue, so that switching to it takes effect at once; never fails. */
export function loadLanguage(language: Language): Promise<void> {
  // Not to be had (a local file, so hardly ever): the language in force
  // stays, visibly, and the next choice tries again.
  return loadCatalogue(language).catch(() => {});
}

/** The system's language (`navigator.language`), before anyone signs in. */
export function followSystem(nav: { language?: string } | undefined = globalThis.navigator): Promise<void> {
  current.system = nav?.language;
  return setLanguage(languageOf(nav?.language));
}

/** What the app controller needs of the locale: the page's by default, a plain one in tests. */
export interface LocaleStore {
  get(): Language;
  set(language: Language): void;
  /** Gets `language` ready, so that `set` takes effect at once; never fails. */
  load(language: Language): Promise<void>;
}

export const pageLocale: LocaleStore = { get: language, set: setLanguage, load: loadLanguage };
