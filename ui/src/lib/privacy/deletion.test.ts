import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { COOLING_OFF_DAYS, deletionRequest, fakeDeletion, HOLD, type FakeDeletion } from '../testing/deletion';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import {
  CANCEL_KEY,
  cancelledMessage,
  coolingOffText,
  createDeletionController,
  EMPTY_DELETION,
  fieldError,
  fieldsMessage,
  historyText,
  nameMatches,
  pendingText,
  reasonProblem,
  REQUEST_KEY,
  requestedMessage,
  type DeletionState,
} from './deletion';

const ACCOUNT = 'acc-1';
const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };

function setup(fake: FakeDeletion = fakeDeletion(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: DeletionState = EMPTY_DELETION;
  const ctl = createDeletionController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeDeletion = fakeDeletion(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load(ACCOUNT);
  return t;
}

describe('wording and rules', () => {
  it('confirms with the account’s name, trimmed, in any case', () => {
    expect(nameMatches('Ada Lovelace', 'Ada Lovelace')).toBe(true);
    expect(nameMatches('  ada LOVELACE ', 'Ada Lovelace')).toBe(true);
    expect(nameMatches('Ada', 'Ada Lovelace')).toBe(false);
    expect(nameMatches('AdaLovelace', 'Ada Lovelace')).toBe(false);
    expect(nameMatches('   ', '  ')).toBe(false);
  });

  it('takes a reason of at most 500 characters', () => {
    expect(reasonProblem('')).toBeUndefined();
    expect(reasonProblem('x'.repeat(500))).toBeUndefined();
    expect(reasonProblem(` ${'x'.repeat(500)} `)).toBeUndefined();
    expect(reasonProblem('x'.repeat(501))).toBe('Use at most 500 characters.');
  });

  it('words the cooling-off period, a pending request and the last one', () => {
    expect(coolingOffText(14)).toBe(
      'Nothing is deleted straight away: we wait 14 days after you confirm, and until then you, or another owner, can cancel the request here.',
    );
    expect(coolingOffText(1)).toContain('we wait 1 day after');
    expect(pendingText(deletionRequest(), 'en-GB')).toBe(
      'Deletion requested by Ada Customer on 5 Mar 2026; it will be carried out on or after 19 Mar 2026.',
    );
    const cancelled = deletionRequest({ status: 'cancelled', closed_by: 'Bob Owner', closed_at: '2026-03-06T09:00:00Z' });
    expect(historyText(cancelled, 'en-GB')).toBe(
      'The last deletion request, made by Ada Customer on 5 Mar 2026, was cancelled by Bob Owner on 6 Mar 2026.',
    );
    expect(historyText(deletionRequest({ status: 'completed' }), 'en-GB')).toBe(
      'The last deletion request, made by Ada Customer on 5 Mar 2026, was carried out.',
    );
    expect(historyText(deletionRequest())).toBeUndefined();
  });
});

describe('loading', () => {
  it('shows what stops, what is kept, and the cooling-off period', async () => {
    const fake = fakeDeletion();
    const t = await loaded(fake);
    expect(t.api.loadDeletion).toHaveBeenCalledWith(ACCOUNT);
    expect(t.state()).toMatchObject({ status: 'ready', asking: false, view: fake.current() });
    expect(t.state().view?.cooling_off_days).toBe(COOLING_OFF_DAYS);
  });

  it('shows why it could not load', async () => {
    const t = await loaded(fakeDeletion(), { loadDeletion: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
  });

  it('keeps only the latest account’s answer', async () => {
    const first = deferred<Awaited<ReturnType<Api['loadDeletion']>>>();
    const fake = fakeDeletion();
    const load = vi.fn<Api['loadDeletion']>(() => first.promise);
    const t = setup(fake, { loadDeletion: load });
    const stale = t.ctl.load('acc-old');
    load.mockImplementationOnce(fake.api.loadDeletion);
    await t.ctl.load(ACCOUNT);
    first.resolve({ ...fake.current(), account_name: 'Old' });
    await stale;
    expect(t.state().view?.account_name).toBe('Ada Lovelace');
  });
});

describe('requesting deletion', () => {
  async function asking(fake = fakeDeletion(), overrides: Partial<Api> = {}) {
    const t = await loaded(fake, overrides);
    t.ctl.ask();
    expect(t.state().asking).toBe(true);
    return t;
  }

  it('sends the typed name and the reason, then shows the pending request', async () => {
    const t = await asking();
    await expect(t.ctl.request('  ada lovelace ', '  Moving to another service. ')).resolves.toBe(true);
    expect(t.api.requestDeletion).toHaveBeenCalledWith(ACCOUNT, {
      confirm_name: 'ada lovelace',
      reason: 'Moving to another service.',
    });
    expect(t.state().asking).toBe(false);
    expect(t.state().view?.request).toMatchObject({ status: 'pending', reason: 'Moving to another service.' });
    expect(t.state().actions.done).toEqual({ key: REQUEST_KEY, message: requestedMessage(t.state().view!) });
    expect(requestedMessage(t.state().view!, 'en-GB')).toBe(
      'Deletion requested. Ada Lovelace will be deleted on or after 19 Mar 2026; we sent you an e-mail, and you can cancel until then.',
    );
  });

  it('sends no reason when none was given', async () => {
    const t = await asking();
    await t.ctl.request('Ada Lovelace', '   ');
    expect(t.api.requestDeletion).toHaveBeenCalledWith(ACCOUNT, { confirm_name: 'Ada Lovelace', reason: null });
  });

  it('sends nothing until the name matches, nor with too long a reason, nor without the form', async () => {
    const t = await loaded();
    await expect(t.ctl.request('Ada Lovelace', '')).resolves.toBe(false);
    t.ctl.ask();
    await expect(t.ctl.request('Ada Lovelac', '')).resolves.toBe(false);
    await expect(t.ctl.request('Ada Lovelace', 'x'.repeat(501))).resolves.toBe(false);
    expect(t.api.requestDeletion).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors next to their fields, and keeps the form', async () => {
    const refusal = {
      code: 'invalid_input',
      message: 'Validation failed.',
      fields: [{ field: 'confirm_name', rule: 'mismatch', message: 'Type the account’s name exactly as shown to confirm.' }],
    };
    const t = await asking(fakeDeletion(), { requestDeletion: vi.fn(() => Promise.reject(refusal)) });
    await expect(t.ctl.request('Ada Lovelace', '')).resolves.toBe(false);
    expect(fieldError(t.state(), 'confirm_name')).toBe('Type the account’s name exactly as shown to confirm.');
    expect(fieldError(t.state(), 'reason')).toBeUndefined();
    expect(t.state().actions.errors[REQUEST_KEY]?.message).toBe(fieldsMessage());
    expect(t.state().asking).toBe(true);
    t.ctl.close();
    expect(t.state().asking).toBe(false);
    expect(fieldError(t.state(), 'confirm_name')).toBeUndefined();
  });

  it('is still taken under a legal hold', async () => {
    const t = await asking(fakeDeletion({ hold: HOLD }));
    await expect(t.ctl.request('Ada Lovelace', '')).resolves.toBe(true);
    expect(t.state().view).toMatchObject({ legal_hold: HOLD, request: { status: 'pending' } });
  });

  it('shows a request made elsewhere meanwhile, with the refusal', async () => {
    const fake = fakeDeletion();
    const t = await asking(fake);
    await fake.api.requestDeletion(ACCOUNT, { confirm_name: 'Ada Lovelace', reason: null });
    await expect(t.ctl.request('Ada Lovelace', '')).resolves.toBe(false);
    expect(t.state().actions.errors[REQUEST_KEY]?.code).toBe('conflict');
    expect(t.state().view?.request?.status).toBe('pending');
  });

  it('is not asked for while a request is pending', async () => {
    const t = await loaded(fakeDeletion({ request: deletionRequest() }));
    t.ctl.ask();
    expect(t.state().asking).toBe(false);
  });
});

describe('cancelling', () => {
  it('cancels the pending request, and keeps it as history', async () => {
    const t = await loaded(fakeDeletion({ request: deletionRequest() }));
    await expect(t.ctl.cancel()).resolves.toBe(true);
    expect(t.api.cancelDeletion).toHaveBeenCalledWith(ACCOUNT);
    expect(t.state().view?.request?.status).toBe('cancelled');
    expect(historyText(t.state().view!.request!)).toMatch(/was cancelled by Ada Customer on /);
    expect(t.state().actions.done).toEqual({ key: CANCEL_KEY, message: cancelledMessage(t.state().view!) });
    expect(cancelledMessage(t.state().view!)).toBe('Deletion cancelled: Ada Lovelace stays as it is.');
  });

  it('offers nothing to cancel without a pending request', async () => {
    const t = await loaded();
    await expect(t.ctl.cancel()).resolves.toBe(false);
    expect(t.api.cancelDeletion).not.toHaveBeenCalled();
  });

  it('shows a failure, and the request still pending', async () => {
    const t = await loaded(fakeDeletion({ request: deletionRequest() }), {
      cancelDeletion: vi.fn(() => Promise.reject(unreachable)),
    });
    await expect(t.ctl.cancel()).resolves.toBe(false);
    expect(t.state().actions.errors[CANCEL_KEY]).toEqual(unreachable);
    expect(t.state().view?.request?.status).toBe('pending');
  });

  it('reads the request again when it was closed elsewhere', async () => {
    const fake = fakeDeletion({ request: deletionRequest() });
    const t = await loaded(fake);
    await fake.api.cancelDeletion(ACCOUNT);
    await expect(t.ctl.cancel()).resolves.toBe(false);
    expect(t.state().actions.errors[CANCEL_KEY]?.message).toBe('There is no deletion request waiting to be cancelled.');
    expect(t.state().view?.request?.status).toBe('cancelled');
  });

  it('does one thing at a time', async () => {
    const pending = deferred<Awaited<ReturnType<Api['cancelDeletion']>>>();
    const fake = fakeDeletion({ request: deletionRequest() });
    const t = await loaded(fake, { cancelDeletion: vi.fn(() => pending.promise) });
    const first = t.ctl.cancel();
    await expect(t.ctl.cancel()).resolves.toBe(false);
    pending.resolve({ ...fake.current(), request: deletionRequest({ status: 'cancelled' }) });
    await expect(first).resolves.toBe(true);
    expect(t.api.cancelDeletion).toHaveBeenCalledTimes(1);
  });
});

describe('switching accounts meanwhile', () => {
  const OTHER = 'acc-2';
  type View = Awaited<ReturnType<Api['cancelDeletion']>>;

  it('shows nothing of a refusal for the previous account', async () => {
    const fake = fakeDeletion({ request: deletionRequest() });
    const slow = deferred<View>();
    const load = vi.fn<Api['loadDeletion']>(fake.api.loadDeletion);
    const t = await loaded(fake, { cancelDeletion: vi.fn(() => slow.promise), loadDeletion: load });
    const cancelling = t.ctl.cancel();
    expect(t.state().actions.busy).toBe(CANCEL_KEY);
    await t.ctl.load(OTHER);
    slow.reject({ code: 'conflict', message: 'There is no deletion request waiting to be cancelled.' });
    await expect(cancelling).resolves.toBe(false);
    expect(t.state()).toMatchObject({ accountId: OTHER, status: 'ready' });
    expect(t.state().actions).toEqual({ errors: {} });
    expect(load.mock.calls).toEqual([[ACCOUNT], [OTHER]]);
  });

  it('shows nothing of a request for the previous account, even back on it', async () => {
    const fake = fakeDeletion();
    const slow = deferred<View>();
    const t = await loaded(fake, { requestDeletion: vi.fn(() => slow.promise) });
    t.ctl.ask();
    const requesting = t.ctl.request('Ada Lovelace', '');
    await t.ctl.load(OTHER);
    await t.ctl.load(ACCOUNT);
    slow.resolve({ ...fake.current(), request: deletionRequest() });
    await expect(requesting).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
    expect(t.state().view?.request).toBeUndefined();
  });

  it('gives up on a step-up the previous account’s request waits for', async () => {
    const t = await loaded(fakeDeletion(), {
      requestDeletion: vi.fn(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' })),
    });
    t.ctl.ask();
    const requesting = t.ctl.request('Ada Lovelace', '');
    await vi.waitFor(() => expect(t.state().actions.stepUp).toBeDefined());
    await t.ctl.load(OTHER);
    await expect(requesting).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
  });
});

describe('shown again (a kept page)', () => {
  it('reads where deletion stands again, keeping it on screen meanwhile', async () => {
    const t = await loaded();
    const read = deferred<Awaited<ReturnType<Api['loadDeletion']>>>();
    vi.mocked(t.api.loadDeletion).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT);
    expect(t.state().status).toBe('ready');
    const pending = { ...t.fake.current(), request: deletionRequest() };
    read.resolve(pending);
    await again;
    expect(t.state().view).toEqual(pending);
  });

  it('drops an answer read before a request was sent', async () => {
    const t = await loaded();
    const read = deferred<Awaited<ReturnType<Api['loadDeletion']>>>();
    const before = t.fake.current();
    vi.mocked(t.api.loadDeletion).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT);
    t.ctl.ask();
    await t.ctl.request('Ada Lovelace', 'Moving to another service.');
    read.resolve(before);
    await again;
    expect(t.state().view?.request).toMatchObject({ status: 'pending' });
  });
});
