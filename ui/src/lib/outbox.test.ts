import { describe, expect, it } from 'vitest';
import { emailProblem, isEmailAddress } from './email';
import { findCode, newestFirst } from './outbox';

describe('findCode', () => {
  it.each([
    ['Your verification code: 482913\nIt expires in 15 minutes.', '482913'],
    ['Your invitation code is AB12-CD34.', 'AB12-CD34'],
    ['Enter this code to confirm: 123456', '123456'],
    ['Use 7654321 to confirm your new address.', '7654321'],
  ])('finds the code in %j', (body, code) => {
    expect(findCode(body)).toBe(code);
  });

  it.each(['Welcome to Steward.', 'The code word is banana.', 'Call +44 20 7123 4567'])(
    'finds none in %j',
    (body) => {
      expect(findCode(body)).toBeUndefined();
    },
  );
});

describe('newestFirst', () => {
  it('sorts by creation time, newest first, without changing the input', () => {
    const m = (id: string, created_at: string) => ({ id, to: 'a@b.c', subject: id, body: '', created_at });
    const input = [m('a', '2025-11-29T09:00:00Z'), m('b', '2025-11-29T11:00:00Z'), m('c', '2025-11-29T10:00:00Z')];
    expect(newestFirst(input).map((x) => x.id)).toEqual(['b', 'c', 'a']);
    expect(input[0]?.id).toBe('a');
  });
});

describe('e-mail addresses', () => {
  it('accepts plausible addresses', () => {
    expect(isEmailAddress('ada@example.com')).toBe(true);
    expect(isEmailAddress(' ada.l+ops@mail.engines.example ')).toBe(true);
  });

  it('says what is wrong', () => {
    expect(emailProblem('')).toBe('Enter an e-mail address.');
    expect(emailProblem('ada')).toMatch(/like name@example.com/);
    expect(emailProblem('ada@example')).toMatch(/like/);
    expect(emailProblem('a b@example.com')).toMatch(/like/);
    expect(emailProblem('ada@example.com')).toBeUndefined();
  });
});
