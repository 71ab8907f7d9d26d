import { describe, expect, it, vi } from 'vitest';
import type { ActionState } from '../actions';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { expiredCard, license, subscription, usageMonths, visa } from '../testing/billing';
import { unexpectedApi } from '../testing/fakeApi';
import type { Schedule } from './cardEntry';
import { createBillingController, EMPTY_BILLING, type BillingState } from './controller';
import { createStatusTimer, shownSuccess, STATUS_CLEAR_MS, type Done, type StatusTimer } from './statusTimer';

const unreachable: CommandError = { code: 'server_unreachable', message: 'No answer from the server.' };

/**
 * A clock the test moves by hand. `late`: a cancelled task still runs, as a
 * timer that was already due when it was cancelled would.
 */
function manualClock({ late = false } = {}) {
  let now = 0;
  let tasks: { at: number; task: () => void }[] = [];
  const schedule: Schedule = vi.fn((ms: number, task: () => void) => {
    const entry = { at: now + ms, task };
    tasks.push(entry);
    return () => {
      if (!late) tasks = tasks.filter((t) => t !== entry);
    };
  });
  return {
    schedule,
    waiting: () => tasks.length,
    /** Moves time on by `ms`, running what falls due, in order. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        tasks = tasks.filter((t) => t !== next);
        now = next.at;
        next.task();
      }
      now = until;
    },
  };
}

/** A timer over a hand-set "current success", with the runner's `dismiss` as a spy. */
function timerOnly(options: { late?: boolean } = {}) {
  const clock = manualClock(options);
  let current: Done | undefined;
  const dismiss = vi.fn((key: string) => {
    if (current?.key === key) current = undefined;
  });
  const timer = createStatusTimer({ current: () => current, dismiss, schedule: clock.schedule });
  /** The state now holds `done`, and the line shows it. */
  const show = (done: Done | undefined, held?: Parameters<StatusTimer['show']>[1]) => {
    current = done;
    timer.show(done, held);
  };
  return { clock, timer, dismiss, show, current: () => current };
}

const planChanged: Done = { key: 'plan', message: 'Plan changed to Studio.' };
const cardRemoved: Done = { key: 'card:pm-2', message: 'Card removed.' };

describe('a success', () => {
  it('clears itself after 8 s', () => {
    const t = timerOnly();
    t.show(planChanged);
    expect(t.clock.schedule).toHaveBeenCalledWith(STATUS_CLEAR_MS, expect.any(Function));
    expect(STATUS_CLEAR_MS).toBe(8000);
    t.clock.advance(7999);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.clock.advance(1);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('plan');
    expect(t.current()).toBeUndefined();
  });

  it('waits while the pointer is over it, then 8 s again once it leaves', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.clock.advance(5000);
    t.timer.hold('pointer', true);
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.timer.hold('pointer', false);
    t.clock.advance(7999);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.clock.advance(1);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('plan');
  });

  it('waits while focus is in it, then 8 s again once focus leaves', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.hold('focus', true);
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.timer.hold('focus', false);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('plan');
  });

  it('keeps waiting until both the pointer and focus have left', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.hold('pointer', true);
    t.timer.hold('focus', true);
    t.timer.hold('pointer', false);
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.timer.hold('focus', false);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.dismiss).toHaveBeenCalledOnce();
  });

  it('that appears under the pointer, or with focus in the line, waits for it to leave', () => {
    const t = timerOnly();
    t.show(planChanged, { pointer: true });
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.timer.hold('pointer', false);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.dismiss).toHaveBeenCalledOnce();

    t.show(cardRemoved, { focus: true });
    t.clock.advance(60_000);
    expect(t.dismiss).toHaveBeenCalledOnce();
    t.timer.hold('focus', false);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.dismiss).toHaveBeenLastCalledWith('card:pm-2');
  });

  it('does not inherit a hold from the line before it (its element may have gone without a leave)', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.hold('focus', true);
    t.show(undefined);
    t.show(cardRemoved);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('card:pm-2');
  });

  it('shown again as the same message keeps its wait', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.clock.advance(5000);
    t.timer.show(planChanged);
    t.clock.advance(3000);
    expect(t.dismiss).toHaveBeenCalledOnce();
  });

  it('is cleared at once by Dismiss, and its wait ends', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.hold('focus', true);
    t.timer.dismiss();
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('plan');
    expect(t.current()).toBeUndefined();
    expect(t.clock.waiting()).toBe(0);
    // The button goes away with the message: focus leaves, nothing is waited for.
    t.timer.hold('focus', false);
    expect(t.clock.waiting()).toBe(0);
  });

  it('is not cleared once the page has gone', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.dispose();
    expect(t.clock.waiting()).toBe(0);
    t.timer.show(cardRemoved);
    t.timer.hold('pointer', true);
    t.timer.hold('pointer', false);
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
  });
});

describe('a newer success', () => {
  it('restarts the wait', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.clock.advance(5000);
    t.show(cardRemoved);
    t.clock.advance(3000);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.clock.advance(4999);
    expect(t.dismiss).not.toHaveBeenCalled();
    t.clock.advance(1);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('card:pm-2');
  });

  it('is not cleared by an older wait that fires late, even for the same action', () => {
    const t = timerOnly({ late: true });
    const changedAgain: Done = { key: 'plan', message: 'Plan changed to Starter.' };
    t.show(planChanged);
    t.clock.advance(4000);
    t.show(changedAgain);
    t.clock.advance(4000);
    expect(t.dismiss).not.toHaveBeenCalled();
    expect(t.current()).toBe(changedAgain);
    t.clock.advance(4000);
    expect(t.dismiss).toHaveBeenCalledExactlyOnceWith('plan');
    expect(t.current()).toBeUndefined();
  });

  it('already in the state is not cleared by the wait for the one still on the line', () => {
    const clock = manualClock();
    const changedAgain: Done = { key: 'plan', message: 'Plan changed to Starter.' };
    let current: Done | undefined = planChanged;
    const dismiss = vi.fn();
    const timer = createStatusTimer({ current: () => current, dismiss, schedule: clock.schedule });
    timer.show(planChanged);
    current = changedAgain; // The state moved on; the line has not been told yet.
    clock.advance(STATUS_CLEAR_MS);
    expect(dismiss).not.toHaveBeenCalled();
  });
});

describe('a failure', () => {
  it('ends the wait of the success before it, and is never cleared by it', () => {
    const t = timerOnly();
    t.show(planChanged);
    t.timer.show(undefined); // A change started, then failed: no success on the line.
    expect(t.clock.waiting()).toBe(0);
    t.clock.advance(60_000);
    expect(t.dismiss).not.toHaveBeenCalled();
  });

  it('is not a success on the line, nor is a change in progress', () => {
    const done = planChanged;
    expect(shownSuccess({ errors: {}, done })).toBe(done);
    expect(shownSuccess({ errors: {} })).toBeUndefined();
    expect(shownSuccess({ errors: {}, done, busy: 'cancel' })).toBeUndefined();
    expect(shownSuccess({ errors: { cancel: unreachable }, done })).toBeUndefined();
    expect(shownSuccess({ errors: { cancel: undefined }, done })).toBe(done);
  });
});

describe('with the Billing page', () => {
  /** The controller, with the line told of every change as the page's effect does. */
  async function page(overrides: Parameters<typeof unexpectedApi>[0] = {}) {
    const api = unexpectedApi({
      loadSubscription: vi.fn(() => Promise.resolve(subscription)),
      listPaymentMethods: vi.fn(() => Promise.resolve([visa, expiredCard])),
      listLicenses: vi.fn(() => Promise.resolve([license])),
      loadUsage: vi.fn(() => Promise.resolve(usageMonths(24))),
      ...overrides,
    });
    const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
    const clock = manualClock();
    let state: BillingState = EMPTY_BILLING;
    let timer: StatusTimer | undefined;
    const ctl = createBillingController(deps, {
      get: () => state,
      set: (next) => {
        state = next;
        timer?.show(shownSuccess(state.actions));
      },
    });
    timer = createStatusTimer({
      current: () => state.actions.done,
      dismiss: (key) => ctl.runner.dismiss(key),
      schedule: clock.schedule,
    });
    await ctl.load('acc-1');
    return { ctl, clock, timer, actions: (): ActionState => state.actions };
  }

  it("clears a change's message after 8 s", async () => {
    const t = await page({ setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])) });
    await t.ctl.makeDefault('pm-2');
    expect(t.actions().done?.message).toBe('Default card changed.');
    t.clock.advance(7999);
    expect(t.actions().done?.message).toBe('Default card changed.');
    t.clock.advance(1);
    expect(t.actions()).toEqual({ errors: {} });
  });

  it("does not clear the next change's message on the first one's time", async () => {
    const t = await page({
      setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])),
      removePaymentMethod: vi.fn(() => Promise.resolve([visa])),
    });
    await t.ctl.makeDefault('pm-2');
    t.clock.advance(5000);
    await t.ctl.removeCard('pm-2');
    t.clock.advance(3000);
    expect(t.actions().done?.message).toBe('Card removed.');
    t.clock.advance(5000);
    expect(t.actions().done).toBeUndefined();
  });

  it('never clears a failure', async () => {
    const t = await page({
      setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])),
      removePaymentMethod: vi.fn(() => Promise.reject(unreachable)),
    });
    await t.ctl.makeDefault('pm-2');
    t.clock.advance(5000);
    await t.ctl.removeCard('pm-2');
    t.clock.advance(10 * 60_000);
    expect(t.actions().errors).toEqual({ 'card:pm-2': unreachable });
    expect(t.clock.waiting()).toBe(0);
  });

  it('clears the message on Dismiss', async () => {
    const t = await page({ setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])) });
    await t.ctl.makeDefault('pm-2');
    t.timer.hold('pointer', true);
    t.timer.dismiss();
    expect(t.actions().done).toBeUndefined();
    expect(t.clock.waiting()).toBe(0);
  });

  it('keeps the message while held, and clears it after', async () => {
    const t = await page({ setDefaultPaymentMethod: vi.fn(() => Promise.resolve([visa])) });
    await t.ctl.makeDefault('pm-2');
    t.timer.hold('focus', true);
    t.clock.advance(60_000);
    expect(t.actions().done?.message).toBe('Default card changed.');
    t.timer.hold('focus', false);
    t.clock.advance(STATUS_CLEAR_MS);
    expect(t.actions().done).toBeUndefined();
  });
});
