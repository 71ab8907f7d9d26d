// Light, dark, or whatever the system says (the default). An explicit choice
// is a `data-theme` attribute on <html> that app.css lets override the
// system's `prefers-color-scheme`; "System" removes the attribute. The choice
// is kept in localStorage: it is a display preference, not a secret.

import { t } from './i18n';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'steward.theme';
export const THEME_ATTRIBUTE = 'data-theme';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** "System", "Light", "Dark", in the current language. */
export const themeLabel = (choice: ThemeChoice): string => t(`shell.theme.${choice}`);

/** What the theme needs of `localStorage`. */
export type ThemeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
/** What the theme needs of `document.documentElement`. */
export type ThemeRoot = Pick<Element, 'setAttribute' | 'removeAttribute'>;

/** Anything but a known choice (missing, edited by hand, from a later version) means the system's. */
export function parseTheme(raw: string | null | undefined): ThemeChoice {
  return raw === 'light' || raw === 'dark' ? raw : 'system';
}

/** The page's storage, or none where there is none or it refuses access (a locked-down webview). */
export function browserStorage(): ThemeStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function loadTheme(storage: ThemeStorage | undefined): ThemeChoice {
  try {
    return parseTheme(storage?.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

/** "System" is stored as no entry, so a later change of default reaches it. */
export function saveTheme(storage: ThemeStorage | undefined, choice: ThemeChoice): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, choice);
  } catch {
    // Full or refused storage: the choice still applies until the app closes.
  }
}

export function applyTheme(root: ThemeRoot, choice: ThemeChoice): void {
  if (choice === 'system') root.removeAttribute(THEME_ATTRIBUTE);
  else root.setAttribute(THEME_ATTRIBUTE, choice);
}

export interface ThemeStore {
  get(): ThemeChoice;
  /** Applies `choice` to the page and remembers it. */
  set(choice: ThemeChoice): void;
}

/** The stored choice applied to `root`; `set` applies and stores the next one. */
export function themeStore(root: ThemeRoot | undefined, storage: ThemeStorage | undefined): ThemeStore {
  let current = loadTheme(storage);
  if (root) applyTheme(root, current);
  return {
    get: () => current,
    set(choice) {
      current = choice;
      if (root) applyTheme(root, choice);
      saveTheme(storage, choice);
    },
  };
}

let pageStore: ThemeStore | undefined;

/**
 * The page's theme: created by main.ts before the first render (so the app
 * never flashes the other theme), shared with the switch in the shell.
 * Without a document (server-side renders in tests) it applies nothing.
 */
export function pageTheme(): ThemeStore {
  pageStore ??= themeStore(typeof document === 'undefined' ? undefined : document.documentElement, browserStorage());
  return pageStore;
}
