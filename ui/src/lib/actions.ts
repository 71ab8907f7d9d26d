// Runs a section's actions one at a time, remembering per action its last
// failure and its last success, and handling step-up: when an action is
// rejected with `step_up_required`, the section shows "sign in again"; once
// `reauthenticate` succeeds the action is retried once, and the promise the
// caller awaits settles only then (so a form clears only on real success).

import type { CommandError } from './generated/CommandError';
import { failure, type SectionDeps, type Slot } from './deps';

export interface StepUp {
  /** The action waiting for a fresh sign-in. */
  key: string;
  /** `reauthenticate` is running (a browser sign-in). */
  busy: boolean;
  /** Why the last sign-in attempt did not work. */
  error?: CommandError;
}

export interface ActionState {
  /** The action in flight. */
  busy?: string;
  /** The last failure of each action, shown next to it. */
  errors: Partial<Record<string, CommandError>>;
  /** The last success, shown as a status line next to the action. */
  done?: { key: string; message: string };
  stepUp?: StepUp;
}

export const NO_ACTIONS: ActionState = { errors: {} };

export interface Runner {
  /** Resolves true once `action` succeeded (after a step-up, if one was needed). */
  run(key: string, action: () => Promise<void>, success?: string): Promise<boolean>;
  /** Signs in again, then retries the waiting action once. */
  confirmStepUp(): Promise<void>;
  /** Gives up on the waiting action (and on a sign-in in progress). */
  cancelStepUp(): Promise<void>;
  dismiss(key: string): void;
  /**
   * Taken when a background read starts (a kept page shown again): whether
   * no action has started since, nor is running or waiting for a step-up,
   * so the read's answer cannot undo what an action wrote.
   */
  quietSince(): () => boolean;
}

interface Pending {
  key: string;
  action: () => Promise<void>;
  success: string | undefined;
  resolve: (ok: boolean) => void;
}

function without<S extends object, K extends keyof S>(state: S, key: K): S {
  const next = { ...state };
  delete next[key];
  return next;
}

export function createRunner(deps: SectionDeps, slot: Slot<ActionState>): Runner {
  let pending: Pending | undefined;
  let cancelling = false;
  /** Actions started, for `quietSince`. */
  let started = 0;

  const errorsWithout = (key: string) => {
    const errors = { ...slot.get().errors };
    delete errors[key];
    return errors;
  };

  async function attempt(
    key: string,
    action: () => Promise<void>,
    success: string | undefined,
    retried: boolean,
  ): Promise<boolean> {
    started++;
    slot.set({ ...without(slot.get(), 'done'), errors: errorsWithout(key), busy: key });
    try {
      await action();
    } catch (reason) {
      const error = failure(deps, reason);
      const idle = without(slot.get(), 'busy');
      // Retried once only: a second refusal is shown, not looped on.
      if (error.code === 'step_up_required' && !retried) {
        return new Promise<boolean>((resolve) => {
          pending = { key, action, success, resolve };
          slot.set({ ...idle, stepUp: { key, busy: false } });
        });
      }
      slot.set({ ...idle, errors: { ...idle.errors, [key]: error } });
      return false;
    }
    const idle = without(slot.get(), 'busy');
    slot.set(success ? { ...idle, done: { key, message: success } } : idle);
    return true;
  }

  function settlePending(ok: boolean) {
    const p = pending;
    pending = undefined;
    slot.set(without(slot.get(), 'stepUp'));
    p?.resolve(ok);
  }

  return {
    async run(key, action, success) {
      if (slot.get().busy !== undefined || slot.get().stepUp?.busy) return false;
      // Starting something else abandons an action still waiting for step-up.
      if (pending) settlePending(false);
      return attempt(key, action, success, false);
    },

    async confirmStepUp() {
      const p = pending;
      if (!p || slot.get().stepUp?.busy) return;
      cancelling = false;
      slot.set({ ...slot.get(), stepUp: { key: p.key, busy: true } });
      try {
        deps.sessionRenewed(await deps.api.reauthenticate());
      } catch (reason) {
        const error = failure(deps, reason);
        if (cancelling || error.code === 'session_expired') {
          settlePending(false);
        } else {
          slot.set({ ...slot.get(), stepUp: { key: p.key, busy: false, error } });
        }
        return;
      }
      pending = undefined;
      slot.set(without(slot.get(), 'stepUp'));
      p.resolve(await attempt(p.key, p.action, p.success, true));
    },

    async cancelStepUp() {
      if (!pending) return;
      if (slot.get().stepUp?.busy) {
        // `reauthenticate` then rejects with `sign_in_cancelled`, which closes the prompt.
        cancelling = true;
        try {
          await deps.api.cancelSignIn();
        } catch {
          // The sign-in may have finished meanwhile; its outcome decides.
        }
        return;
      }
      settlePending(false);
    },

    dismiss(key) {
      const state = slot.get();
      const next = { ...state, errors: errorsWithout(key) };
      slot.set(state.done?.key === key ? without(next, 'done') : next);
    },

    quietSince() {
      const mark = started;
      return () => mark === started && slot.get().busy === undefined && pending === undefined;
    },
  };
}

/** A runner for one account at a time (see `createScopedRunner`). */
export interface ScopedRunner extends Runner {
  /**
   * Another account: the actions started so far write nothing more (busy,
   * their failure, a step-up) and are not retried after a step-up; one
   * waiting for a step-up is given up.
   */
  renew(): void;
  /** Taken when an action starts: whether no `renew` happened since. */
  current(): () => boolean;
}

/**
 * A section that shows one account at a time and starts its actions afresh
 * for the next one: an action still running for the previous account must
 * not show its outcome on the new one's card.
 */
export function createScopedRunner(deps: SectionDeps, slot: Slot<ActionState>): ScopedRunner {
  let epoch = 0;
  const make = () => {
    const mine = epoch;
    return createRunner(deps, {
      get: slot.get,
      set: (actions) => {
        if (mine === epoch) slot.set(actions);
      },
    });
  };
  let inner = make();

  return {
    run(key, action, success) {
      const mine = epoch;
      return inner.run(
        key,
        async () => {
          if (mine === epoch) await action();
        },
        success,
      );
    },
    confirmStepUp: () => inner.confirmStepUp(),
    cancelStepUp: () => inner.cancelStepUp(),
    dismiss: (key) => inner.dismiss(key),

    quietSince() {
      const mine = epoch;
      const quiet = inner.quietSince();
      return () => mine === epoch && quiet();
    },

    renew() {
      const retired = inner;
      const waiting = slot.get().stepUp;
      epoch++;
      inner = make();
      // Settles the waiting action (false); a sign-in already under way
      // finishes on its own, and the retry then does nothing.
      if (waiting && !waiting.busy) void retired.cancelStepUp();
    },

    current() {
      const mine = epoch;
      return () => mine === epoch;
    },
  };
}
