// A legal hold on a customer's account (PR-19), for administrators: while
// it holds, nothing of the account is deleted, even once the customer asked
// and the cooling-off period is over. The customer sees the explanation
// (1 to 500 characters). Placing or lifting one reads the customer again,
// so the view shows the hold as the server now holds it.
//
// Opening another customer drops what is still on its way for the previous one.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { t } from '../i18n';
import { explained, requiredError } from './errors';

export const HOLD_PLACE_KEY = 'hold-place';
export const HOLD_LIFT_KEY = 'hold-lift';
export const HOLD_KEYS = [HOLD_PLACE_KEY, HOLD_LIFT_KEY];

export const MAX_HOLD_CHARS = 500;
// Functions, not constants: the words are the current language's when asked.
export const holdRule = (): string => t('admin.hold.rule');

export const holdPlaced = (): string => t('admin.hold.placed');
export const holdLifted = (): string => t('admin.hold.lifted');

export interface HoldState {
  accountId?: string;
  /** Keys: `hold-place`, `hold-lift`. */
  actions: ActionState;
}

export const EMPTY_HOLD: HoldState = { actions: NO_ACTIONS };

/** Characters as the server counts them (code points), not UTF-16 units. */
export const charCount = (text: string): number => [...text].length;

/** Why `explanation` cannot be sent, or nothing when it can. */
export function holdProblem(explanation: string): CommandError | undefined {
  const text = explanation.trim();
  if (text === '') return requiredError('explanation', holdRule());
  if (charCount(text) > MAX_HOLD_CHARS) {
    return { code: 'invalid_input', message: holdRule(), fields: [{ field: 'explanation', rule: 'max_length', message: holdRule() }] };
  }
  return undefined;
}

export interface HoldController {
  runner: ScopedRunner;
  /** A customer opened. */
  open(accountId: string): void;
  /** Resolves true once placed (and the customer read again). */
  place(explanation: string): Promise<boolean>;
  /** Resolves true once lifted (and the customer read again). */
  lift(): Promise<boolean>;
}

/** `refresh`: reads the customer again. */
export function createHoldController(
  deps: SectionDeps,
  slot: Slot<HoldState>,
  refresh: () => Promise<void>,
): HoldController {
  const patch = (changes: Partial<HoldState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  async function change(key: string, action: (accountId: string) => Promise<unknown>, success: string) {
    const accountId = slot.get().accountId;
    if (!accountId) return false;
    const still = runner.current();
    const ok = await runner.run(
      key,
      async () => {
        await explained(action(accountId));
      },
      success,
    );
    if (!ok || !still()) return false;
    await refresh();
    return true;
  }

  return {
    runner,

    open(accountId) {
      runner.renew();
      slot.set({ ...EMPTY_HOLD, accountId });
    },

    place(explanation) {
      const problem = holdProblem(explanation);
      if (problem) {
        const actions = slot.get().actions;
        patch({ actions: { ...actions, errors: { ...actions.errors, [HOLD_PLACE_KEY]: problem } } });
        return Promise.resolve(false);
      }
      const text = explanation.trim();
      return change(HOLD_PLACE_KEY, (id) => deps.api.placeLegalHold(id, text), holdPlaced());
    },

    lift() {
      return change(HOLD_LIFT_KEY, (id) => deps.api.liftLegalHold(id), holdLifted());
    },
  };
}
