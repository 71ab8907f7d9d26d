// The Privacy section's sharing with service partners (PR-6), on one account:
// the "Do not share my personal information" switch, the optional partners
// one by one, and the ledger of every export.
//
// - Every save sends the WHOLE choice (the switch and the full list of
//   optional partners turned off) on top of the version the user saw. A
//   choice changed elsewhere meanwhile is never overwritten: the save comes
//   back as a conflict, the current choice is shown with a message, and the
//   user makes their change again.
// - Turning sharing off (the switch on, or one partner off) first says what it
//   curtails (PR-20); the save waits for the user to confirm. Turning sharing
//   back on saves at once.
// - The server keeps the optional partners turned off one by one
//   (`opted_out`) even while the switch is on, and every save sends that list
//   back as the view has it: turning the switch off restores the earlier
//   choices, and the rows say meanwhile which partners are also off on their
//   own.
// - One change at a time: while a save runs, other clicks do nothing.
// - The ledger is read again after each save.
// - A partner's privacy statement opens in the user's browser (only https);
//   a failure shows on the card's status line.
// - A partner announced by a policy notice and not started yet comes with
//   the day it starts (`starts_at`): the card says so, and it can be turned
//   off before then like any other.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDate, formatList } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { LedgerEntry } from '../generated/LedgerEntry';
import type { PartnerView } from '../generated/PartnerView';
import type { SharingChange } from '../generated/SharingChange';
import type { SharingView } from '../generated/SharingView';
import { t } from '../i18n';

// Functions, not constants: the words are the current language's when asked.
export const conflictMessage = (): string => t('privacy.sharing.conflict');

export const readOnlyMessage = (): string => t('privacy.sharing.readOnly');

export const ledgerEmpty = (): string => t('privacy.ledger.empty');

/** The action keys: the switch, and one per partner. */
export const SHARE_NONE_KEY = 'share-none';
export const partnerKey = (partnerId: string): string => `partner:${partnerId}`;
/** Opening a partner's privacy statement: not a save, but its failure shows on the same line. */
export const linkKey = (partnerId: string): string => `link:${partnerId}`;
export const SHARING_KEYS = [SHARE_NONE_KEY, 'partner:', 'link:'];

/** A partner the switch would stop, and what that curtails (PR-20). */
export interface Curtailed {
  id: string;
  name: string;
  curtails: string;
  /** Not shared already (turned off on its own): its curtailment applies today. */
  alreadyOff: boolean;
}

/** A change that curtails a service, waiting for the user to read what. */
export type Confirming =
  | { kind: 'share_none'; partners: Curtailed[] }
  | { kind: 'partner'; partnerId: string; name: string; curtails: string };

export interface LedgerState {
  /** `loading`: nothing read yet; a list on screen stays `ready` while it is read again. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: LedgerEntry[];
  /** The list on screen is being read again. */
  refreshing: boolean;
  error?: CommandError;
}

export interface SharingState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  sharing?: SharingView;
  /** The last save met a choice changed elsewhere; `sharing` is that choice. */
  conflict: boolean;
  confirming?: Confirming;
  ledger: LedgerState;
  /** Keys: `share-none`, `partner:<id>`. */
  actions: ActionState;
}

export const EMPTY_LEDGER: LedgerState = { status: 'idle', items: [], refreshing: false };

export const EMPTY_SHARING: SharingState = {
  status: 'idle',
  conflict: false,
  ledger: EMPTY_LEDGER,
  actions: NO_ACTIONS,
};

function unique(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}

/**
 * Where a partner stands: shared, turned off on its own, stopped by the
 * switch, or stopped by the switch and also off on its own (so it stays off
 * when the switch is turned off).
 */
export type PartnerState = 'shared' | 'opted_out' | 'share_none' | 'share_none_opted_out';

export function partnerState(view: SharingView, partner: PartnerView): PartnerState {
  const own = partner.optional && view.opted_out.includes(partner.id);
  if (view.share_none) return own ? 'share_none_opted_out' : 'share_none';
  return partner.shared ? 'shared' : 'opted_out';
}

/**
 * The optional partners turned off one by one, sorted, as the server keeps
 * them (also while the switch is on). Only partners the view lists as
 * optional: the server refuses anything else.
 */
export function optedOutOf(view: SharingView): string[] {
  const optional = new Set(view.partners.filter((p) => p.optional).map((p) => p.id));
  return unique(view.opted_out.filter((id) => optional.has(id)));
}

/** The names of the partners turned off one by one, in the server's order. */
export function optedOutNames(view: SharingView): string[] {
  const off = optedOutOf(view);
  return view.partners.filter((p) => off.includes(p.id)).map((p) => p.name);
}

/**
 * "Receives data from 1 Apr 2099" for a partner announced by a notice and
 * not started yet (PR-7); nothing once it receives data.
 */
export function startsText(partner: Pick<PartnerView, 'starts_at'>, locale?: string): string | undefined {
  return partner.starts_at ? t('privacy.partner.startsOn', { date: formatDate(partner.starts_at, locale) }) : undefined;
}

/** What turning the switch on curtails: every partner, in the server's order. */
export function curtailedBy(view: SharingView): Curtailed[] {
  return view.partners.map((p) => ({ id: p.id, name: p.name, curtails: p.curtails, alreadyOff: !p.shared }));
}

/**
 * A partner's privacy statement as a link: only https addresses (the only
 * ones the desktop app opens), shown as host and path
 * ("tally.example/privacy") so the reader sees where it leads.
 */
export function externalLink(url: string): { href: string; label: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const path = parsed.pathname.replace(/\/+$/, '');
  return { href: parsed.href, label: `${parsed.host}${path}` };
}

/** The status line after turning the switch off, from the choice the server now holds. */
function sharingOnMessage(view: SharingView): string {
  const off = optedOutNames(view);
  if (off.length === 0) return t('privacy.sharing.onAgain');
  return t('privacy.sharing.onAgainExcept', { list: formatList(off), count: off.length });
}

export interface SharingController {
  runner: Runner;
  /** The choice and the ledger of `accountId`, each on its own. */
  load(accountId: string): Promise<void>;
  /** Loads the current account again ("Try again"). */
  retry(): Promise<void>;
  /** The page shown again: read again in the background, what is on screen staying until the answer is here. */
  revalidate(accountId: string): Promise<void>;
  /**
   * A click on "Do not share my personal information": turning it on asks
   * first (what every partner's absence curtails); turning it off saves at
   * once. Resolves true once a change is saved.
   */
  setShareNone(on: boolean): Promise<boolean>;
  /** A click on an optional partner's switch: off asks first, on saves at once. */
  setPartner(partnerId: string, on: boolean): Promise<boolean>;
  /** "Stop sharing" / "Turn off" after reading what it curtails. */
  confirm(): Promise<boolean>;
  /** "Keep sharing". */
  cancel(): void;
  dismissConflict(): void;
  reloadLedger(): Promise<void>;
  /**
   * A click on a partner's privacy statement: opens `url` in the user's
   * browser. Not a save: it neither waits for nor blocks one. A failure shows
   * on the status line; resolves true once the browser was asked to open it.
   */
  openLink(partnerId: string, url: string): Promise<boolean>;
}

export function createSharingController(deps: SectionDeps, slot: Slot<SharingState>): SharingController {
  const patch = (changes: Partial<SharingState>) => slot.set({ ...slot.get(), ...changes });
  const patchLedger = (changes: Partial<LedgerState>) => patch({ ledger: { ...slot.get().ledger, ...changes } });
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // The card has one status line: a new change clears the outcome of earlier ones.
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

  const show = (view: SharingView) => patch({ sharing: view });

  const setError = (key: string, error: CommandError | undefined) => {
    const errors = { ...slot.get().actions.errors };
    if (error) errors[key] = error;
    else delete errors[key];
    patch({ actions: { ...slot.get().actions, errors } });
  };

  /** Bumped whenever the ledger is read again: older answers are stale. */
  let ledgerGeneration = 0;

  async function reloadLedger() {
    const accountId = slot.get().accountId;
    if (!accountId) return;
    const mine = ++ledgerGeneration;
    const shown = slot.get().ledger.status === 'ready';
    patchLedger({ status: shown ? 'ready' : 'loading', refreshing: shown, error: undefined });
    try {
      const items = await deps.api.sharingLedger(accountId);
      if (mine === ledgerGeneration && slot.get().accountId === accountId) {
        patchLedger({ status: 'ready', items, refreshing: false });
      }
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === ledgerGeneration && slot.get().accountId === accountId) {
        patchLedger({ status: 'failed', items: [], refreshing: false, error });
      }
    }
  }

  async function loadView(accountId: string) {
    try {
      const view = await deps.api.loadSharing(accountId);
      if (slot.get().accountId !== accountId) return;
      patch({ status: 'ready', loadError: undefined });
      show(view);
    } catch (reason) {
      const error = failure(deps, reason);
      if (slot.get().accountId === accountId) patch({ status: 'failed', loadError: error });
    }
  }

  /** The choice read again after a refused save; a failure here is not the save's. */
  async function quietlyReload(accountId: string) {
    try {
      const view = await deps.api.loadSharing(accountId);
      if (slot.get().accountId === accountId) show(view);
    } catch (reason) {
      failure(deps, reason);
    }
  }

  /** A refused save, with the server's words for the partner it was about. */
  function explain(error: CommandError): CommandError {
    const field = error.fields?.find((f) => f.field.startsWith('opted_out')) ?? error.fields?.[0];
    return field ? { ...error, message: field.message } : error;
  }

  /**
   * Saves `change` on top of `view` (the choice the user acted on). `message`
   * words the outcome from the choice the server then holds.
   */
  async function save(
    key: string,
    view: SharingView,
    change: SharingChange,
    message: (saved: SharingView) => string,
  ): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId) return false;
    const still = () => slot.get().accountId === accountId;
    let said: string | undefined;
    const ran = await runner.run(key, async () => {
      let outcome;
      try {
        outcome = await deps.api.saveSharing(accountId, change, view.version);
      } catch (reason) {
        const error = toCommandError(reason);
        if (!still()) return;
        if (error.code === 'conflict') {
          // Refused as stale rather than answered with the current choice: read it.
          await quietlyReload(accountId);
          if (still()) patch({ conflict: true });
          return;
        }
        if (error.code === 'invalid_input') await quietlyReload(accountId);
        throw explain(error);
      }
      if (!still()) return;
      if (outcome.outcome === 'conflict') {
        show(outcome.current);
        patch({ conflict: true });
        return;
      }
      const saved = outcome.sharing;
      show(saved);
      said = message(saved);
    });
    if (!ran || !still()) return false;
    if (said !== undefined) done(key, said);
    // A conflict also means a choice made elsewhere; a save may stop exports listed meanwhile.
    await reloadLedger();
    return said !== undefined;
  }

  function shareNoneOn(): Promise<boolean> {
    const view = slot.get().sharing;
    if (!view || view.share_none) return Promise.resolve(false);
    // Partners already off stay off (and so off again when the switch is turned off).
    return save(
      SHARE_NONE_KEY,
      view,
      { share_none: true, opted_out: optedOutOf(view) },
      () => t('privacy.sharing.off'),
    );
  }

  function partnerOff(partnerId: string): Promise<boolean> {
    const view = slot.get().sharing;
    const partner = view?.partners.find((p) => p.id === partnerId);
    if (!view || view.share_none || !partner || !partner.optional) return Promise.resolve(false);
    return save(
      partnerKey(partnerId),
      view,
      { share_none: false, opted_out: unique([...optedOutOf(view), partnerId]) },
      () => t('privacy.sharing.partnerOff', { name: partner.name }),
    );
  }

  async function load(accountId: string) {
    ledgerGeneration++;
    slot.set({ ...EMPTY_SHARING, accountId, status: 'loading', ledger: { ...EMPTY_LEDGER, status: 'loading' } });
    await Promise.all([loadView(accountId), reloadLedger()]);
  }

  return {
    runner,
    load,

    async revalidate(accountId) {
      if (slot.get().accountId !== accountId || slot.get().status !== 'ready') return load(accountId);
      const quiet = runner.quietSince();
      const mine = ledgerGeneration;
      const still = () => quiet() && slot.get().accountId === accountId;
      const choice = async () => {
        const view = await deps.api.loadSharing(accountId);
        if (still() && !sameAnswer(view, slot.get().sharing)) show(view);
      };
      const ledger = async () => {
        if (slot.get().ledger.status !== 'ready') return reloadLedger();
        const items = await deps.api.sharingLedger(accountId);
        if (still() && mine === ledgerGeneration && !sameAnswer(items, slot.get().ledger.items)) patchLedger({ items });
      };
      // What is on screen stays on a failure; the offline banner or the next change says the rest.
      await Promise.all([
        choice().catch((reason: unknown) => void failure(deps, reason)),
        ledger().catch((reason: unknown) => void failure(deps, reason)),
      ]);
    },

    async retry() {
      const accountId = slot.get().accountId;
      if (accountId) await load(accountId);
    },

    async setShareNone(on) {
      if (!idle()) return false;
      const view = slot.get().sharing;
      if (!view || view.share_none === on) return false;
      if (on) {
        patch({ confirming: { kind: 'share_none', partners: curtailedBy(view) } });
        return false;
      }
      // The partners turned off one by one, which the server kept, stay off.
      return save(SHARE_NONE_KEY, view, { share_none: false, opted_out: optedOutOf(view) }, sharingOnMessage);
    },

    async setPartner(partnerId, on) {
      if (!idle()) return false;
      const view = slot.get().sharing;
      const partner = view?.partners.find((p) => p.id === partnerId);
      // Under the switch, and for required partners, there is nothing to choose here.
      if (!view || view.share_none || !partner || !partner.optional || partner.shared === on) return false;
      if (!on) {
        patch({ confirming: { kind: 'partner', partnerId, name: partner.name, curtails: partner.curtails } });
        return false;
      }
      return save(
        partnerKey(partnerId),
        view,
        { share_none: false, opted_out: optedOutOf(view).filter((id) => id !== partnerId) },
        () => t('privacy.sharing.partnerOn', { name: partner.name }),
      );
    },

    confirm() {
      const confirming = slot.get().confirming;
      if (!confirming || !idle()) return Promise.resolve(false);
      return confirming.kind === 'share_none' ? shareNoneOn() : partnerOff(confirming.partnerId);
    },

    cancel() {
      const next = { ...slot.get() };
      delete next.confirming;
      slot.set(next);
    },

    dismissConflict: () => patch({ conflict: false }),

    reloadLedger,

    async openLink(partnerId, url) {
      const key = linkKey(partnerId);
      const accountId = slot.get().accountId;
      setError(key, undefined);
      try {
        await deps.api.openExternalLink(url);
        return true;
      } catch (reason) {
        const error = failure(deps, reason);
        if (slot.get().accountId === accountId) setError(key, error);
        return false;
      }
    },
  };
}
