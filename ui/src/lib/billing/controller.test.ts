import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { PaymentMethod } from '../generated/PaymentMethod';
import type { Subscription } from '../generated/Subscription';
import {
  amex,
  cancelling,
  expiredCard,
  license,
  onStudio,
  subscription,
  upgrade,
  usageMonths,
  visa,
} from '../testing/billing';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { customerSession } from '../testing/fixtures';
import { createBillingController, EMPTY_BILLING, reasonRequired, type BillingState } from './controller';

const ACCOUNT = 'acc-1';
const unreachable: CommandError = { code: 'server_unreachable', message: 'No answer from the server.' };
const stepUp: CommandError = { code: 'step_up_required', message: 'Sign in again.' };

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({
    loadSubscription: vi.fn(() => Promise.resolve(subscription)),
    listPaymentMethods: vi.fn(() => Promise.resolve([visa, expiredCard])),
    listLicenses: vi.fn(() => Promise.resolve([license])),
    loadUsage: vi.fn(() => Promise.resolve(usageMonths(24))),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: BillingState = EMPTY_BILLING;
  let n = 0;
  const changed = vi.fn();
  const ctl = createBillingController(deps, { get: () => state, set: (s) => (state = s) }, {
    newKey: () => `key-${++n}`,
    onSubscriptionChanged: changed,
    locale: 'en-GB',
  });
  return { api, deps, ctl, changed, state: () => state };
}

/** A command that fails `times` times with `error`, then returns `value`. */
function failing<T>(error: CommandError, value: T, times = 1) {
  let calls = 0;
  return vi.fn(() => (++calls <= times ? Promise.reject(error) : Promise.resolve(value)));
}

async function loaded(overrides: Partial<Api> = {}) {
  const t = setup(overrides);
  await t.ctl.load(ACCOUNT);
  return t;
}

describe('loading', () => {
  it('loads every part of the account', async () => {
    const t = await loaded();
    expect(t.api.loadSubscription).toHaveBeenCalledWith(ACCOUNT);
    expect(t.api.listPaymentMethods).toHaveBeenCalledWith(ACCOUNT);
    expect(t.api.listLicenses).toHaveBeenCalledWith(ACCOUNT);
    expect(t.api.loadUsage).toHaveBeenCalledWith(ACCOUNT);
    expect(t.state()).toMatchObject({
      accountId: ACCOUNT,
      subscription: { status: 'ready', value: subscription },
      paymentMethods: { status: 'ready', value: [visa, expiredCard] },
      licenses: { status: 'ready', value: [license] },
    });
  });

  it('keeps the other parts when one fails, and retries that one', async () => {
    const t = await loaded({ loadUsage: failing(unreachable, usageMonths(24)) });
    expect(t.state().usage).toEqual({ status: 'failed', error: unreachable });
    expect(t.state().subscription.status).toBe('ready');
    await t.ctl.reload('usage');
    expect(t.state().usage.status).toBe('ready');
  });

  it('drops a late answer for another account', async () => {
    const slow = deferred<Subscription>();
    const t = setup({ loadSubscription: vi.fn().mockReturnValueOnce(slow.promise).mockResolvedValue(onStudio) });
    const first = t.ctl.load(ACCOUNT);
    await t.ctl.load('acc-2');
    slow.resolve(subscription);
    await first;
    expect(t.state()).toMatchObject({ accountId: 'acc-2', subscription: { value: onStudio } });
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Your session has ended.' };
    const t = await loaded({ loadSubscription: vi.fn(() => Promise.reject(expired)) });
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });
});

describe('plan change', () => {
  it('shows the proration preview of the picked plan', async () => {
    const t = await loaded({ previewPlanChange: vi.fn(() => Promise.resolve(upgrade)) });
    t.ctl.openPlanChange();
    expect(t.state().planChange).toEqual({ previewing: false });
    const previewing = t.ctl.choosePlan('studio-monthly');
    expect(t.state().planChange).toEqual({ planId: 'studio-monthly', previewing: true });
    await previewing;
    expect(t.api.previewPlanChange).toHaveBeenCalledWith(ACCOUNT, 'studio-monthly');
    expect(t.state().planChange).toEqual({ planId: 'studio-monthly', previewing: false, preview: upgrade });
  });

  it('makes the key when the confirmation opens, and sends it on confirm', async () => {
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: vi.fn(() => Promise.resolve(onStudio)),
    });
    await t.ctl.choosePlan('studio-monthly');
    expect(t.ctl.intents.current('plan:studio-monthly')).toBe('key-1');
    await expect(t.ctl.confirmPlanChange()).resolves.toBe(true);
    expect(t.api.changePlan).toHaveBeenCalledWith(ACCOUNT, 'studio-monthly', 'key-1');
    expect(t.state().subscription).toEqual({ status: 'ready', value: onStudio });
    expect(t.state().planChange).toBeUndefined();
    expect(t.state().actions.done?.message).toBe('Plan changed to Studio.');
    expect(t.changed).toHaveBeenCalledOnce();
    expect(t.ctl.intents.current('plan:studio-monthly')).toBeUndefined();
  });

  it('cannot confirm before the preview is shown', async () => {
    const preview = deferred<typeof upgrade>();
    const t = await loaded({ previewPlanChange: vi.fn(() => preview.promise), changePlan: vi.fn() });
    void t.ctl.choosePlan('studio-monthly');
    await expect(t.ctl.confirmPlanChange()).resolves.toBe(false);
    expect(t.api.changePlan).not.toHaveBeenCalled();
  });

  it('reuses the key when the same change is retried after a network error', async () => {
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: failing(unreachable, onStudio),
    });
    await t.ctl.choosePlan('studio-monthly');
    await expect(t.ctl.confirmPlanChange()).resolves.toBe(false);
    expect(t.state().actions.errors.plan).toEqual(unreachable);
    expect(t.state().planChange?.preview).toEqual(upgrade);
    await expect(t.ctl.confirmPlanChange()).resolves.toBe(true);
    expect(vi.mocked(t.api.changePlan).mock.calls).toEqual([
      [ACCOUNT, 'studio-monthly', 'key-1'],
      [ACCOUNT, 'studio-monthly', 'key-1'],
    ]);
  });

  it("keeps an unanswered attempt's key across closing and reopening", async () => {
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: failing(unreachable, onStudio),
    });
    await t.ctl.choosePlan('studio-monthly');
    await t.ctl.confirmPlanChange();
    t.ctl.closePlanChange();
    t.ctl.openPlanChange();
    await t.ctl.choosePlan('studio-monthly');
    await t.ctl.confirmPlanChange();
    expect(vi.mocked(t.api.changePlan).mock.calls.map((c) => c[2])).toEqual(['key-1', 'key-1']);
  });

  it('sends one request for a double click', async () => {
    const change = deferred<Subscription>();
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: vi.fn(() => change.promise),
    });
    await t.ctl.choosePlan('studio-monthly');
    const first = t.ctl.confirmPlanChange();
    const second = t.ctl.confirmPlanChange();
    change.resolve(onStudio);
    await expect(first).resolves.toBe(true);
    await expect(second).resolves.toBe(false);
    expect(t.api.changePlan).toHaveBeenCalledOnce();
  });

  it('reuses the key for the retry after a step-up sign-in', async () => {
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: failing(stepUp, onStudio),
      reauthenticate: vi.fn(() => Promise.resolve(customerSession)),
    });
    await t.ctl.choosePlan('studio-monthly');
    const confirming = t.ctl.confirmPlanChange();
    await vi.waitFor(() => expect(t.state().actions.stepUp).toBeDefined());
    await t.ctl.runner.confirmStepUp();
    await expect(confirming).resolves.toBe(true);
    expect(vi.mocked(t.api.changePlan).mock.calls.map((c) => c[2])).toEqual(['key-1', 'key-1']);
  });

  it('uses a new key for another plan, and after a refusal that changed nothing', async () => {
    const invalid: CommandError = { code: 'invalid_input', message: 'That plan is not offered.' };
    const t = await loaded({
      previewPlanChange: vi.fn(() => Promise.resolve(upgrade)),
      changePlan: failing(invalid, onStudio),
    });
    await t.ctl.choosePlan('starter-monthly');
    await t.ctl.choosePlan('studio-monthly');
    expect(t.ctl.intents.current('plan:starter-monthly')).toBeUndefined();
    expect(t.ctl.intents.current('plan:studio-monthly')).toBe('key-2');
    await t.ctl.confirmPlanChange();
    await t.ctl.confirmPlanChange();
    expect(vi.mocked(t.api.changePlan).mock.calls.map((c) => c[2])).toEqual(['key-2', 'key-3']);
  });

  it('shows a failed preview, and a new intent after success gets a new key', async () => {
    const t = await loaded({
      previewPlanChange: failing(unreachable, upgrade),
      changePlan: vi.fn(() => Promise.resolve(onStudio)),
    });
    await t.ctl.choosePlan('studio-monthly');
    expect(t.state().planChange).toEqual({ planId: 'studio-monthly', previewing: false, previewError: unreachable });
    await t.ctl.choosePlan('studio-monthly');
    await t.ctl.confirmPlanChange();
    t.ctl.openPlanChange();
    await t.ctl.choosePlan('studio-monthly');
    expect(t.ctl.intents.current('plan:studio-monthly')).toBe('key-2');
  });
});

describe('cancel and resume', () => {
  it('requires a reason, without calling the server', async () => {
    const t = await loaded({ cancelSubscription: vi.fn() });
    t.ctl.openCancel();
    await expect(t.ctl.confirmCancel('   ')).resolves.toBe(false);
    expect(t.state().cancel).toEqual({ problem: reasonRequired() });
    await expect(t.ctl.confirmCancel('x'.repeat(501))).resolves.toBe(false);
    expect(t.api.cancelSubscription).not.toHaveBeenCalled();
  });

  it('cancels at period end with the trimmed reason and the key made on opening', async () => {
    const t = await loaded({ cancelSubscription: vi.fn(() => Promise.resolve(cancelling)) });
    t.ctl.openCancel();
    expect(t.ctl.intents.current('cancel')).toBe('key-1');
    await expect(t.ctl.confirmCancel('  Too expensive ')).resolves.toBe(true);
    expect(t.api.cancelSubscription).toHaveBeenCalledWith(ACCOUNT, 'Too expensive', 'key-1');
    expect(t.state().subscription).toEqual({ status: 'ready', value: cancelling });
    expect(t.state().cancel).toBeUndefined();
    expect(t.state().actions.done?.message).toBe(
      'Your subscription is cancelled. Service continues until 1 Dec 2025, then stops.',
    );
  });

  it('retries with the same key, and a changed reason is a new intent', async () => {
    const t = await loaded({ cancelSubscription: failing(unreachable, cancelling, 2) });
    t.ctl.openCancel();
    await t.ctl.confirmCancel('Too expensive');
    await t.ctl.confirmCancel('Too expensive');
    await t.ctl.confirmCancel('Moving to another provider');
    expect(vi.mocked(t.api.cancelSubscription).mock.calls.map((c) => [c[1], c[2]])).toEqual([
      ['Too expensive', 'key-1'],
      ['Too expensive', 'key-1'],
      ['Moving to another provider', 'key-2'],
    ]);
  });

  it('forgets an unused key when the confirmation closes', async () => {
    const t = await loaded();
    t.ctl.openCancel();
    t.ctl.closeCancel();
    expect(t.ctl.intents.current('cancel')).toBeUndefined();
    expect(t.state().cancel).toBeUndefined();
  });

  it('resumes, reusing the key on retry', async () => {
    const t = await loaded({ resumeSubscription: failing(unreachable, subscription) });
    await expect(t.ctl.resume()).resolves.toBe(false);
    await expect(t.ctl.resume()).resolves.toBe(true);
    expect(vi.mocked(t.api.resumeSubscription).mock.calls).toEqual([
      [ACCOUNT, 'key-1'],
      [ACCOUNT, 'key-1'],
    ]);
    expect(t.state().subscription).toEqual({ status: 'ready', value: subscription });
  });

  it('starts over on another account', async () => {
    const t = await loaded({ resumeSubscription: failing(unreachable, subscription) });
    await t.ctl.resume();
    await t.ctl.load('acc-2');
    expect(t.ctl.intents.current('resume')).toBeUndefined();
  });
});

describe('payment methods', () => {
  it('makes a card the default and removes one', async () => {
    const t = await loaded({
      setDefaultPaymentMethod: vi.fn(() => Promise.resolve([{ ...visa, is_default: false }])),
      removePaymentMethod: vi.fn(() => Promise.resolve([visa])),
    });
    await t.ctl.makeDefault('pm-2');
    expect(t.api.setDefaultPaymentMethod).toHaveBeenCalledWith(ACCOUNT, 'pm-2');
    expect(t.state().actions.done).toEqual({ key: 'card:pm-2', message: 'Default card changed.' });
    await t.ctl.removeCard('pm-2');
    expect(t.api.removePaymentMethod).toHaveBeenCalledWith(ACCOUNT, 'pm-2');
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa] });
  });

  it('clears an older failure when another change starts (one status line)', async () => {
    const t = await loaded({
      removePaymentMethod: vi.fn(() => Promise.reject(unreachable)),
      setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])),
    });
    await t.ctl.removeCard('pm-2');
    expect(t.state().actions.errors['card:pm-2']).toEqual(unreachable);
    await t.ctl.makeDefault('pm-1');
    expect(t.state().actions.errors).toEqual({});
    expect(t.state().actions.done?.message).toBe('Default card changed.');
  });

  it("shows the server's refusal for the card", async () => {
    const refusal: CommandError = {
      code: 'conflict',
      message: 'The default card cannot be removed.',
      advice: 'Make another card the default first.',
    };
    const t = await loaded({ removePaymentMethod: vi.fn(() => Promise.reject(refusal)) });
    await expect(t.ctl.removeCard('pm-1')).resolves.toBe(false);
    expect(t.state().actions.errors['card:pm-1']).toEqual(refusal);
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa, expiredCard] });
  });

  it('reads the cards again without hiding the list meanwhile', async () => {
    const t = await loaded();
    const reading = deferred<PaymentMethod[]>();
    vi.mocked(t.api.listPaymentMethods).mockReturnValueOnce(reading.promise);
    const refreshing = t.ctl.refreshCards();
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa, expiredCard] });
    reading.resolve([visa, expiredCard, amex]);
    await expect(refreshing).resolves.toEqual([visa, expiredCard, amex]);
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa, expiredCard, amex] });
  });

  it('shows a failed refresh on the card list, with its "Try again"', async () => {
    const t = await loaded();
    vi.mocked(t.api.listPaymentMethods).mockRejectedValueOnce(unreachable);
    await expect(t.ctl.refreshCards()).resolves.toBeUndefined();
    expect(t.state().paymentMethods).toEqual({ status: 'failed', error: unreachable });
  });
});

describe('shown again (a kept page)', () => {
  it('reads every part again, keeping each on screen until its answer is here', async () => {
    const read = deferred<Subscription>();
    const t = await loaded();
    vi.mocked(t.api.loadSubscription).mockImplementationOnce(() => read.promise);
    vi.mocked(t.api.listPaymentMethods).mockImplementationOnce(() => Promise.resolve([visa]));
    const again = t.ctl.revalidate(ACCOUNT);
    expect(t.state().subscription).toEqual({ status: 'ready', value: subscription });
    read.resolve(cancelling);
    await again;
    expect(t.state().subscription).toEqual({ status: 'ready', value: cancelling });
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa] });
    expect(t.api.listLicenses).toHaveBeenCalledTimes(2);
    expect(t.api.loadUsage).toHaveBeenCalledTimes(2);
  });

  it('drops a part read before a change was made', async () => {
    const read = deferred<PaymentMethod[]>();
    const t = await loaded({ removePaymentMethod: vi.fn(() => Promise.resolve([visa])) });
    vi.mocked(t.api.listPaymentMethods).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT);
    await t.ctl.removeCard('pm-2');
    read.resolve([visa, expiredCard]);
    await again;
    expect(t.state().paymentMethods).toEqual({ status: 'ready', value: [visa] });
  });

  it('loads a part that had failed, and everything afresh for another account', async () => {
    const t = await loaded({ listLicenses: failing(unreachable, [license]) });
    expect(t.state().licenses.status).toBe('failed');
    await t.ctl.revalidate(ACCOUNT);
    expect(t.state().licenses).toEqual({ status: 'ready', value: [license] });
    const other = t.ctl.revalidate('acc-2');
    expect(t.state()).toMatchObject({ accountId: 'acc-2', subscription: { status: 'loading' } });
    await other;
  });
});
