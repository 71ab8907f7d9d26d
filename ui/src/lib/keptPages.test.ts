import { describe, expect, it } from 'vitest';
import { freshIn, park, showings } from './keptPages.svelte';

/** Just the tree operations `park` uses: a slot with one page, which can leave it and come back. */
class FakeNode {
  parentNode: FakeNode | null = null;
  children: FakeNode[] = [];
  get firstElementChild(): FakeNode | null {
    return this.children[0] ?? null;
  }
  append(child: FakeNode) {
    child.remove();
    child.parentNode = this;
    this.children.push(child);
  }
  remove() {
    if (!this.parentNode) return;
    this.parentNode.children = this.parentNode.children.filter((c) => c !== this);
    this.parentNode = null;
  }
}

function slotWithPage() {
  const slot = new FakeNode();
  const page = new FakeNode();
  slot.append(page);
  return { slot, page, action: park(slot as unknown as HTMLElement, true) };
}

describe('park', () => {
  it('takes the page out of the document while hidden and puts the same page back', () => {
    const { slot, page, action } = slotWithPage();
    expect(page.parentNode).toBe(slot);
    action.update(false);
    expect(page.parentNode).toBeNull();
    expect(slot.children).toEqual([]);
    action.update(true);
    expect(slot.children).toEqual([page]);
  });

  it('does nothing when told what already holds', () => {
    const { slot, page, action } = slotWithPage();
    action.update(true);
    expect(slot.children).toEqual([page]);
    action.update(false);
    action.update(false);
    expect(page.parentNode).toBeNull();
  });

  it('starts hidden when the page is not shown', () => {
    const slot = new FakeNode();
    const page = new FakeNode();
    slot.append(page);
    park(slot as unknown as HTMLElement, false);
    expect(page.parentNode).toBeNull();
  });
});

describe('showings', () => {
  it('loads the first time, refreshes when shown again for the same key, loads for another', () => {
    const next = showings<string | undefined>();
    expect(next('acc-1')).toBe('load');
    expect(next('acc-1')).toBe('refresh');
    expect(next('acc-2')).toBe('load');
    expect(next('acc-2')).toBe('refresh');
    expect(next(undefined)).toBe('load');
    expect(next(undefined)).toBe('refresh');
  });
});

describe('freshIn', () => {
  it('keeps an outcome for the visit it first showed in, and drops it on the next visit', () => {
    let visit = 1;
    const fresh = freshIn(() => visit);
    const saved = { key: 'save', message: 'Saved' };
    expect(fresh(saved)).toBe(saved);
    expect(fresh(saved)).toBe(saved);
    visit = 2;
    expect(fresh(saved)).toBeUndefined();
    const again = { key: 'save', message: 'Saved' };
    expect(fresh(again)).toBe(again);
    expect(fresh(undefined)).toBeUndefined();
  });

  it('keeps every outcome where visits are not counted', () => {
    const fresh = freshIn(() => 0);
    const saved = { key: 'save', message: 'Saved' };
    expect(fresh(saved)).toBe(saved);
    expect(fresh(saved)).toBe(saved);
  });
});
