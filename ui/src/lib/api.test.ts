import { beforeEach, describe, expect, it, vi } from 'vitest';

const tauri = vi.hoisted(() => ({
  invoke: vi.fn<(cmd: string, args?: unknown) => Promise<unknown>>(),
  isTauri: vi.fn(() => true),
}));

vi.mock('@tauri-apps/api/core', () => tauri);

import { api, isCommandErrorCode, NOT_IN_DESKTOP_APP, toCommandError } from './api';
import { customerSession, keyringLocked } from './testing/fixtures';

beforeEach(() => {
  tauri.invoke.mockReset();
  tauri.isTauri.mockReset();
  tauri.isTauri.mockReturnValue(true);
});

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

describe('isCommandErrorCode', () => {
  it('accepts the generated codes and nothing else', () => {
    expect(isCommandErrorCode('sign_in_cancelled')).toBe(true);
    expect(isCommandErrorCode('toString')).toBe(false);
    expect(isCommandErrorCode('SessionExpired')).toBe(false);
    expect(isCommandErrorCode(undefined)).toBe(false);
  });
});

describe('api', () => {
  it('calls each command by its snake_case name with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    await api.startup().catch(() => undefined);
    await api.listConnections();
    await api.tryDemo('agent');
    await api.connect('https://accounts.example.com');
    await api.cancelSignIn();
    await api.resume('c1');
    await api.forgetConnection('c2');
    await api.me();
    await api.signOut();
    expect(tauri.invoke.mock.calls).toEqual([
      ['startup', undefined],
      ['list_connections', undefined],
      ['try_demo', { persona: 'agent' }],
      ['connect', { serverUrl: 'https://accounts.example.com' }],
      ['cancel_sign_in', undefined],
      ['resume', { connectionId: 'c1' }],
      ['forget_connection', { connectionId: 'c2' }],
      ['me', undefined],
      ['sign_out', undefined],
    ]);
  });

  it('resolves with what the command returned', async () => {
    tauri.invoke.mockResolvedValue(customerSession);
    await expect(api.tryDemo('customer')).resolves.toEqual(customerSession);
  });

  it('rejects with a normalised CommandError', async () => {
    tauri.invoke.mockRejectedValue({ ...keyringLocked, request_id: null });
    await expect(api.me()).rejects.toEqual(keyringLocked);
  });

  it('rejects a string rejection as code other', async () => {
    tauri.invoke.mockRejectedValue('Command me not found');
    await expect(api.me()).rejects.toEqual({ code: 'other', message: 'Command me not found' });
  });

  it('refuses to call outside the desktop app', async () => {
    tauri.isTauri.mockReturnValue(false);
    await expect(api.me()).rejects.toEqual(NOT_IN_DESKTOP_APP);
    expect(tauri.invoke).not.toHaveBeenCalled();
  });

  it('turns a null startup notice into no notice', async () => {
    tauri.invoke.mockResolvedValue({ state: 'signed_out', connections: [], notice: null });
    const state = await api.startup();
    expect(state).toEqual({ state: 'signed_out', connections: [] });
  });

  it('normalises a startup notice', async () => {
    tauri.invoke.mockResolvedValue({
      state: 'signed_out',
      connections: [],
      notice: { ...keyringLocked, request_id: null },
    });
    await expect(api.startup()).resolves.toEqual({
      state: 'signed_out',
      connections: [],
      notice: keyringLocked,
    });
  });
});
