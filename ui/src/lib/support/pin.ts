// The support PIN (PR-10): the person's own (not an account's). Support asks
// a caller for it to confirm the caller is the person. The console only ever
// learns whether one is set, and since when: the PIN typed is sent and
// forgotten (the state never holds it).
//
// - Set or change: 6 to 10 digits, not all the same and not a run (the
//   server's rule, checked first; the server's field error `pin` is shown
//   next to the field).
// - Remove: support then confirms callers another way.
// - A change may need a recent sign-in: the step-up prompt, then the retry.
// - People who cannot have one (staff) are not offered it.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDate } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { SupportPinStatus } from '../generated/SupportPinStatus';
import { pinProblem } from './rules';
import { t } from '../i18n';

export const PIN_SAVE_KEY = 'support-pin-save';
export const PIN_CLEAR_KEY = 'support-pin-clear';
export const PIN_KEYS = [PIN_SAVE_KEY, PIN_CLEAR_KEY];

// Functions, not constants: the words are the current language's when asked.
export const pinExplainer = (): string => t('security.pin.explainer');
export const pinRules = (): string => t('security.pin.rules');
export const pinSaved = (): string => t('security.pin.saved');
export const pinChanged = (): string => t('security.pin.changed');
export const pinCleared = (): string => t('security.pin.cleared');
export const fieldsMessage = (): string => t('security.pin.fieldsMessage');

export interface SupportPinState {
  /** `unavailable`: not offered to this person (the server refuses it). */
  status: 'idle' | 'loading' | 'ready' | 'failed' | 'unavailable';
  loadError?: CommandError;
  pin?: SupportPinStatus;
  /** Keys: `support-pin-save`, `support-pin-clear`. */
  actions: ActionState;
}

export const EMPTY_SUPPORT_PIN: SupportPinState = { status: 'idle', actions: NO_ACTIONS };

/** "Set on 4 Mar 2026." / "Not set." */
export function pinStatusText(pin: SupportPinStatus, locale?: string): string {
  if (!pin.is_set) return t('security.pin.none');
  return pin.set_at
    ? t('security.pin.setOn', { date: formatDate(pin.set_at, locale) })
    : t('security.pin.isSet');
}

/** The server's words for the PIN of a refused save. */
export function pinFieldError(state: SupportPinState): string | undefined {
  return state.actions.errors[PIN_SAVE_KEY]?.fields?.find((f) => f.field === 'pin')?.message;
}

export interface SupportPinController {
  runner: Runner;
  load(): Promise<void>;
  /** The page shown again: read again in the background, what is on screen staying until the answer is here. */
  revalidate(): Promise<void>;
  /** Sets or changes the PIN, once it meets the rule. Resolves true once saved. */
  save(pin: string): Promise<boolean>;
  /** Removes the PIN. Resolves true once removed. */
  clear(): Promise<boolean>;
}

export function createSupportPinController(deps: SectionDeps, slot: Slot<SupportPinState>): SupportPinController {
  const patch = (changes: Partial<SupportPinState>) => slot.set({ ...slot.get(), ...changes });
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new change clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  let generation = 0;

  /** Runs one change; the status comes back from the server. */
  async function change(
    key: string,
    call: () => Promise<SupportPinStatus>,
    message: (before: SupportPinStatus) => string,
  ): Promise<boolean> {
    const before = slot.get().pin;
    if (!before) return false;
    let saved: SupportPinStatus | undefined;
    const ran = await runner.run(key, async () => {
      try {
        saved = await call();
      } catch (reason) {
        const error = toCommandError(reason);
        throw error.code === 'invalid_input' && error.fields?.length ? { ...error, message: fieldsMessage() } : error;
      }
    });
    if (!ran || !saved) return false;
    patch({ pin: saved, actions: { ...slot.get().actions, done: { key, message: message(before) } } });
    return true;
  }

  async function load() {
    const mine = ++generation;
    patch({ status: 'loading', loadError: undefined });
    try {
      const pin = await deps.api.loadSupportPin();
      if (mine === generation) patch({ status: 'ready', pin });
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine !== generation) return;
      patch(error.code === 'forbidden' ? { status: 'unavailable' } : { status: 'failed', loadError: error });
    }
  }

  return {
    runner,

    async revalidate() {
      if (slot.get().status !== 'ready') return load();
      const mine = generation;
      const quiet = runner.quietSince();
      try {
        const pin = await deps.api.loadSupportPin();
        if (mine === generation && quiet() && !sameAnswer(pin, slot.get().pin)) patch({ pin });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    load,

    save(pin) {
      if (pinProblem(pin)) return Promise.resolve(false);
      const value = pin.trim();
      return change(PIN_SAVE_KEY, () => deps.api.setSupportPin(value), (before) => (before.is_set ? pinChanged() : pinSaved()));
    },

    clear() {
      if (!slot.get().pin?.is_set) return Promise.resolve(false);
      return change(PIN_CLEAR_KEY, () => deps.api.clearSupportPin(), () => pinCleared());
    },
  };
}
