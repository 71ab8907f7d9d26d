import { describe, expect, it } from 'vitest';
import { planMerge, resolveMerge, sameValue } from './merge';

type Rec = Record<string, unknown>;

describe('sameValue', () => {
  it('compares strings, lists and entries structurally', () => {
    expect(sameValue('a', 'a')).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
    expect(sameValue(['x', 'y'], ['x', 'y'])).toBe(true);
    expect(sameValue(['x', 'y'], ['y', 'x'])).toBe(false);
    expect(sameValue(['x'], ['x', 'y'])).toBe(false);
    expect(sameValue([{ a: 1, b: 'z' }], [{ b: 'z', a: 1 }])).toBe(true);
    expect(sameValue([{ a: 1 }], [{ a: 2 }])).toBe(false);
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(undefined, '')).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});

describe('planMerge', () => {
  const base: Rec = { name: 'Ada', city: 'London', phone: '+441', tags: ['a'] };

  it('has nothing to do when neither side changed', () => {
    const plan = planMerge(base, { ...base }, { ...base });
    expect(plan).toEqual({ merged: base, conflicts: [], theirs: [], mine: [] });
  });

  it('takes fields only they changed', () => {
    const plan = planMerge(base, { ...base }, { ...base, city: 'Paris' });
    expect(plan.merged).toEqual({ ...base, city: 'Paris' });
    expect(plan.theirs).toEqual(['city']);
    expect(plan.conflicts).toEqual([]);
  });

  it('keeps fields only I changed', () => {
    const plan = planMerge(base, { ...base, name: 'Ada L.' }, { ...base });
    expect(plan.merged).toEqual({ ...base, name: 'Ada L.' });
    expect(plan.mine).toEqual(['name']);
  });

  it('combines changes to different fields without asking', () => {
    const plan = planMerge(base, { ...base, name: 'Ada L.' }, { ...base, city: 'Paris' });
    expect(plan.merged).toEqual({ ...base, name: 'Ada L.', city: 'Paris' });
    expect(plan.conflicts).toEqual([]);
    expect(plan.mine).toEqual(['name']);
    expect(plan.theirs).toEqual(['city']);
  });

  it('does not ask when both made the same change', () => {
    const plan = planMerge(base, { ...base, city: 'Paris' }, { ...base, city: 'Paris' });
    expect(plan.conflicts).toEqual([]);
    expect(plan.merged.city).toBe('Paris');
    expect(plan.mine).toEqual([]);
    expect(plan.theirs).toEqual([]);
  });

  it('reports a field both changed differently, with all three values, holding mine', () => {
    const plan = planMerge(base, { ...base, city: 'Rome' }, { ...base, city: 'Paris' });
    expect(plan.conflicts).toEqual([{ path: 'city', base: 'London', mine: 'Rome', theirs: 'Paris' }]);
    expect(plan.merged.city).toBe('Rome');
  });

  it('treats a cleared field as a change', () => {
    const plan = planMerge(base, { ...base, phone: '' }, { ...base, phone: '+442' });
    expect(plan.conflicts).toEqual([{ path: 'phone', base: '+441', mine: '', theirs: '+442' }]);
  });

  it('compares lists as whole values, never item by item', () => {
    const plan = planMerge(base, { ...base, tags: ['a', 'b'] }, { ...base, tags: ['a', 'c'] });
    expect(plan.conflicts).toEqual([{ path: 'tags', base: ['a'], mine: ['a', 'b'], theirs: ['a', 'c'] }]);
    const same = planMerge(base, { ...base, tags: ['a', 'b'] }, { ...base, tags: ['a', 'b'] });
    expect(same.conflicts).toEqual([]);
  });

  it('lists fields in the given order, then any others', () => {
    const mine = { ...base, name: 'N', city: 'C', phone: 'P', extra: 'E' };
    const theirs = { ...base, name: 'n', city: 'c', phone: 'p' };
    const plan = planMerge(base, mine, theirs, ['phone', 'city']);
    expect(plan.conflicts.map((c) => c.path)).toEqual(['phone', 'city', 'name']);
    expect(plan.mine).toEqual(['extra']);
  });

  it('handles a field missing on one side as a change', () => {
    const plan = planMerge<Rec>({ a: 'x' }, { a: 'x' }, { a: 'x', b: 'new' });
    expect(plan.theirs).toEqual(['b']);
    expect(plan.merged).toEqual({ a: 'x', b: 'new' });
  });
});

describe('resolveMerge', () => {
  const base: Rec = { name: 'Ada', city: 'London', phone: '+441' };
  const mine: Rec = { name: 'Ada L.', city: 'Rome', phone: '+443' };
  const theirs: Rec = { name: 'Ada', city: 'Paris', phone: '+442' };
  const plan = planMerge(base, mine, theirs);

  it('keeps mine where nothing was chosen', () => {
    expect(resolveMerge(plan, {})).toEqual({ name: 'Ada L.', city: 'Rome', phone: '+443' });
  });

  it('applies each choice to its field only', () => {
    expect(resolveMerge(plan, { city: 'theirs' })).toEqual({ name: 'Ada L.', city: 'Paris', phone: '+443' });
    expect(resolveMerge(plan, { city: 'theirs', phone: 'theirs' })).toEqual({
      name: 'Ada L.',
      city: 'Paris',
      phone: '+442',
    });
  });

  it('can default to theirs', () => {
    expect(resolveMerge(plan, { phone: 'mine' }, 'theirs')).toEqual({
      name: 'Ada L.',
      city: 'Paris',
      phone: '+443',
    });
  });

  it('never changes a field without a conflict, whatever is chosen', () => {
    expect(resolveMerge(plan, { name: 'theirs' }).name).toBe('Ada L.');
  });

  it('does not modify the plan', () => {
    resolveMerge(plan, { city: 'theirs' });
    expect(plan.merged.city).toBe('Rome');
  });
});
