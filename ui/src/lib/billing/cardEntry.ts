// Adding a card (PR-2). The desktop opens a short-lived, single-use card page
// of the payment vault in the user's browser; neither that page's address nor
// the card ever reaches the console. Here we only watch the entry:
//
//   start ─▶ pending ─(every 2 s)─▶ completed: the cards are read again and the new one named
//              │                 └▶ expired: "Try again" opens a new page
//              ├─ cancel ─▶ idle: we stop watching; the page cannot be revoked, it expires by itself
//              └─ error ──▶ failed: shown, watching stops; "Check again" resumes it
//
// One entry at a time. Every way out of `pending` (an answer, cancel, another
// account, the page going away) ends the watch: a late answer is dropped.

import { failure, type SectionDeps, type Slot } from '../deps';
import { cardName } from '../format';
import type { CardEntry } from '../generated/CardEntry';
import type { CommandError } from '../generated/CommandError';
import type { PaymentMethod } from '../generated/PaymentMethod';
import { t } from '../i18n';

export const CARD_ENTRY_POLL_MS = 2000;

/** Runs `task` once after `ms`; returns what cancels it. Injected so tests drive time by hand. */
export type Schedule = (ms: number, task: () => void) => () => void;

export const timerSchedule: Schedule = (ms, task) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

export type CardEntryFlow =
  /** `stopped`: the user cancelled a pending entry. */
  | { status: 'idle'; stopped?: boolean }
  /** The desktop is opening the card page in the browser. */
  | { status: 'starting' }
  | { status: 'pending'; entry: CardEntry }
  /** `card`: the card it added, as read again; absent when the list could not be read. */
  | { status: 'completed'; entry: CardEntry; card?: PaymentMethod }
  | { status: 'expired'; entry: CardEntry }
  /** `entry`: the entry that was being watched, absent when it could not be started. */
  | { status: 'failed'; error: CommandError; entry?: CardEntry };

export interface CardEntryState {
  accountId?: string;
  flow: CardEntryFlow;
}

export const EMPTY_CARD_ENTRY: CardEntryState = { flow: { status: 'idle' } };

// Functions, not constants: the words are the current language's when asked.
export const waitingMessage = (): string => t('billing.cards.waiting');
export const expiredMessage = (): string => t('billing.cards.expired');
export const stoppedMessage = (): string => t('billing.cards.stopped');

/** "Card added: Visa ending in 4242." */
export function addedMessage(card: PaymentMethod | undefined): string {
  return card ? t('billing.cards.addedName', { card: cardName(card) }) : t('billing.cards.added');
}

/** The panel's `data-state`; `undefined` while there is no panel. */
export function panelState(
  flow: CardEntryFlow,
): 'starting' | 'pending' | 'completed' | 'expired' | 'error' | undefined {
  switch (flow.status) {
    case 'idle':
      return undefined;
    case 'failed':
      return 'error';
    default:
      return flow.status;
  }
}

export interface CardEntryController {
  /** Another account: whatever was being watched is dropped. */
  load(accountId: string): void;
  /** Opens a card page and watches it; resolves true once the page is open. Not while one is open. */
  start(): Promise<boolean>;
  /** Stops watching a pending entry. */
  cancel(): void;
  /** After a failed check: checks the same entry now, and keeps watching it. */
  checkAgain(): Promise<void>;
  /** Puts the finished flow away (a pending one is cancelled). */
  close(): void;
  /** The page goes away: no more checks. */
  dispose(): void;
  /** The page is hidden (kept for later): no checks until it is shown again. */
  pause(): void;
  /** The page shown again: an entry still pending is checked now, and watched again. */
  resume(): Promise<void>;
}

export interface CardEntryOptions {
  /** Reads the cards again once one was added; `undefined` when they could not be read. */
  reloadCards: () => Promise<PaymentMethod[] | undefined>;
  schedule?: Schedule;
  pollMs?: number;
}

export function createCardEntryController(
  deps: SectionDeps,
  slot: Slot<CardEntryState>,
  options: CardEntryOptions,
): CardEntryController {
  const schedule = options.schedule ?? timerSchedule;
  const pollMs = options.pollMs ?? CARD_ENTRY_POLL_MS;
  const show = (flow: CardEntryFlow) => slot.set({ ...slot.get(), flow });
  /** Bumped by everything that ends a watch; an answer for an older one is dropped. */
  let generation = 0;
  let cancelTimer: (() => void) | undefined;
  /** While the page is hidden: checks wait until it is shown again. */
  let paused = false;

  function halt() {
    generation++;
    cancelTimer?.();
    cancelTimer = undefined;
  }

  /** Shows where `entry` stands and, while it is pending, checks it again later. */
  async function follow(accountId: string, entry: CardEntry, mine: number) {
    switch (entry.status) {
      case 'pending':
        show({ status: 'pending', entry });
        if (paused) return;
        cancelTimer = schedule(pollMs, () => {
          cancelTimer = undefined;
          void check(accountId, entry, mine);
        });
        return;
      case 'expired':
        show({ status: 'expired', entry });
        return;
      case 'completed': {
        const cards = await options.reloadCards();
        if (mine !== generation) return;
        const card = cards?.find((c) => c.id === entry.payment_method_id);
        show(card ? { status: 'completed', entry, card } : { status: 'completed', entry });
        return;
      }
    }
  }

  async function check(accountId: string, watched: CardEntry, mine: number) {
    let entry: CardEntry;
    try {
      entry = await deps.api.cardEntry(accountId, watched.id);
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) show({ status: 'failed', error, entry: watched });
      return;
    }
    if (mine === generation) await follow(accountId, entry, mine);
  }

  const watching = () => {
    const status = slot.get().flow.status;
    return status === 'starting' || status === 'pending';
  };

  function cancel() {
    if (!watching()) return;
    halt();
    show({ status: 'idle', stopped: true });
  }

  return {
    load(accountId) {
      halt();
      paused = false;
      slot.set({ accountId, flow: { status: 'idle' } });
    },

    async start() {
      const accountId = slot.get().accountId;
      if (!accountId || watching()) return false;
      halt();
      const mine = generation;
      show({ status: 'starting' });
      let entry: CardEntry;
      try {
        entry = await deps.api.startCardEntry(accountId);
      } catch (reason) {
        const error = failure(deps, reason);
        if (mine === generation) show({ status: 'failed', error });
        return false;
      }
      if (mine !== generation) return false;
      await follow(accountId, entry, mine);
      return true;
    },

    cancel,

    async checkAgain() {
      const { accountId, flow } = slot.get();
      if (!accountId || flow.status !== 'failed' || !flow.entry) return;
      halt();
      const mine = generation;
      show({ status: 'pending', entry: flow.entry });
      await check(accountId, flow.entry, mine);
    },

    close() {
      if (watching()) {
        cancel();
        return;
      }
      halt();
      show({ status: 'idle' });
    },

    dispose: halt,

    pause() {
      paused = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },

    async resume() {
      paused = false;
      const { accountId, flow } = slot.get();
      if (!accountId || flow.status !== 'pending') return;
      // A check still in flight from before is dropped: this one follows on.
      halt();
      await check(accountId, flow.entry, generation);
    },
  };
}
