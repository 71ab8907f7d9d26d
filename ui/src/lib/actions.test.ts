import { describe, expect, it, vi } from 'vitest';
import { createRunner, createScopedRunner, NO_ACTIONS, type ActionState } from './actions';
import type { Api } from './api';
import type { SectionDeps } from './deps';
import type { CommandError } from './generated/CommandError';
import { deferred, unexpectedApi } from './testing/fakeApi';
import { customerSession, sessionExpired } from './testing/fixtures';

const stepUp: CommandError = { code: 'step_up_required', message: 'Sign in again to continue.' };
const cancelled: CommandError = { code: 'sign_in_cancelled', message: 'Sign-in cancelled.' };

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ reauthenticate: vi.fn(() => Promise.resolve(customerSession)), ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: ActionState = NO_ACTIONS;
  const runner = createRunner(deps, { get: () => state, set: (next) => (state = next) });
  return { api, deps, runner, state: () => state };
}

describe('running actions', () => {
  it('is busy while running, then shows the success message', async () => {
    const t = setup();
    const pending = deferred<void>();
    const done = t.runner.run('password', () => pending.promise, 'Password changed.');
    expect(t.state().busy).toBe('password');
    pending.resolve();
    await expect(done).resolves.toBe(true);
    expect(t.state()).toEqual({ errors: {}, done: { key: 'password', message: 'Password changed.' } });
  });

  it('keeps a failure next to its action, and clears it on the next try', async () => {
    const t = setup();
    const error: CommandError = { code: 'conflict', message: 'The last owner cannot leave.' };
    await expect(t.runner.run('member:1', () => Promise.reject(error))).resolves.toBe(false);
    expect(t.state().errors).toEqual({ 'member:1': error });
    await t.runner.run('member:1', () => Promise.resolve());
    expect(t.state().errors).toEqual({});
  });

  it('runs one action at a time', async () => {
    const t = setup();
    const pending = deferred<void>();
    const first = t.runner.run('a', () => pending.promise);
    const second = vi.fn(() => Promise.resolve());
    await expect(t.runner.run('b', second)).resolves.toBe(false);
    expect(second).not.toHaveBeenCalled();
    pending.resolve();
    await first;
  });

  it('hands an expired session to the shell', async () => {
    const t = setup();
    await t.runner.run('a', () => Promise.reject(sessionExpired));
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(sessionExpired);
  });

  it('dismisses an error or a success message', async () => {
    const t = setup();
    await t.runner.run('a', () => Promise.reject(new Error('boom')));
    t.runner.dismiss('a');
    expect(t.state().errors).toEqual({});
    await t.runner.run('b', () => Promise.resolve(), 'Done.');
    t.runner.dismiss('b');
    expect(t.state().done).toBeUndefined();
  });
});

describe('step-up', () => {
  it('asks to sign in again, then retries the action once and resolves with its outcome', async () => {
    const t = setup();
    const action = vi.fn<() => Promise<void>>().mockRejectedValueOnce(stepUp).mockResolvedValueOnce();
    const result = t.runner.run('password', action, 'Password changed.');
    await vi.waitFor(() => expect(t.state().stepUp).toEqual({ key: 'password', busy: false }));
    expect(t.state().busy).toBeUndefined();

    await t.runner.confirmStepUp();
    expect(t.api.reauthenticate).toHaveBeenCalledOnce();
    expect(t.deps.sessionRenewed).toHaveBeenCalledWith(customerSession);
    expect(action).toHaveBeenCalledTimes(2);
    await expect(result).resolves.toBe(true);
    expect(t.state().stepUp).toBeUndefined();
    expect(t.state().done?.message).toBe('Password changed.');
  });

  it('shows a second step-up refusal as an error instead of asking forever', async () => {
    const t = setup();
    const result = t.runner.run('twofactor', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    await t.runner.confirmStepUp();
    await expect(result).resolves.toBe(false);
    expect(t.state().errors.twofactor).toEqual(stepUp);
    expect(t.state().stepUp).toBeUndefined();
  });

  it('keeps the prompt with the reason when the sign-in is cancelled in the browser', async () => {
    const t = setup({ reauthenticate: vi.fn(() => Promise.reject(cancelled)) });
    void t.runner.run('email', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    await t.runner.confirmStepUp();
    expect(t.state().stepUp).toEqual({ key: 'email', busy: false, error: cancelled });
  });

  it('Cancel gives up on the action', async () => {
    const t = setup();
    const result = t.runner.run('email', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    await t.runner.cancelStepUp();
    await expect(result).resolves.toBe(false);
    expect(t.state().stepUp).toBeUndefined();
    expect(t.api.reauthenticate).not.toHaveBeenCalled();
  });

  it('Cancel during the sign-in cancels it and closes the prompt', async () => {
    const signIn = deferred<typeof customerSession>();
    const t = setup({
      reauthenticate: vi.fn(() => signIn.promise),
      cancelSignIn: vi.fn(() => {
        signIn.reject(cancelled);
        return Promise.resolve();
      }),
    });
    const result = t.runner.run('email', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    const confirming = t.runner.confirmStepUp();
    expect(t.state().stepUp?.busy).toBe(true);
    await t.runner.cancelStepUp();
    await confirming;
    await expect(result).resolves.toBe(false);
    expect(t.api.cancelSignIn).toHaveBeenCalledOnce();
    expect(t.state().stepUp).toBeUndefined();
  });

  it('starting another action abandons the waiting one', async () => {
    const t = setup();
    const first = t.runner.run('email', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    await expect(t.runner.run('activity', () => Promise.resolve())).resolves.toBe(true);
    await expect(first).resolves.toBe(false);
    expect(t.state().stepUp).toBeUndefined();
  });
});

describe('quietSince: may a background read still be shown', () => {
  it('yes while no action has started since', async () => {
    const t = setup();
    await t.runner.run('save', () => Promise.resolve());
    const quiet = t.runner.quietSince();
    expect(quiet()).toBe(true);
  });

  it('no once an action started, even when it has finished', async () => {
    const t = setup();
    const quiet = t.runner.quietSince();
    await t.runner.run('save', () => Promise.resolve());
    expect(quiet()).toBe(false);
  });

  it('no while an action that started before is still running or waits for a step-up', async () => {
    const t = setup();
    const pending = deferred<void>();
    const running = t.runner.run('save', () => pending.promise);
    expect(t.runner.quietSince()()).toBe(false);
    pending.resolve();
    await running;
    expect(t.runner.quietSince()()).toBe(true);

    void t.runner.run('save', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    expect(t.runner.quietSince()()).toBe(false);
  });
});

describe('a runner for one account at a time', () => {
  function scoped(overrides: Partial<Api> = {}) {
    const api = unexpectedApi({ reauthenticate: vi.fn(() => Promise.resolve(customerSession)), ...overrides });
    const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
    let state: ActionState = NO_ACTIONS;
    const runner = createScopedRunner(deps, { get: () => state, set: (next) => (state = next) });
    /** Another account: its actions start afresh. */
    const next = () => {
      runner.renew();
      state = NO_ACTIONS;
    };
    return { api, runner, next, state: () => state };
  }

  it('writes nothing of an action started for the previous account', async () => {
    const t = scoped();
    const pending = deferred<void>();
    const current = t.runner.current();
    const old = t.runner.run('save', () => pending.promise, 'Saved.');
    t.next();
    expect(current()).toBe(false);
    await expect(t.runner.run('other', () => Promise.resolve(), 'Done.')).resolves.toBe(true);
    pending.reject({ code: 'conflict', message: 'Changed elsewhere.' });
    await old;
    expect(t.state()).toEqual({ errors: {}, done: { key: 'other', message: 'Done.' } });
  });

  it('gives up on a step-up the previous account waits for, and retries nothing after one under way', async () => {
    const t = scoped();
    const first = t.runner.run('save', () => Promise.reject(stepUp));
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    t.next();
    await expect(first).resolves.toBe(false);

    const signIn = deferred<typeof customerSession>();
    vi.mocked(t.api.reauthenticate).mockImplementationOnce(() => signIn.promise);
    const action = vi.fn<() => Promise<void>>().mockRejectedValueOnce(stepUp).mockResolvedValue();
    const second = t.runner.run('save', action);
    await vi.waitFor(() => expect(t.state().stepUp).toBeDefined());
    const confirming = t.runner.confirmStepUp();
    t.next();
    signIn.resolve(customerSession);
    await confirming;
    await second;
    expect(action).toHaveBeenCalledOnce();
    expect(t.state()).toEqual(NO_ACTIONS);
  });

  it('says a read started for the previous account is stale', () => {
    const t = scoped();
    const quiet = t.runner.quietSince();
    expect(quiet()).toBe(true);
    t.next();
    expect(quiet()).toBe(false);
    expect(t.runner.quietSince()()).toBe(true);
  });
});
