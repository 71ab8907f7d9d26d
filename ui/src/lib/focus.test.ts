import { describe, expect, it, vi } from 'vitest';
import { rememberFocus, wrapTab } from './focus';

const control = (name: string, isConnected = true) => ({ name, isConnected, focus: vi.fn() });

describe('giving focus back when a dialog closes', () => {
  it('returns focus to the control that had it when the dialog opened', () => {
    const opener = control('nav-billing');
    const doc = { activeElement: opener as unknown };
    const restore = rememberFocus(doc);
    // The dialog takes focus meanwhile.
    doc.activeElement = control('palette-input');
    restore();
    expect(opener.focus).toHaveBeenCalledOnce();
  });

  it('leaves focus alone when that control has left the page', () => {
    const opener = control('customer-back', false);
    const restore = rememberFocus({ activeElement: opener });
    restore();
    expect(opener.focus).not.toHaveBeenCalled();
  });

  it('does nothing when nothing had focus, or there is no document', () => {
    expect(() => rememberFocus({ activeElement: null })()).not.toThrow();
    expect(() => rememberFocus(undefined)()).not.toThrow();
  });
});

describe('keeping Tab inside a dialog', () => {
  const [input, retry, close] = [control('input'), control('retry'), control('close')];
  const controls = [input, retry, close];

  it('goes from the last control to the first, and back with Shift+Tab', () => {
    expect(wrapTab(controls, close, false)).toBe(input);
    expect(wrapTab(controls, input, true)).toBe(close);
  });

  it('lets the browser move between the controls in between', () => {
    expect(wrapTab(controls, input, false)).toBeUndefined();
    expect(wrapTab(controls, retry, true)).toBeUndefined();
    expect(wrapTab(controls, retry, false)).toBeUndefined();
  });

  it('brings focus back in when it is elsewhere', () => {
    expect(wrapTab(controls, control('outside'), false)).toBe(input);
    expect(wrapTab(controls, control('outside'), true)).toBe(close);
  });

  it('does nothing in a dialog without controls', () => {
    expect(wrapTab([], input, false)).toBeUndefined();
  });
});
