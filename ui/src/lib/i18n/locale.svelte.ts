// The language the console speaks, as Svelte state: anything that reads it
// while rendering (every `t()` call, every formatter) updates when it changes.
// Before sign-in it follows the system; after sign-in the user's preference
// (`Me.language`) wins — the app controller decides which, this only holds it.

import type { Language } from '../generated/Language';

export const LANGUAGES: readonly Language[] = ['en', 'de'];

/** The language for a BCP 47 tag: German for "de", "de-AT"…, English for anything else. */
export function languageOf(tag: string | null | undefined): Language {
  return /^de(-|_|$)/i.test(tag?.trim() ?? '') ? 'de' : 'en';
}

// Starts English, so tests and server-side renders are English whatever the
// machine's language; main.ts calls `followSystem()` before the first render.
const current = $state<{ language: Language; system: string | undefined }>({ language: 'en', system: undefined });

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

export function setLanguage(next: Language): void {
  current.language = next;
  applyToPage(next);
}

/** The system's language (`navigator.language`), before anyone signs in. */
export function followSystem(nav: { language?: string } | undefined = globalThis.navigator): void {
  current.system = nav?.language;
  setLanguage(languageOf(nav?.language));
}

/** What the app controller needs of the locale: the page's by default, a plain one in tests. */
export interface LocaleStore {
  get(): Language;
  set(language: Language): void;
}

export const pageLocale: LocaleStore = { get: language, set: setLanguage };
