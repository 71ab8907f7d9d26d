import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { unexpectedApi } from '../testing/fakeApi';
import { customerSession } from '../testing/fixtures';
import { otherDevice, overview, thisDevice } from '../testing/security';
import {
  createSecurityController,
  EMPTY_SECURITY,
  passwordChanged,
  type SecurityState,
} from './controller';

const stepUp: CommandError = { code: 'step_up_required', message: 'Sign in again.' };

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({
    loadSecurity: vi.fn(() => Promise.resolve(overview)),
    listSessions: vi.fn(() => Promise.resolve([thisDevice, otherDevice])),
    listActivity: vi.fn(() => Promise.resolve([])),
    reauthenticate: vi.fn(() => Promise.resolve(customerSession)),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: SecurityState = EMPTY_SECURITY;
  const onIdentityChanged = vi.fn();
  const ctl = createSecurityController(deps, { get: () => state, set: (s) => (state = s) }, { onIdentityChanged });
  return { api, deps, ctl, onIdentityChanged, state: () => state };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('security', () => {
  it('loads the overview, sessions and activity together', async () => {
    const t = setup();
    await t.ctl.load();
    expect(t.state()).toMatchObject({ status: 'ready', overview, sessions: [thisDevice, otherDevice], activity: [] });
  });

  it('checks the password as it is typed, and clears the check for an empty field', async () => {
    const rule = { field: 'new_password', rule: 'min_length', message: 'Use at least 12 characters.' };
    const t = setup({ validatePassword: vi.fn(() => Promise.resolve([rule])) });
    t.ctl.checkPassword('short');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.api.validatePassword).toHaveBeenCalledWith('short');
    expect(t.state().passwordErrors).toEqual([rule]);
    t.ctl.checkPassword('');
    expect(t.state().passwordErrors).toEqual([]);
  });

  it('changes the password, says other sessions were signed out, and re-reads the sessions', async () => {
    const listSessions = vi
      .fn<Api['listSessions']>()
      .mockResolvedValueOnce([thisDevice, otherDevice])
      .mockResolvedValueOnce([thisDevice]);
    const t = setup({ changePassword: vi.fn(() => Promise.resolve()), listSessions });
    await t.ctl.load();
    await expect(t.ctl.changePassword('old password here', 'correct horse battery staple')).resolves.toBe(true);
    expect(t.api.changePassword).toHaveBeenCalledWith('old password here', 'correct horse battery staple');
    expect(t.state().sessions).toEqual([thisDevice]);
    expect(t.state().actions.done).toEqual({ key: 'password', message: passwordChanged() });
    expect(t.api.listActivity).toHaveBeenCalledTimes(2);
  });

  it('shows the rules a rejected password broke next to the field', async () => {
    const fields = [{ field: 'new_password', rule: 'breached', message: 'This password is known to attackers.' }];
    const error: CommandError = { code: 'invalid_input', message: 'Choose another password.', fields };
    const t = setup({ changePassword: vi.fn(() => Promise.reject(error)) });
    await expect(t.ctl.changePassword('old password here', 'password123456')).resolves.toBe(false);
    expect(t.state().passwordErrors).toEqual(fields);
    expect(t.state().actions.errors.password).toEqual(error);
  });

  it('steps up, then retries the password change', async () => {
    const changePassword = vi.fn<Api['changePassword']>().mockRejectedValueOnce(stepUp).mockResolvedValueOnce();
    const t = setup({ changePassword });
    const result = t.ctl.changePassword('old password here', 'correct horse battery staple');
    await vi.waitFor(() => expect(t.state().actions.stepUp?.key).toBe('password'));
    await t.ctl.runner.confirmStepUp();
    await expect(result).resolves.toBe(true);
    expect(changePassword).toHaveBeenCalledTimes(2);
    expect(t.deps.sessionRenewed).toHaveBeenCalledWith(customerSession);
  });

  it('changes the sign-in e-mail in two steps, then re-reads who is signed in', async () => {
    const pending = { ...overview, pending_email: { new_email: 'ada@new.example', expires_at: '2025-11-30T00:00:00Z' } };
    const t = setup({
      changeEmail: vi.fn(() => Promise.resolve(pending)),
      confirmEmail: vi.fn(() => Promise.resolve({ ...overview, email: 'ada@new.example' })),
    });
    await t.ctl.changeEmail(' ada@new.example ', 'old password here');
    expect(t.api.changeEmail).toHaveBeenCalledWith('ada@new.example', 'old password here');
    expect(t.state().overview?.pending_email?.new_email).toBe('ada@new.example');
    expect(t.state().mailSent).toBe(1);
    await t.ctl.confirmEmail(' 123456 ');
    expect(t.api.confirmEmail).toHaveBeenCalledWith('123456');
    expect(t.state().overview?.email).toBe('ada@new.example');
    expect(t.onIdentityChanged).toHaveBeenCalledOnce();
  });

  it('cancels a pending e-mail change', async () => {
    const t = setup({ cancelEmailChange: vi.fn(() => Promise.resolve(overview)) });
    await t.ctl.cancelEmailChange();
    expect(t.state().overview).toEqual(overview);
    expect(t.state().actions.done?.key).toBe('email');
  });

  it('enrols two-factor: secret, then code, then recovery codes shown until acknowledged', async () => {
    const enrolment = { secret: 'JBSW Y3DP EHPK 3PXP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg></svg>' };
    const enabled = { ...overview, two_factor: { enabled: true, recovery_codes_left: 10 } };
    const loadSecurity = vi.fn<Api['loadSecurity']>().mockResolvedValue(enabled);
    const t = setup({
      startTwoFactor: vi.fn(() => Promise.resolve(enrolment)),
      confirmTwoFactor: vi.fn(() => Promise.resolve({ codes: ['aaaa-bbbb', 'cccc-dddd'] })),
      loadSecurity,
    });
    await t.ctl.startTwoFactor();
    expect(t.state().enrolment).toEqual(enrolment);
    await t.ctl.confirmTwoFactor('123 456');
    expect(t.api.confirmTwoFactor).toHaveBeenCalledWith('123456');
    expect(t.state().enrolment).toBeUndefined();
    expect(t.state().recoveryCodes).toEqual(['aaaa-bbbb', 'cccc-dddd']);
    expect(t.state().overview?.two_factor.enabled).toBe(true);
    t.ctl.acknowledgeCodes();
    expect(t.state().recoveryCodes).toBeUndefined();
  });

  it('keeps the enrolment when the code is wrong', async () => {
    const wrong: CommandError = { code: 'invalid_input', message: 'That code did not match.' };
    const t = setup({
      startTwoFactor: vi.fn(() => Promise.resolve({ secret: 'S', otpauth_uri: 'u' })),
      confirmTwoFactor: vi.fn(() => Promise.reject(wrong)),
    });
    await t.ctl.startTwoFactor();
    await t.ctl.confirmTwoFactor('000000');
    expect(t.state().enrolment).toBeDefined();
    expect(t.state().actions.errors.twofactor).toEqual(wrong);
  });

  it('turns two-factor off and makes new recovery codes', async () => {
    const t = setup({
      disableTwoFactor: vi.fn(() => Promise.resolve(overview)),
      regenerateRecoveryCodes: vi.fn(() => Promise.resolve({ codes: ['new1-new1'] })),
    });
    await t.ctl.disableTwoFactor(' 123456 ');
    expect(t.api.disableTwoFactor).toHaveBeenCalledWith('123456');
    expect(t.state().actions.done?.message).toBe('Two-factor sign-in is off.');
    await t.ctl.regenerateRecoveryCodes();
    expect(t.state().recoveryCodes).toEqual(['new1-new1']);
  });

  it('does not fail an action when only the follow-up re-read fails', async () => {
    const t = setup({
      revokeSession: vi.fn(() => Promise.resolve([thisDevice])),
      listActivity: vi.fn(() => Promise.reject({ code: 'server_unreachable', message: 'No answer.' })),
    });
    await expect(t.ctl.revokeSession('s-2')).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('revokes one session, or all the others', async () => {
    const t = setup({
      revokeSession: vi.fn(() => Promise.resolve([thisDevice])),
      revokeOtherSessions: vi.fn(() => Promise.resolve([thisDevice])),
    });
    await t.ctl.load();
    await t.ctl.revokeSession('s-2');
    expect(t.api.revokeSession).toHaveBeenCalledWith('s-2');
    expect(t.state().sessions).toEqual([thisDevice]);
    await t.ctl.revokeOtherSessions();
    expect(t.state().actions.done).toEqual({ key: 'sessions', message: 'All your other sessions are signed out.' });
  });
});

describe('a kept Security page, hidden and shown again', () => {
  it('forgets a new authenticator secret, fresh recovery codes and a pending password check when hidden', async () => {
    const validatePassword = vi.fn(() => Promise.resolve([]));
    const t = setup({
      startTwoFactor: vi.fn(() => Promise.resolve({ secret: 'JBSW Y3DP', otpauth_uri: 'otpauth://totp/x' })),
      regenerateRecoveryCodes: vi.fn(() => Promise.resolve({ codes: ['aaaa-bbbb'] })),
      validatePassword,
    });
    await t.ctl.load();
    await t.ctl.startTwoFactor();
    await t.ctl.regenerateRecoveryCodes();
    t.ctl.checkPassword('half typed');
    t.ctl.forget();
    expect(t.state().enrolment).toBeUndefined();
    expect(t.state().recoveryCodes).toBeUndefined();
    expect(t.state().passwordErrors).toEqual([]);
    await vi.runAllTimersAsync();
    expect(validatePassword).not.toHaveBeenCalled();
    expect(t.state()).toMatchObject({ status: 'ready', overview });
  });

  it('reads everything again, keeping it on screen, and replaces only what changed', async () => {
    const t = setup();
    await t.ctl.load();
    const before = t.state();
    await t.ctl.revalidate();
    expect(t.state()).toBe(before);
    vi.mocked(t.api.listSessions).mockResolvedValueOnce([thisDevice]);
    await t.ctl.revalidate();
    expect(t.state().sessions).toEqual([thisDevice]);
    expect(t.state().overview).toBe(before.overview);
  });

  it('drops what was read before a change was made', async () => {
    const t = setup({ revokeSession: vi.fn(() => Promise.resolve([thisDevice])) });
    await t.ctl.load();
    let answer!: (sessions: (typeof thisDevice)[]) => void;
    vi.mocked(t.api.listSessions).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const again = t.ctl.revalidate();
    await t.ctl.revokeSession('s-2');
    answer([thisDevice, otherDevice]);
    await again;
    expect(t.state().sessions).toEqual([thisDevice]);
  });
});
