import { describe, expect, it, vi } from 'vitest';
import { blockSubmit, markButtons, type Marked } from './readOnly';

class FakeButton implements Marked {
  attributes = new Map<string, string>();
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  hasAttribute(name: string) {
    return this.attributes.has(name);
  }
}

describe('read-only while offline (issue 9)', () => {
  it('marks submit buttons unavailable and undoes only its own marks', () => {
    const ours = new FakeButton();
    const theirs = new FakeButton();
    // A button the form itself disabled for another reason keeps that.
    theirs.setAttribute('aria-disabled', 'true');

    markButtons([ours], true);
    expect(ours.attributes.get('aria-disabled')).toBe('true');
    markButtons([ours], true);
    expect(ours.attributes.size).toBe(2);

    markButtons([ours, theirs], false);
    expect(ours.attributes.has('aria-disabled')).toBe(false);
    expect(theirs.attributes.get('aria-disabled')).toBe('true');
  });

  it('stops a form from being sent only while read-only', () => {
    const event = { preventDefault: vi.fn(), stopImmediatePropagation: vi.fn() };
    expect(blockSubmit(event, false)).toBe(false);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(blockSubmit(event, true)).toBe(true);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(event.stopImmediatePropagation).toHaveBeenCalledOnce();
  });
});
