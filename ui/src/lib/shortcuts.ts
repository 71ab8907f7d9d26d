// The keyboard shortcuts: one table that both the shell's key handler and
// the shortcuts help read, so the help cannot list a key that does nothing
// (or miss one that does something).

import { t } from './i18n';

export type ShortcutAction =
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'close' }
  /** The n-th visible section, counting from 0. */
  | { kind: 'section'; index: number };

/** What a shortcut looks at in a key press (a `KeyboardEvent` fits). */
export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

export interface KeyContext {
  /** Focus is in a text field: plain characters are being typed. */
  typing: boolean;
  /** The palette or the help is open: only closing it is a shortcut then. */
  overlay: boolean;
  mac: boolean;
}

export interface Shortcut {
  id: 'palette' | 'help' | 'close' | 'section';
  /** The keys as the help shows them, one group per way of pressing it ("Strg" on German keyboards). */
  keys: (ctx: Pick<KeyContext, 'mac'>) => string[][];
  /** In the current language: read when shown. */
  readonly description: string;
  /** What this press does, if it is this shortcut. */
  match: (press: KeyPress, ctx: KeyContext) => ShortcutAction | undefined;
}

const noModifiers = (p: KeyPress) => !p.ctrlKey && !p.metaKey && !p.altKey;
/** A plain character: no modifier, or AltGr (Ctrl+Alt on Windows) on layouts that need it. */
const typed = (p: KeyPress) => !p.metaKey && p.ctrlKey === p.altKey;

/** Alt+1 to Alt+9, read from the key's place: on a Mac, Option+digit types a symbol. */
function sectionDigit(p: KeyPress): number | undefined {
  const match = /^Digit([1-9])$/.exec(p.code ?? '') ?? /^([1-9])$/.exec(p.key);
  return match ? Number(match[1]) : undefined;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'palette',
    keys: ({ mac }) => (mac ? [['⌘', 'K']] : [[t('shell.keys.ctrl'), 'K']]),
    get description() {
      return t('shell.shortcuts.palette');
    },
    // Both modifiers on every system: the habit of either works. In text fields too: Ctrl+K types nothing.
    match: (p, ctx) =>
      !ctx.overlay && (p.ctrlKey || p.metaKey) && !p.altKey && p.key.toLowerCase() === 'k' ? { kind: 'palette' } : undefined,
  },
  {
    id: 'help',
    keys: () => [['?'], ['F1']],
    get description() {
      return t('shell.shortcuts.help');
    },
    // "?" is a character people type, so not in a text field; F1 types nothing.
    match: (p, ctx) =>
      !ctx.overlay && ((p.key === '?' && !ctx.typing && typed(p)) || (p.key === 'F1' && noModifiers(p)))
        ? { kind: 'help' }
        : undefined,
  },
  {
    id: 'close',
    keys: () => [[t('shell.keys.esc')]],
    get description() {
      return t('shell.shortcuts.close');
    },
    match: (p, ctx) => (ctx.overlay && p.key === 'Escape' && noModifiers(p) ? { kind: 'close' } : undefined),
  },
  {
    id: 'section',
    keys: ({ mac }) => [[mac ? '⌥' : 'Alt', '1–9']],
    get description() {
      return t('shell.shortcuts.section');
    },
    // Option+digit types a character on a Mac: leave it to text fields there.
    match: (p, ctx) => {
      if (ctx.overlay || !p.altKey || p.ctrlKey || p.metaKey || (ctx.mac && ctx.typing)) return undefined;
      const digit = sectionDigit(p);
      return digit === undefined ? undefined : { kind: 'section', index: digit - 1 };
    },
  },
];

/** The action for this key press, if it is a shortcut. */
export function shortcutFor(press: KeyPress, ctx: KeyContext): ShortcutAction | undefined {
  // Keys pressed while an input method composes a character are the method's.
  if (press.isComposing) return undefined;
  for (const shortcut of SHORTCUTS) {
    const action = shortcut.match(press, ctx);
    if (action) return action;
  }
  return undefined;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', 'date', 'time']);

/** Whether typing into `target` would take a plain character such as "?". */
export function isTextField(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; type?: string; isContentEditable?: boolean };
  const tag = el.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  return tag === 'INPUT' && TEXT_INPUT_TYPES.has((el.type ?? 'text').toLowerCase());
}

/** macOS (or iPadOS): ⌘ and ⌥ in the help, and Option+digit left to typing. */
export function isMac(nav: { platform?: string; userAgent?: string } | undefined): boolean {
  if (!nav) return false;
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent || '');
}
