import { describe, expect, it } from 'vitest';
import { isMac, isTextField, shortcutFor, SHORTCUTS, type KeyContext, type KeyPress } from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const PAGE: KeyContext = { typing: false, overlay: false, mac: false };
const TYPING: KeyContext = { ...PAGE, typing: true };
const OPEN: KeyContext = { ...PAGE, overlay: true };

describe('Ctrl+K', () => {
  it('opens the palette with Ctrl or ⌘, also while typing', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }), PAGE)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('K', { ctrlKey: true }), PAGE)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('k', { metaKey: true }), { ...PAGE, mac: true })).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('k', { ctrlKey: true }), TYPING)).toEqual({ kind: 'palette' });
  });

  it('is not a plain k, nor Ctrl+Alt+K, nor pressed while a dialog is open', () => {
    expect(shortcutFor(press('k'), PAGE)).toBeUndefined();
    expect(shortcutFor(press('k', { ctrlKey: true, altKey: true }), PAGE)).toBeUndefined();
    expect(shortcutFor(press('k', { ctrlKey: true }), OPEN)).toBeUndefined();
  });
});

describe('the help', () => {
  it('opens with "?" outside text fields, and with F1 anywhere', () => {
    expect(shortcutFor(press('?'), PAGE)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('F1'), PAGE)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('F1'), TYPING)).toEqual({ kind: 'help' });
  });

  it('leaves "?" to the text field being typed in', () => {
    expect(shortcutFor(press('?'), TYPING)).toBeUndefined();
  });

  it('takes "?" typed with AltGr (Ctrl+Alt on Windows), not with Ctrl or ⌘', () => {
    expect(shortcutFor(press('?', { ctrlKey: true, altKey: true }), PAGE)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('?', { ctrlKey: true }), PAGE)).toBeUndefined();
    expect(shortcutFor(press('?', { metaKey: true }), PAGE)).toBeUndefined();
    expect(shortcutFor(press('F1', { ctrlKey: true }), PAGE)).toBeUndefined();
  });
});

describe('Escape', () => {
  it('closes the palette or the help, and is nothing otherwise (other dialogs handle their own)', () => {
    expect(shortcutFor(press('Escape'), OPEN)).toEqual({ kind: 'close' });
    expect(shortcutFor(press('Escape'), { ...OPEN, typing: true })).toEqual({ kind: 'close' });
    expect(shortcutFor(press('Escape'), PAGE)).toBeUndefined();
  });

  it('is the only shortcut while the palette or the help is open', () => {
    for (const p of [press('?'), press('F1'), press('2', { altKey: true, code: 'Digit2' }), press('k', { ctrlKey: true })]) {
      expect(shortcutFor(p, OPEN)).toBeUndefined();
    }
  });
});

describe('Alt+1 to Alt+9', () => {
  it('goes to the n-th section, counting from 0', () => {
    expect(shortcutFor(press('1', { altKey: true, code: 'Digit1' }), PAGE)).toEqual({ kind: 'section', index: 0 });
    expect(shortcutFor(press('9', { altKey: true, code: 'Digit9' }), PAGE)).toEqual({ kind: 'section', index: 8 });
  });

  it('reads the key’s place, since Option+digit types a symbol on a Mac', () => {
    expect(shortcutFor(press('¡', { altKey: true, code: 'Digit1' }), { ...PAGE, mac: true })).toEqual({ kind: 'section', index: 0 });
    expect(shortcutFor(press('3', { altKey: true }), PAGE)).toEqual({ kind: 'section', index: 2 });
  });

  it('leaves Option+digit to text fields on a Mac, and works in them elsewhere', () => {
    expect(shortcutFor(press('¡', { altKey: true, code: 'Digit1' }), { ...TYPING, mac: true })).toBeUndefined();
    expect(shortcutFor(press('1', { altKey: true, code: 'Digit1' }), TYPING)).toEqual({ kind: 'section', index: 0 });
  });

  it('is not Alt+0, a plain digit, or Ctrl+Alt+digit (AltGr)', () => {
    expect(shortcutFor(press('0', { altKey: true, code: 'Digit0' }), PAGE)).toBeUndefined();
    expect(shortcutFor(press('1', { code: 'Digit1' }), PAGE)).toBeUndefined();
    expect(shortcutFor(press('1', { altKey: true, ctrlKey: true, code: 'Digit1' }), PAGE)).toBeUndefined();
  });
});

describe('key presses that are not shortcuts', () => {
  it('ignores keys while an input method composes', () => {
    expect(shortcutFor(press('k', { ctrlKey: true, isComposing: true }), PAGE)).toBeUndefined();
  });

  it('ignores ordinary typing', () => {
    for (const key of ['a', '/', 'Enter', 'Tab', 'ArrowDown']) expect(shortcutFor(press(key), PAGE)).toBeUndefined();
  });
});

describe('the shortcuts table', () => {
  it('lists palette, help, close and sections, each with keys and a description', () => {
    expect(SHORTCUTS.map((s) => s.id)).toEqual(['palette', 'help', 'close', 'section']);
    for (const s of SHORTCUTS) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.keys({ mac: false }).length).toBeGreaterThan(0);
    }
  });

  it('shows the keys of the system in use', () => {
    const keys = (id: string, mac: boolean) => SHORTCUTS.find((s) => s.id === id)!.keys({ mac });
    expect(keys('palette', false)).toEqual([['Ctrl', 'K']]);
    expect(keys('palette', true)).toEqual([['⌘', 'K']]);
    expect(keys('help', false)).toEqual([['?'], ['F1']]);
    expect(keys('close', false)).toEqual([['Esc']]);
    expect(keys('section', false)).toEqual([['Alt', '1–9']]);
    expect(keys('section', true)).toEqual([['⌥', '1–9']]);
  });
});

describe('text fields', () => {
  it('are text inputs, text areas, selects and editable content', () => {
    for (const type of ['text', 'search', 'email', 'password', 'tel', 'url', 'number']) {
      expect(isTextField({ tagName: 'INPUT', type })).toBe(true);
    }
    expect(isTextField({ tagName: 'input' })).toBe(true);
    expect(isTextField({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextField({ tagName: 'SELECT' })).toBe(true);
    expect(isTextField({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('are not buttons, check boxes, radio buttons or the page', () => {
    expect(isTextField({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextField({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTextField({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTextField({ tagName: 'BODY' })).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

describe('isMac', () => {
  it('tells macOS from Linux and Windows', () => {
    expect(isMac({ platform: 'MacIntel' })).toBe(true);
    expect(isMac({ platform: '', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' })).toBe(true);
    expect(isMac({ platform: 'Linux x86_64' })).toBe(false);
    expect(isMac({ platform: 'Win32' })).toBe(false);
    expect(isMac(undefined)).toBe(false);
  });
});
