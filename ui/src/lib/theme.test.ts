import { describe, expect, it, vi } from 'vitest';
import {
  applyTheme,
  loadTheme,
  parseTheme,
  saveTheme,
  THEME_ATTRIBUTE,
  THEME_KEY,
  themeStore,
  type ThemeRoot,
  type ThemeStorage,
} from './theme';

/** A `localStorage` in a Map. */
function memoryStorage(initial: Record<string, string> = {}): ThemeStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** <html>'s attributes in a Map. */
function fakeRoot(): ThemeRoot & { attrs: Map<string, string> } {
  const attrs = new Map<string, string>();
  return {
    attrs,
    setAttribute: (name, value) => void attrs.set(name, value),
    removeAttribute: (name) => void attrs.delete(name),
  };
}

const refusing: ThemeStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the theme choice', () => {
  it('is System unless Light or Dark was stored', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    for (const raw of [null, undefined, '', 'system', 'Dark', 'sepia']) expect(parseTheme(raw)).toBe('system');
  });

  it('is read from storage, and is System without storage or when storage refuses', () => {
    expect(loadTheme(memoryStorage({ [THEME_KEY]: 'dark' }))).toBe('dark');
    expect(loadTheme(memoryStorage())).toBe('system');
    expect(loadTheme(undefined)).toBe('system');
    expect(loadTheme(refusing)).toBe('system');
  });

  it('stores Light and Dark under steward.theme, and System as no entry', () => {
    const storage = memoryStorage();
    saveTheme(storage, 'light');
    expect(storage.map.get('steward.theme')).toBe('light');
    saveTheme(storage, 'dark');
    expect(storage.map.get('steward.theme')).toBe('dark');
    saveTheme(storage, 'system');
    expect(storage.map.has('steward.theme')).toBe(false);
    expect(() => saveTheme(refusing, 'dark')).not.toThrow();
  });

  it('sets data-theme on <html> for Light and Dark, and removes it for System', () => {
    const root = fakeRoot();
    applyTheme(root, 'dark');
    expect(root.attrs.get(THEME_ATTRIBUTE)).toBe('dark');
    applyTheme(root, 'light');
    expect(root.attrs.get('data-theme')).toBe('light');
    applyTheme(root, 'system');
    expect(root.attrs.has('data-theme')).toBe(false);
  });
});

describe('the page theme', () => {
  it('applies the stored choice at once, before anything renders', () => {
    const root = fakeRoot();
    const store = themeStore(root, memoryStorage({ [THEME_KEY]: 'light' }));
    expect(store.get()).toBe('light');
    expect(root.attrs.get('data-theme')).toBe('light');
  });

  it('applies and persists a new choice, which the next start finds', () => {
    const root = fakeRoot();
    const storage = memoryStorage();
    const store = themeStore(root, storage);
    expect(root.attrs.has('data-theme')).toBe(false);
    store.set('dark');
    expect(store.get()).toBe('dark');
    expect(root.attrs.get('data-theme')).toBe('dark');

    const nextRoot = fakeRoot();
    expect(themeStore(nextRoot, storage).get()).toBe('dark');
    expect(nextRoot.attrs.get('data-theme')).toBe('dark');

    store.set('system');
    expect(root.attrs.has('data-theme')).toBe(false);
    expect(themeStore(fakeRoot(), storage).get()).toBe('system');
  });

  it('still switches when storage refuses; the choice lasts until the app closes', () => {
    const root = fakeRoot();
    const store = themeStore(root, refusing);
    store.set('dark');
    expect(root.attrs.get('data-theme')).toBe('dark');
  });

  it('applies nothing without a document (server-side renders)', () => {
    const storage = memoryStorage({ [THEME_KEY]: 'dark' });
    const setItem = vi.spyOn(storage, 'setItem');
    const store = themeStore(undefined, storage);
    store.set('light');
    expect(setItem).toHaveBeenCalledWith(THEME_KEY, 'light');
  });
});

// Vitest hands CSS imports over empty, and the project has no Node types:
// Node's own loader reads the stylesheet as it ships.
const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as {
  readFileSync(path: URL, encoding: 'utf8'): string;
};
const css = fs.readFileSync(new URL('../app.css', import.meta.url), 'utf8');

describe('the stylesheet', () => {
  /** The declarations of the first rule whose selector is exactly `selector`. */
  function block(selector: string): string[] {
    const at = css.indexOf(`${selector} {`);
    if (at < 0) throw new Error(`no rule for ${selector}`);
    const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
    return body
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '');
  }

  it('gives the dark tokens to data-theme="dark", and to a dark system unless Light was chosen', () => {
    const chosen = block(":root[data-theme='dark']");
    const system = block(":root:not([data-theme='light'])");
    expect(chosen.length).toBeGreaterThan(10);
    // CSS cannot say "this media query or that selector": the two copies must stay the same.
    expect(system).toEqual(chosen);
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme='light'\]\) \{/);
  });

  it('redefines every colour token for dark, and nothing but tokens', () => {
    const name = (d: string) => d.split(':')[0]!.trim();
    const light = block(':root').map(name).filter((n) => n.startsWith('--color-') || n.startsWith('--shadow-'));
    expect(block(":root[data-theme='dark']").map(name).sort()).toEqual([...light].sort());
  });

  it('tells native controls which scheme a chosen theme uses', () => {
    expect(css).toMatch(/:root\[data-theme='light'\] \{\s*color-scheme: light;/);
    expect(css).toMatch(/:root\[data-theme='dark'\] \{\s*color-scheme: dark;/);
  });

  it('has no other dependence on the system scheme that the switch could not override', () => {
    expect(css.match(/prefers-color-scheme/g)).toHaveLength(1);
  });

  it('rings every focused control in the focus colour, which both themes define', () => {
    expect(block(':focus-visible')).toEqual(['outline: 2px solid var(--color-focus)', 'outline-offset: 2px']);
    expect(block(':root').some((d) => d.startsWith('--color-focus:'))).toBe(true);
    expect(block(":root[data-theme='dark']").some((d) => d.startsWith('--color-focus:'))).toBe(true);
  });
});
