import { describe, expect, it } from 'vitest';
import { sameAnswer } from './answers';

describe('sameAnswer', () => {
  it('compares data, not identity, bigints included', () => {
    expect(sameAnswer({ version: 4n, items: [{ id: 'a' }] }, { version: 4n, items: [{ id: 'a' }] })).toBe(true);
    expect(sameAnswer({ version: 4n }, { version: 5n })).toBe(false);
    expect(sameAnswer({ version: 4n }, { version: '4' })).toBe(false);
    expect(sameAnswer([{ id: 'a' }], [{ id: 'b' }])).toBe(false);
    expect(sameAnswer(undefined, undefined)).toBe(true);
    expect(sameAnswer(undefined, { id: 'a' })).toBe(false);
  });
});
