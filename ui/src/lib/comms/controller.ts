// The Communications section's flows (PR-4, PR-5), about the signed-in user
// rather than an account: the purpose x channel matrix, where each click
// saves one change on top of the version the user saw; "unsubscribe from all
// promotional"; and the consent receipts every change leaves.
//
// - Turning a promotional purpose on by e-mail only asks: the cell is
//   `pending` until the recipient confirms the link we mail (double opt-in).
// - A matrix changed elsewhere meanwhile (another device, an e-mail link) is
//   never overwritten: the save comes back as a conflict, the current choices
//   are shown with a message, and the user makes their change again.
// - Turning off status or service information first says what it curtails
//   (PR-20); the save waits for a second "Turn off".
// - One change at a time: while a cell saves, other clicks do nothing (each
//   save carries the version the previous one produced).

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { Channel } from '../generated/Channel';
import type { ChannelPref } from '../generated/ChannelPref';
import type { CommandError } from '../generated/CommandError';
import type { CommunicationPreferences } from '../generated/CommunicationPreferences';
import type { ConsentReceipt } from '../generated/ConsentReceipt';
import type { Purpose } from '../generated/Purpose';
import type { PurposePrefs } from '../generated/PurposePrefs';
import { formatList } from '../format';
import { midSentence, t } from '../i18n';
import { cellName, channelLabel, curtails } from './wording';

// Functions, not constants: the words are the current language's when asked.
export const conflictMessage = (): string => t('comms.conflict');
export const alreadyUnsubscribed = (): string => t('comms.alreadyUnsubscribed');

export interface Cell {
  purpose: Purpose;
  channel: Channel;
}

/** A turn-off waiting for the user to read what it curtails. */
export interface Confirming extends Cell {
  /** "You will not get invoice and usage notices by e-mail; they stay in the console." */
  curtails: string;
}

export interface ReceiptsState {
  /** `loading`: the first page. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: ConsentReceipt[];
  nextCursor?: string;
  loadingMore: boolean;
  /** Why the first page, or the last "Load more", could not be read. */
  error?: CommandError;
}

export interface CommsState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  prefs?: CommunicationPreferences;
  /** The last save met a matrix changed elsewhere; `prefs` is that matrix. */
  conflict: boolean;
  confirming?: Confirming;
  receipts: ReceiptsState;
  /** Bumped after a change that mails a confirmation link, so the demo mailbox re-reads. */
  mailSent: number;
  /** Keys: `cell:<purpose>/<channel>`, `unsubscribe`, `refresh`. */
  actions: ActionState;
}

export const EMPTY_RECEIPTS: ReceiptsState = { status: 'idle', items: [], loadingMore: false };

export const EMPTY_COMMS: CommsState = {
  status: 'idle',
  conflict: false,
  receipts: EMPTY_RECEIPTS,
  mailSent: 0,
  actions: NO_ACTIONS,
};

export const cellKey = (purpose: Purpose, channel: Channel): string => `cell:${purpose}/${channel}`;

export function findCell(
  prefs: CommunicationPreferences | undefined,
  purpose: Purpose,
  channel: Channel,
): { row: PurposePrefs; cell: ChannelPref } | undefined {
  const row = prefs?.purposes.find((p) => p.purpose === purpose);
  const cell = row?.channels.find((c) => c.channel === channel);
  return row && cell ? { row, cell } : undefined;
}


/**
 * What "unsubscribe from all promotional" would turn off, one entry per
 * purpose: "Newsletters and product ideas (e-mail, awaiting confirmation; in the app)".
 */
export function promotionalOn(prefs: CommunicationPreferences | undefined): string[] {
  return (prefs?.purposes ?? [])
    .filter((p) => p.promotional)
    .flatMap((p) => {
      const on = p.channels.filter((c) => c.state !== 'off');
      if (on.length === 0) return [];
      const channels = on.map((c) => {
        const name = midSentence(channelLabel(c.channel));
        return c.state === 'pending' ? t('comms.awaitingConfirmation', { name }) : name;
      });
      return [`${p.label} (${channels.join('; ')})`];
    });
}

/** The question "Unsubscribe from all promotional communications" asks first. */
export function unsubscribeQuestion(prefs: CommunicationPreferences | undefined): string {
  const on = promotionalOn(prefs);
  if (on.length === 0) return t('comms.noneOn');
  return t('comms.turnsOff', { list: formatList(on) });
}

export interface CommsController {
  runner: Runner;
  /** The matrix and the first page of receipts, each on its own. */
  load(): Promise<void>;
  /**
   * A click on a cell: on if it is off; off if it is on or pending, asking
   * first where that curtails a service. Resolves true once a change is saved.
   */
  toggle(purpose: Purpose, channel: Channel): Promise<boolean>;
  /** "Turn off" after reading what it curtails. */
  confirmOff(): Promise<boolean>;
  /** "Keep it on". */
  cancelOff(): void;
  unsubscribeAll(): Promise<boolean>;
  /** Reads the matrix again (an opt-in confirmed from the mail meanwhile). */
  refresh(): Promise<boolean>;
  /**
   * The page shown again: the matrix and the receipts read again in the
   * background, what is on screen staying until the answers are here.
   */
  revalidate(): Promise<void>;
  dismissConflict(): void;
  reloadReceipts(): Promise<void>;
  moreReceipts(): Promise<void>;
}

export function createCommsController(deps: SectionDeps, slot: Slot<CommsState>): CommsController {
  const patch = (changes: Partial<CommsState>) => slot.set({ ...slot.get(), ...changes });
  const patchReceipts = (changes: Partial<ReceiptsState>) =>
    patch({ receipts: { ...slot.get().receipts, ...changes } });
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // The page has one status line: a new change clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      const next = { ...slot.get(), conflict: false, actions: { ...slot.get().actions, errors: {} } };
      delete next.confirming;
      slot.set(next);
      return actionRunner.run(key, action, success);
    },
  };

  const done = (key: string, message: string) =>
    patch({ actions: { ...slot.get().actions, done: { key, message } } });

  /** Bumped whenever the receipts start over: older answers are stale. */
  let generation = 0;

  async function reloadReceipts() {
    const mine = ++generation;
    // A list on screen stays there while it is read again.
    const shown = slot.get().receipts.status === 'ready';
    patchReceipts({ status: shown ? 'ready' : 'loading', loadingMore: false, error: undefined });
    try {
      const page = await deps.api.consentReceipts(null);
      if (mine === generation) {
        patchReceipts({ status: 'ready', items: page.items, nextCursor: page.next_cursor ?? undefined });
      }
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patchReceipts({ status: 'failed', error, items: [], nextCursor: undefined });
    }
  }

  async function loadPrefs() {
    try {
      const prefs = await deps.api.loadCommunications();
      patch({ status: 'ready', prefs, loadError: undefined });
    } catch (reason) {
      patch({ status: 'failed', loadError: failure(deps, reason) });
    }
  }

  /** The matrix read again after a refused save; a failure here is not the save's. */
  async function quietlyReload() {
    try {
      patch({ prefs: await deps.api.loadCommunications() });
    } catch (reason) {
      failure(deps, reason);
    }
  }

  /** A refused save, in the words of the cell it was about. */
  function explain(reason: unknown, name: string): CommandError {
    const error = toCommandError(reason);
    const field = error.fields?.find((f) => f.field === 'changes[0]') ?? error.fields?.[0];
    if (!field) return error;
    if (field.rule === 'locked') return { ...error, message: t('comms.cannotTurnOff', { name }), advice: field.message };
    return { ...error, message: `${name}: ${field.message}` };
  }

  async function save(purpose: Purpose, channel: Channel, on: boolean): Promise<boolean> {
    const found = findCell(slot.get().prefs, purpose, channel);
    if (!found) return false;
    const name = cellName(found.row.label, channel);
    const key = cellKey(purpose, channel);
    let message: string | undefined;
    const ran = await runner.run(key, async () => {
      const prefs = slot.get().prefs;
      if (!prefs) return;
      const before = findCell(prefs, purpose, channel)?.cell.state;
      let outcome;
      try {
        outcome = await deps.api.saveCommunications([{ purpose, channel, on }], prefs.version);
      } catch (reason) {
        const error = toCommandError(reason);
        if (error.code === 'conflict') {
          // Refused as stale rather than answered with the current matrix: read it.
          await quietlyReload();
          patch({ conflict: true });
          return;
        }
        if (error.code === 'invalid_input') await quietlyReload();
        throw explain(error, name);
      }
      if (outcome.outcome === 'conflict') {
        patch({ prefs: outcome.current, conflict: true });
        return;
      }
      const after = findCell(outcome.prefs, purpose, channel)?.cell.state;
      const mailed = after === 'pending' && before !== 'pending';
      patch({ prefs: outcome.prefs, mailSent: slot.get().mailSent + (mailed ? 1 : 0) });
      message =
        after === 'pending'
          ? t('comms.almostDone', { name })
          : t(after === 'on' ? 'comms.isOn' : 'comms.isOff', { name });
    });
    if (!ran) return false;
    if (message !== undefined) done(key, message);
    // A conflict also means receipts written elsewhere.
    await reloadReceipts();
    return message !== undefined;
  }

  async function load() {
    generation++;
    patch({ status: 'loading', loadError: undefined, receipts: { ...EMPTY_RECEIPTS, status: 'loading' } });
    await Promise.all([loadPrefs(), reloadReceipts()]);
  }

  async function revalidatePrefs() {
    const quiet = runner.quietSince();
    try {
      const prefs = await deps.api.loadCommunications();
      if (quiet() && !sameAnswer(prefs, slot.get().prefs)) patch({ prefs });
    } catch (reason) {
      // What is on screen stays; the offline banner or the next change says the rest.
      failure(deps, reason);
    }
  }

  /** The first page of receipts again; the list on screen (with more pages) stays if its head is unchanged. */
  async function revalidateReceipts() {
    const { status, loadingMore } = slot.get().receipts;
    if (status !== 'ready') return reloadReceipts();
    if (loadingMore) return;
    const mine = generation;
    try {
      const page = await deps.api.consentReceipts(null);
      const items = slot.get().receipts.items;
      if (mine !== generation || sameAnswer(page.items, items.slice(0, page.items.length))) return;
      patchReceipts({ items: page.items, nextCursor: page.next_cursor ?? undefined });
    } catch (reason) {
      failure(deps, reason);
    }
  }

  return {
    runner,

    load,

    async revalidate() {
      if (slot.get().status !== 'ready') return load();
      if (!idle()) return;
      await Promise.all([revalidatePrefs(), revalidateReceipts()]);
    },

    async toggle(purpose, channel) {
      if (!idle()) return false;
      const found = findCell(slot.get().prefs, purpose, channel);
      if (!found || found.cell.locked) return false;
      const on = found.cell.state === 'off';
      const curtailed = on ? undefined : curtails(purpose, channel);
      if (curtailed !== undefined) {
        patch({ confirming: { purpose, channel, curtails: curtailed } });
        return false;
      }
      return save(purpose, channel, on);
    },

    confirmOff() {
      const confirming = slot.get().confirming;
      if (!confirming || !idle()) return Promise.resolve(false);
      return save(confirming.purpose, confirming.channel, false);
    },

    cancelOff() {
      const next = { ...slot.get() };
      delete next.confirming;
      slot.set(next);
    },

    async unsubscribeAll() {
      let message: string | undefined;
      const ran = await runner.run('unsubscribe', async () => {
        const before = promotionalOn(slot.get().prefs);
        const prefs = await deps.api.unsubscribeAllPromotional();
        patch({ prefs });
        message =
          before.length === 0
            ? alreadyUnsubscribed()
            : t('comms.unsubscribed', { list: formatList(before), count: before.length });
      });
      if (!ran) return false;
      if (message !== undefined) done('unsubscribe', message);
      await reloadReceipts();
      return true;
    },

    async refresh() {
      const ran = await runner.run('refresh', async () => {
        patch({ prefs: await deps.api.loadCommunications() });
      });
      if (ran) await reloadReceipts();
      return ran;
    },

    dismissConflict: () => patch({ conflict: false }),

    reloadReceipts,

    async moreReceipts() {
      const { nextCursor, loadingMore, status } = slot.get().receipts;
      if (!nextCursor || loadingMore || status !== 'ready') return;
      const mine = generation;
      patchReceipts({ loadingMore: true, error: undefined });
      try {
        const page = await deps.api.consentReceipts(nextCursor);
        if (mine !== generation) return;
        // Pages do not overlap, but a receipt seen twice is shown once.
        const seen = new Set(slot.get().receipts.items.map((r) => r.id));
        patchReceipts({
          items: [...slot.get().receipts.items, ...page.items.filter((r) => !seen.has(r.id))],
          nextCursor: page.next_cursor ?? undefined,
          loadingMore: false,
        });
      } catch (reason) {
        const error = failure(deps, reason);
        if (mine === generation) patchReceipts({ loadingMore: false, error });
      }
    },
  };
}
