// `toCommandError` and `isCommandErrorCode`: whatever a command rejected
// with reaches the UI as a `CommandError` it can show and branch on.

import { describe, expect, it } from 'vitest';

import { isCommandErrorCode, toCommandError } from './commandErrors';

describe('toCommandError', () => {
  it('keeps a well-formed CommandError, and only its fields', () => {
    const error = toCommandError({
      code: 'keyring_locked',
      message: 'Your keyring is locked.',
      advice: 'Unlock it, then try again.',
      request_id: 'req-123',
      token: 'must-not-leak',
    });
    expect(error).toEqual({
      code: 'keyring_locked',
      message: 'Your keyring is locked.',
      advice: 'Unlock it, then try again.',
      request_id: 'req-123',
    });
  });

  it('drops null and empty optional fields, as serde sends None', () => {
    const error = toCommandError({ code: 'other', message: 'Boom', advice: null, request_id: '' });
    expect(error).toEqual({ code: 'other', message: 'Boom' });
    expect('advice' in error).toBe(false);
    expect('request_id' in error).toBe(false);
  });

  it('maps an unknown code to other, keeping the message', () => {
    expect(toCommandError({ code: 'teapot', message: 'I am a teapot' })).toEqual({
      code: 'other',
      message: 'I am a teapot',
    });
  });

  it('keeps a known code even without a message', () => {
    const error = toCommandError({ code: 'session_expired' });
    expect(error.code).toBe('session_expired');
    expect(error.message).not.toBe('');
  });

  it('wraps a string rejection (Tauri errors, unknown commands) as other', () => {
    expect(toCommandError('Command foo not found')).toEqual({
      code: 'other',
      message: 'Command foo not found',
    });
  });

  it('wraps an Error as other with its message', () => {
    expect(toCommandError(new TypeError('x is undefined'))).toEqual({
      code: 'other',
      message: 'x is undefined',
    });
  });

  it.each([undefined, null, 42, '', {}, []])('gives a generic message for %j', (reason) => {
    const error = toCommandError(reason);
    expect(error.code).toBe('other');
    expect(error.message).toBe('Something unexpected went wrong.');
  });

  it('does not take a non-string message', () => {
    expect(toCommandError({ code: 'invalid_input', message: { nested: true } }).message).toBe(
      'Something unexpected went wrong.',
    );
  });
});

describe('field errors', () => {
  it('keeps the well-formed field errors of an invalid_input rejection', () => {
    const error = toCommandError({
      code: 'invalid_input',
      message: 'Some fields need attention.',
      fields: [
        { field: 'postal_address.postal_code', rule: 'format', message: 'Use the format A9 9AA.' },
        { field: 'emails[1].address', rule: 'email', message: 'Not an e-mail address.' },
        { field: 'phone', message: 'No rule given.' },
        { field: 42, rule: 'x', message: 'bad path' },
        { field: 'fax', rule: 'x', message: '' },
        'nonsense',
      ],
    });
    expect(error.fields).toEqual([
      { field: 'postal_address.postal_code', rule: 'format', message: 'Use the format A9 9AA.' },
      { field: 'emails[1].address', rule: 'email', message: 'Not an e-mail address.' },
      { field: 'phone', rule: 'invalid', message: 'No rule given.' },
    ]);
  });

  it('leaves fields out when there are none', () => {
    expect('fields' in toCommandError({ code: 'invalid_input', message: 'x', fields: [] })).toBe(false);
    expect('fields' in toCommandError({ code: 'invalid_input', message: 'x', fields: null })).toBe(false);
  });
});

describe('isCommandErrorCode', () => {
  it.each(['step_up_required', 'forbidden', 'not_found', 'conflict'])('knows the issue 3 code %s', (code) => {
    expect(isCommandErrorCode(code)).toBe(true);
    expect(toCommandError({ code, message: 'm' }).code).toBe(code);
  });

  it('accepts the generated codes and nothing else', () => {
    expect(isCommandErrorCode('sign_in_cancelled')).toBe(true);
    expect(isCommandErrorCode('toString')).toBe(false);
    expect(isCommandErrorCode('SessionExpired')).toBe(false);
    expect(isCommandErrorCode(undefined)).toBe(false);
  });
});
