import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CardEntry } from '../generated/CardEntry';
import type { CommandError } from '../generated/CommandError';
import type { PaymentMethod } from '../generated/PaymentMethod';
import { amex, completedEntry, expiredCard, expiredEntry, pendingEntry, visa } from '../testing/billing';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import {
  addedMessage,
  CARD_ENTRY_POLL_MS,
  createCardEntryController,
  EMPTY_CARD_ENTRY,
  panelState,
  type CardEntryState,
  type Schedule,
} from './cardEntry';

const ACCOUNT = 'acc-1';
const noBrowser: CommandError = {
  code: 'other',
  message: 'Could not open your web browser for the card page.',
  advice: 'Set a default web browser in your system settings, then choose Add a card again.',
};
const unreachable: CommandError = { code: 'server_unreachable', message: 'No answer from the server.' };

/** A clock the test moves by hand: `tick()` runs what is due, then lets its answers settle. */
function manualClock() {
  let tasks: { ms: number; task: () => void }[] = [];
  const schedule: Schedule = vi.fn((ms: number, task: () => void) => {
    const entry = { ms, task };
    tasks.push(entry);
    return () => {
      tasks = tasks.filter((t) => t !== entry);
    };
  });
  return {
    schedule,
    /** Checks waiting to run. */
    waiting: () => tasks.length,
    delays: () => tasks.map((t) => t.ms),
    async tick() {
      const due = tasks;
      tasks = [];
      for (const t of due) t.task();
      await settled();
    },
  };
}

/** Lets promise chains of already-answered commands run to the end. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `cardEntry` answers these, one per check, repeating the last. */
function answers(...entries: CardEntry[]) {
  let n = 0;
  return vi.fn(() => Promise.resolve(entries[Math.min(n++, entries.length - 1)]!));
}

/** `cards`: what reading the cards again gives; `unreadable` as when it failed. */
function setup(overrides: Partial<Api> = {}, cards: PaymentMethod[] | 'unreadable' = [visa, expiredCard, amex]) {
  const api = unexpectedApi({
    startCardEntry: vi.fn(() => Promise.resolve(pendingEntry)),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const clock = manualClock();
  const reloadCards = vi.fn(() => Promise.resolve(cards === 'unreadable' ? undefined : cards));
  let state: CardEntryState = EMPTY_CARD_ENTRY;
  const ctl = createCardEntryController(deps, { get: () => state, set: (s) => (state = s) }, {
    reloadCards,
    schedule: clock.schedule,
  });
  ctl.load(ACCOUNT);
  return { api, deps, clock, reloadCards, ctl, state: () => state, flow: () => state.flow };
}

describe('starting', () => {
  it('opens the card page and waits for it, checking every 2 s', async () => {
    const t = setup();
    await expect(t.ctl.start()).resolves.toBe(true);
    expect(t.api.startCardEntry).toHaveBeenCalledWith(ACCOUNT);
    expect(t.flow()).toEqual({ status: 'pending', entry: pendingEntry });
    expect(t.clock.delays()).toEqual([CARD_ENTRY_POLL_MS]);
    expect(t.api.cardEntry).not.toHaveBeenCalled();
  });

  it('is starting while the browser opens', async () => {
    const opening = deferred<CardEntry>();
    const t = setup({ startCardEntry: vi.fn(() => opening.promise) });
    const starting = t.ctl.start();
    expect(t.flow()).toEqual({ status: 'starting' });
    expect(panelState(t.flow())).toBe('starting');
    opening.resolve(pendingEntry);
    await starting;
    expect(t.flow().status).toBe('pending');
    expect(panelState(t.flow())).toBe('pending');
  });

  it('does not open a second page while one is opening or pending', async () => {
    const opening = deferred<CardEntry>();
    const t = setup({ startCardEntry: vi.fn(() => opening.promise) });
    const first = t.ctl.start();
    await expect(t.ctl.start()).resolves.toBe(false);
    opening.resolve(pendingEntry);
    await first;
    await expect(t.ctl.start()).resolves.toBe(false);
    expect(t.api.startCardEntry).toHaveBeenCalledOnce();
    expect(t.clock.waiting()).toBe(1);
  });

  it('shows why the page could not be opened, with its advice, and can try again', async () => {
    const t = setup({
      startCardEntry: vi.fn().mockRejectedValueOnce(noBrowser).mockResolvedValue(pendingEntry),
    });
    await expect(t.ctl.start()).resolves.toBe(false);
    expect(t.flow()).toEqual({ status: 'failed', error: noBrowser });
    expect(panelState(t.flow())).toBe('error');
    expect(t.clock.waiting()).toBe(0);
    await expect(t.ctl.start()).resolves.toBe(true);
    expect(t.flow().status).toBe('pending');
  });

  it('shows a refusal for a viewer', async () => {
    const forbidden: CommandError = { code: 'forbidden', message: 'Only owners and billing managers can add cards.' };
    const t = setup({ startCardEntry: vi.fn(() => Promise.reject(forbidden)) });
    await t.ctl.start();
    expect(t.flow()).toEqual({ status: 'failed', error: forbidden });
  });

  it('does nothing before an account is loaded', async () => {
    const api = unexpectedApi();
    let state: CardEntryState = EMPTY_CARD_ENTRY;
    const ctl = createCardEntryController(
      { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() },
      { get: () => state, set: (s) => (state = s) },
      { reloadCards: vi.fn(), schedule: manualClock().schedule },
    );
    await expect(ctl.start()).resolves.toBe(false);
    expect(api.startCardEntry).not.toHaveBeenCalled();
  });
});

describe('watching', () => {
  it('keeps checking while pending, one check at a time', async () => {
    const t = setup({ cardEntry: answers(pendingEntry, pendingEntry, pendingEntry) });
    await t.ctl.start();
    await t.clock.tick();
    await t.clock.tick();
    expect(t.api.cardEntry).toHaveBeenCalledTimes(2);
    expect(t.api.cardEntry).toHaveBeenCalledWith(ACCOUNT, 'ce-1');
    expect(t.flow().status).toBe('pending');
    expect(t.clock.delays()).toEqual([CARD_ENTRY_POLL_MS]);
  });

  it('on completion reads the cards again and names the new one', async () => {
    const t = setup({ cardEntry: answers(pendingEntry, completedEntry) });
    await t.ctl.start();
    await t.clock.tick();
    expect(t.reloadCards).not.toHaveBeenCalled();
    await t.clock.tick();
    expect(t.reloadCards).toHaveBeenCalledOnce();
    expect(t.flow()).toEqual({ status: 'completed', entry: completedEntry, card: amex });
    expect(panelState(t.flow())).toBe('completed');
    expect(addedMessage(amex)).toBe('Card added: American Express ending in 0005.');
    expect(t.clock.waiting()).toBe(0);
  });

  it('still says the card was added when the list cannot be read', async () => {
    const t = setup({ cardEntry: answers(completedEntry) }, 'unreadable');
    await t.ctl.start();
    await t.clock.tick();
    expect(t.flow()).toEqual({ status: 'completed', entry: completedEntry });
    expect(addedMessage(undefined)).toBe('Card added.');
  });

  it('stops at expiry, and "Try again" opens a new page', async () => {
    const second: CardEntry = { ...pendingEntry, id: 'ce-2' };
    const t = setup({
      startCardEntry: vi.fn().mockResolvedValueOnce(pendingEntry).mockResolvedValue(second),
      cardEntry: answers(expiredEntry),
    });
    await t.ctl.start();
    await t.clock.tick();
    expect(t.flow()).toEqual({ status: 'expired', entry: expiredEntry });
    expect(t.clock.waiting()).toBe(0);
    await expect(t.ctl.start()).resolves.toBe(true);
    expect(t.flow()).toEqual({ status: 'pending', entry: second });
    expect(t.api.startCardEntry).toHaveBeenCalledTimes(2);
  });

  it('shows a failed check and stops; "Check again" resumes the same entry', async () => {
    const t = setup({
      cardEntry: vi.fn().mockRejectedValueOnce(unreachable).mockResolvedValueOnce(pendingEntry).mockResolvedValue(completedEntry),
    });
    await t.ctl.start();
    await t.clock.tick();
    expect(t.flow()).toEqual({ status: 'failed', error: unreachable, entry: pendingEntry });
    expect(t.clock.waiting()).toBe(0);
    await t.ctl.checkAgain();
    expect(t.flow().status).toBe('pending');
    expect(t.clock.waiting()).toBe(1);
    await t.clock.tick();
    expect(t.flow()).toEqual({ status: 'completed', entry: completedEntry, card: amex });
    expect(t.api.cardEntry).toHaveBeenCalledTimes(3);
  });

  it('hands an ended session to the shell and stops', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Your session ended.' };
    const t = setup({ cardEntry: vi.fn(() => Promise.reject(expired)) });
    await t.ctl.start();
    await t.clock.tick();
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
    expect(t.clock.waiting()).toBe(0);
  });
});

describe('stopping', () => {
  it('cancel stops checking and says the page expires by itself', async () => {
    const t = setup({ cardEntry: answers(pendingEntry) });
    await t.ctl.start();
    t.ctl.cancel();
    expect(t.flow()).toEqual({ status: 'idle', stopped: true });
    expect(t.clock.waiting()).toBe(0);
    await t.clock.tick();
    expect(t.api.cardEntry).not.toHaveBeenCalled();
  });

  it('drops a check that answers after cancel', async () => {
    const checking = deferred<CardEntry>();
    const t = setup({ cardEntry: vi.fn(() => checking.promise) });
    await t.ctl.start();
    await t.clock.tick();
    t.ctl.cancel();
    checking.resolve(completedEntry);
    await settled();
    expect(t.flow()).toEqual({ status: 'idle', stopped: true });
    expect(t.reloadCards).not.toHaveBeenCalled();
  });

  it('cancel while the page opens drops the entry when it arrives', async () => {
    const opening = deferred<CardEntry>();
    const t = setup({ startCardEntry: vi.fn(() => opening.promise) });
    const starting = t.ctl.start();
    t.ctl.cancel();
    opening.resolve(pendingEntry);
    await expect(starting).resolves.toBe(false);
    expect(t.flow()).toEqual({ status: 'idle', stopped: true });
    expect(t.clock.waiting()).toBe(0);
  });

  it('stops when the page goes away', async () => {
    const t = setup({ cardEntry: answers(pendingEntry) });
    await t.ctl.start();
    t.ctl.dispose();
    expect(t.clock.waiting()).toBe(0);
    await t.clock.tick();
    expect(t.api.cardEntry).not.toHaveBeenCalled();
  });

  it('stops when another account is loaded', async () => {
    const t = setup({ cardEntry: answers(pendingEntry) });
    await t.ctl.start();
    t.ctl.load('acc-2');
    expect(t.state()).toEqual({ accountId: 'acc-2', flow: { status: 'idle' } });
    expect(t.clock.waiting()).toBe(0);
  });

  it('close puts a finished flow away', async () => {
    const t = setup({ cardEntry: answers(expiredEntry) });
    await t.ctl.start();
    await t.clock.tick();
    t.ctl.close();
    expect(t.flow()).toEqual({ status: 'idle' });
    expect(panelState(t.flow())).toBeUndefined();
  });
});

describe('a kept Billing page, hidden and shown again', () => {
  it('checks no more while hidden; shown again, checks at once and goes on watching', async () => {
    const t = setup({ cardEntry: answers(pendingEntry, completedEntry) });
    await t.ctl.start();
    t.ctl.pause();
    expect(t.clock.waiting()).toBe(0);
    await t.clock.tick();
    expect(t.api.cardEntry).not.toHaveBeenCalled();
    expect(t.flow()).toEqual({ status: 'pending', entry: pendingEntry });

    await t.ctl.resume();
    expect(t.api.cardEntry).toHaveBeenCalledTimes(1);
    expect(t.clock.delays()).toEqual([CARD_ENTRY_POLL_MS]);
    await t.clock.tick();
    expect(t.flow().status).toBe('completed');
  });

  it('schedules no check for an answer that arrives once hidden', async () => {
    const slow = deferred<CardEntry>();
    const t = setup({ cardEntry: vi.fn(() => slow.promise) });
    await t.ctl.start();
    await t.clock.tick();
    t.ctl.pause();
    slow.resolve(pendingEntry);
    await settled();
    expect(t.clock.waiting()).toBe(0);
  });

  it('does nothing on showing when no card page is pending', async () => {
    const t = setup({ cardEntry: answers(pendingEntry) });
    t.ctl.pause();
    await t.ctl.resume();
    expect(t.api.cardEntry).not.toHaveBeenCalled();
    expect(t.flow()).toEqual({ status: 'idle' });
  });
});
