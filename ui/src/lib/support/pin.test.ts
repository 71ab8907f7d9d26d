import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { SessionView } from '../generated/SessionView';
import type { SupportPinStatus } from '../generated/SupportPinStatus';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { customerSession } from '../testing/fixtures';
import { fakeSupportPin, PIN_SET_AT, type FakeSupportPin } from '../testing/support';
import {
  createSupportPinController,
  EMPTY_SUPPORT_PIN,
  fieldsMessage,
  pinChanged,
  PIN_CLEAR_KEY,
  pinCleared,
  PIN_SAVE_KEY,
  pinSaved,
  pinFieldError,
  pinStatusText,
  type SupportPinState,
} from './pin';

const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };

function setup(fake: FakeSupportPin = fakeSupportPin(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: SupportPinState = EMPTY_SUPPORT_PIN;
  const ctl = createSupportPinController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake?: FakeSupportPin, overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load();
  return t;
}

describe('wording', () => {
  it('says whether a PIN is set, and since when', () => {
    expect(pinStatusText({ is_set: false })).toBe('No support PIN is set.');
    expect(pinStatusText({ is_set: true, set_at: PIN_SET_AT }, 'en-GB')).toBe('A support PIN is set. You set it on 4 Mar 2026.');
    expect(pinStatusText({ is_set: true })).toBe('A support PIN is set.');
  });
});

describe('loading', () => {
  it('reads whether a PIN is set', async () => {
    const t = await loaded(fakeSupportPin({ pin: '402719' }));
    expect(t.state()).toMatchObject({ status: 'ready', pin: { is_set: true, set_at: PIN_SET_AT } });
  });

  it('shows why it could not load', async () => {
    const t = await loaded(undefined, { loadSupportPin: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
  });

  it('is not offered to people the server refuses it to (staff)', async () => {
    const forbidden = { code: 'forbidden', message: 'Staff accounts have no support PIN.' };
    const t = await loaded(undefined, { loadSupportPin: vi.fn(() => Promise.reject(forbidden)) });
    expect(t.state().status).toBe('unavailable');
    expect(t.state().loadError).toBeUndefined();
  });
});

describe('setting the PIN', () => {
  it('sends the PIN, trimmed, and keeps only whether it is set', async () => {
    const t = await loaded();
    await expect(t.ctl.save(' 402719 ')).resolves.toBe(true);
    expect(t.api.setSupportPin).toHaveBeenCalledWith('402719');
    expect(t.fake.pin()).toBe('402719');
    expect(t.state().pin).toMatchObject({ is_set: true });
    expect(t.state().actions.done).toEqual({ key: PIN_SAVE_KEY, message: pinSaved() });
    // The PIN itself is nowhere in the state.
    expect(JSON.stringify(t.state())).not.toContain('402719');
  });

  it('says "changed" when one was set', async () => {
    const t = await loaded(fakeSupportPin({ pin: '402719' }));
    await expect(t.ctl.save('5820461')).resolves.toBe(true);
    expect(t.state().actions.done).toEqual({ key: PIN_SAVE_KEY, message: pinChanged() });
  });

  it('sends nothing that breaks the rule', async () => {
    const t = await loaded();
    for (const pin of ['', '12345', '12a456', '111111', '123456', '987654', '90123456']) {
      await expect(t.ctl.save(pin), pin).resolves.toBe(false);
    }
    expect(t.api.setSupportPin).not.toHaveBeenCalled();
  });

  it('shows the server’s words for the PIN next to the field', async () => {
    const refusal = {
      code: 'invalid_input',
      message: 'Bad.',
      fields: [{ field: 'pin', rule: 'breached', message: 'This PIN is too common; choose another.' }],
    };
    const t = await loaded(undefined, { setSupportPin: vi.fn(() => Promise.reject(refusal)) });
    await expect(t.ctl.save('402719')).resolves.toBe(false);
    expect(pinFieldError(t.state())).toBe('This PIN is too common; choose another.');
    expect(t.state().actions.errors[PIN_SAVE_KEY]?.message).toBe(fieldsMessage());
    expect(t.state().pin).toEqual({ is_set: false });
  });

  it('asks for a recent sign-in, then saves', async () => {
    const fake = fakeSupportPin();
    const set = vi.fn<Api['setSupportPin']>(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' }));
    const t = await loaded(fake, { setSupportPin: set, reauthenticate: vi.fn(() => Promise.resolve(customerSession)) });
    const saving = t.ctl.save('402719');
    await vi.waitFor(() => expect(t.state().actions.stepUp).toMatchObject({ key: PIN_SAVE_KEY }));
    set.mockImplementationOnce(fake.api.setSupportPin);
    await t.ctl.runner.confirmStepUp();
    await expect(saving).resolves.toBe(true);
    expect(t.deps.sessionRenewed).toHaveBeenCalledWith(customerSession satisfies SessionView);
    expect(fake.pin()).toBe('402719');
  });

  it('saves once at a time', async () => {
    const slow = deferred<SupportPinStatus>();
    const t = await loaded(undefined, { setSupportPin: vi.fn(() => slow.promise) });
    const first = t.ctl.save('402719');
    await expect(t.ctl.save('5820461')).resolves.toBe(false);
    await expect(t.ctl.clear()).resolves.toBe(false);
    slow.resolve({ is_set: true, set_at: PIN_SET_AT });
    await expect(first).resolves.toBe(true);
    expect(t.api.setSupportPin).toHaveBeenCalledTimes(1);
  });
});

describe('removing the PIN', () => {
  it('removes it', async () => {
    const t = await loaded(fakeSupportPin({ pin: '402719' }));
    await expect(t.ctl.clear()).resolves.toBe(true);
    expect(t.fake.pin()).toBeUndefined();
    expect(t.state().pin).toEqual({ is_set: false });
    expect(t.state().actions.done).toEqual({ key: PIN_CLEAR_KEY, message: pinCleared() });
  });

  it('offers nothing to remove without a PIN', async () => {
    const t = await loaded();
    await expect(t.ctl.clear()).resolves.toBe(false);
    expect(t.api.clearSupportPin).not.toHaveBeenCalled();
  });

  it('shows a failure, and the PIN still set', async () => {
    const t = await loaded(fakeSupportPin({ pin: '402719' }), { clearSupportPin: vi.fn(() => Promise.reject(unreachable)) });
    await expect(t.ctl.clear()).resolves.toBe(false);
    expect(t.state().actions.errors[PIN_CLEAR_KEY]).toEqual(unreachable);
    expect(t.state().pin?.is_set).toBe(true);
  });
});

describe('shown again (a kept Security page)', () => {
  it('reads whether a PIN is set again, and replaces nothing when unchanged', async () => {
    const t = await loaded();
    const before = t.state();
    await t.ctl.revalidate();
    expect(t.state()).toBe(before);
    vi.mocked(t.api.loadSupportPin).mockResolvedValueOnce({ is_set: true, set_at: PIN_SET_AT });
    await t.ctl.revalidate();
    expect(t.state().pin).toEqual({ is_set: true, set_at: PIN_SET_AT });
  });

  it('drops what was read before a PIN was saved', async () => {
    const t = await loaded();
    const read = deferred<SupportPinStatus>();
    vi.mocked(t.api.loadSupportPin).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate();
    await expect(t.ctl.save('402719')).resolves.toBe(true);
    read.resolve({ is_set: false });
    await again;
    expect(t.state().pin?.is_set).toBe(true);
  });
});
