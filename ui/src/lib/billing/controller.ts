// The Billing section's flows on one account: the subscription (plan change
// with a proration preview, cancel at period end, resume), payment methods,
// licenses and usage. Invoices have their own controller (./invoices.ts).
//
// Each part loads on its own, so a failing list does not hide the others.
// Changes that spend money carry an idempotency key (./intents.ts).

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDate } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { License } from '../generated/License';
import type { PaymentMethod } from '../generated/PaymentMethod';
import type { ProrationPreview } from '../generated/ProrationPreview';
import type { Subscription } from '../generated/Subscription';
import type { UsageMonth } from '../generated/UsageMonth';
import { createIntents, outcomeOf, randomKey, type Intents } from './intents';
import { t } from '../i18n';

export type Part<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: CommandError };

export interface PlanChangeFlow {
  /** The plan picked; absent while the user is still choosing. */
  planId?: string;
  previewing: boolean;
  preview?: ProrationPreview;
  previewError?: CommandError;
}

export interface CancelFlow {
  /** Why the confirmation cannot go ahead yet (no reason given). */
  problem?: string;
}

export interface BillingState {
  accountId?: string;
  subscription: Part<Subscription>;
  paymentMethods: Part<PaymentMethod[]>;
  licenses: Part<License[]>;
  usage: Part<UsageMonth[]>;
  planChange?: PlanChangeFlow;
  cancel?: CancelFlow;
  /** Keys: `plan`, `cancel`, `resume`, `card:<payment method id>`. */
  actions: ActionState;
}

export type PartName = 'subscription' | 'paymentMethods' | 'licenses' | 'usage';

const LOADING = { status: 'loading' } as const;

export const EMPTY_BILLING: BillingState = {
  subscription: LOADING,
  paymentMethods: LOADING,
  licenses: LOADING,
  usage: LOADING,
  actions: NO_ACTIONS,
};

export const reasonRequired = (): string => t('billing.cancel.reasonRequired');
export const REASON_MAX = 500;

export interface BillingController {
  runner: Runner;
  intents: Intents;
  load(accountId: string): Promise<void>;
  /**
   * The page shown again: each part read again in the background, what is
   * on screen staying until its answer is here (a part that failed loads).
   */
  revalidate(accountId: string): Promise<void>;
  /** Loads one part again (its "Try again"). */
  reload(part: PartName): Promise<void>;
  /**
   * Reads the cards again, keeping the current list on screen meanwhile (a
   * card was added elsewhere). Resolves with the new list, or `undefined`
   * when it could not be read (the part then shows the failure).
   */
  refreshCards(): Promise<PaymentMethod[] | undefined>;
  openPlanChange(): void;
  /** Picks a plan and fetches what the change costs now. */
  choosePlan(planId: string): Promise<void>;
  confirmPlanChange(): Promise<boolean>;
  closePlanChange(): void;
  openCancel(): void;
  confirmCancel(reason: string): Promise<boolean>;
  closeCancel(): void;
  resume(): Promise<boolean>;
  makeDefault(paymentMethodId: string): Promise<boolean>;
  removeCard(paymentMethodId: string): Promise<boolean>;
}

export interface BillingOptions {
  /** Makes idempotency keys; `crypto.randomUUID` unless a test says otherwise. */
  newKey?: () => string;
  /** The subscription changed (new invoices may exist). */
  onSubscriptionChanged?: () => void;
  locale?: string;
}

const PLAN_INTENT = (planId: string) => `plan:${planId}`;

export function createBillingController(
  deps: SectionDeps,
  slot: Slot<BillingState>,
  options: BillingOptions = {},
): BillingController {
  const patch = (changes: Partial<BillingState>) => slot.set({ ...slot.get(), ...changes });
  const without = (key: 'planChange' | 'cancel') => {
    const next = { ...slot.get() };
    delete next[key];
    slot.set(next);
  };
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  // The page has one status line: a new change clears the failures of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      const actions = slot.get().actions;
      if (actions.busy === undefined && !actions.stepUp?.busy) patch({ actions: { ...actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };
  const intents = createIntents(options.newKey ?? randomKey);

  const readers: { [P in PartName]: (accountId: string) => Promise<unknown> } = {
    subscription: (id) => deps.api.loadSubscription(id),
    paymentMethods: (id) => deps.api.listPaymentMethods(id),
    licenses: (id) => deps.api.listLicenses(id),
    usage: (id) => deps.api.loadUsage(id),
  };

  async function loadPart(part: PartName, accountId: string) {
    patch({ [part]: LOADING });
    try {
      const value = await readers[part](accountId);
      if (slot.get().accountId === accountId) patch({ [part]: { status: 'ready', value } });
    } catch (reason) {
      const error = failure(deps, reason);
      if (slot.get().accountId === accountId) patch({ [part]: { status: 'failed', error } });
    }
  }

  const PARTS = Object.keys(readers) as PartName[];

  async function load(accountId: string) {
    intents.reset();
    slot.set({ ...EMPTY_BILLING, accountId });
    await Promise.all(PARTS.map((part) => loadPart(part, accountId)));
  }

  const current = (): Subscription | undefined => {
    const part = slot.get().subscription;
    return part.status === 'ready' ? part.value : undefined;
  };

  /**
   * Runs a change that spends money under its intent's key. The runner may
   * call `attempt` twice (after a step-up): both use the same key.
   */
  function spend(
    action: string,
    intent: string,
    body: string,
    command: (accountId: string, key: string) => Promise<Subscription>,
    success: string,
    after?: () => void,
  ): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId || slot.get().actions.busy !== undefined) return Promise.resolve(false);
    return runner.run(
      action,
      async () => {
        const key = intents.keyFor(intent, body);
        let subscription: Subscription;
        try {
          subscription = await command(accountId, key);
        } catch (reason) {
          intents.settle(intent, outcomeOf(toCommandError(reason)));
          throw reason;
        }
        intents.settle(intent, 'done');
        if (slot.get().accountId !== accountId) return;
        patch({ subscription: { status: 'ready', value: subscription } });
        after?.();
        options.onSubscriptionChanged?.();
      },
      success,
    );
  }

  function cards(
    paymentMethodId: string,
    command: (accountId: string) => Promise<PaymentMethod[]>,
    success: string,
  ): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId) return Promise.resolve(false);
    return runner.run(
      `card:${paymentMethodId}`,
      async () => {
        const value = await command(accountId);
        if (slot.get().accountId === accountId) patch({ paymentMethods: { status: 'ready', value } });
      },
      success,
    );
  }

  const endDate = () => {
    const end = current()?.current_period_end;
    return end ? formatDate(end, options.locale) : t('billing.cancel.endOfPeriod');
  };

  return {
    runner,
    intents,

    load,

    async revalidate(accountId) {
      if (slot.get().accountId !== accountId) return load(accountId);
      const quiet = runner.quietSince();
      await Promise.all(
        PARTS.map(async (part) => {
          if (slot.get()[part].status !== 'ready') return loadPart(part, accountId);
          try {
            const value = await readers[part](accountId);
            const shown = slot.get()[part];
            if (!quiet() || slot.get().accountId !== accountId) return;
            if (shown.status === 'ready' && sameAnswer(value, shown.value)) return;
            patch({ [part]: { status: 'ready', value } });
          } catch (reason) {
            // What is on screen stays; the offline banner or the next change says the rest.
            failure(deps, reason);
          }
        }),
      );
    },

    async reload(part) {
      const accountId = slot.get().accountId;
      if (accountId) await loadPart(part, accountId);
    },

    async refreshCards() {
      const accountId = slot.get().accountId;
      if (!accountId) return undefined;
      try {
        const value = await deps.api.listPaymentMethods(accountId);
        if (slot.get().accountId !== accountId) return undefined;
        patch({ paymentMethods: { status: 'ready', value } });
        return value;
      } catch (reason) {
        const error = failure(deps, reason);
        if (slot.get().accountId === accountId) patch({ paymentMethods: { status: 'failed', error } });
        return undefined;
      }
    },

    openPlanChange() {
      if (!slot.get().planChange) patch({ planChange: { previewing: false } });
      without('cancel');
    },

    async choosePlan(planId) {
      const accountId = slot.get().accountId;
      const flow = slot.get().planChange;
      if (!accountId || slot.get().actions.busy !== undefined) return;
      if (flow?.planId && flow.planId !== planId) intents.close(PLAN_INTENT(flow.planId));
      // The confirmation for this plan opens here: its idempotency key is made now.
      intents.open(PLAN_INTENT(planId));
      runner.dismiss('plan');
      patch({ planChange: { planId, previewing: true } });
      const stillWanted = () => slot.get().accountId === accountId && slot.get().planChange?.planId === planId;
      try {
        const preview = await deps.api.previewPlanChange(accountId, planId);
        if (stillWanted()) patch({ planChange: { planId, previewing: false, preview } });
      } catch (reason) {
        const previewError = failure(deps, reason);
        if (stillWanted()) patch({ planChange: { planId, previewing: false, previewError } });
      }
    },

    confirmPlanChange() {
      const flow = slot.get().planChange;
      const planId = flow?.planId;
      // Only what the user has seen priced can be confirmed.
      if (!planId || !flow.preview) return Promise.resolve(false);
      const plan = current()?.available_plans.find((p) => p.id === planId);
      return spend(
        'plan',
        PLAN_INTENT(planId),
        planId,
        (id, key) => deps.api.changePlan(id, planId, key),
        plan ? t('billing.plan.changedTo', { plan: plan.name }) : t('billing.plan.changed'),
        () => without('planChange'),
      );
    },

    closePlanChange() {
      const planId = slot.get().planChange?.planId;
      if (planId) intents.close(PLAN_INTENT(planId));
      without('planChange');
    },

    openCancel() {
      intents.open('cancel');
      without('planChange');
      patch({ cancel: {} });
    },

    confirmCancel(reason) {
      const why = reason.trim();
      if (why === '') {
        patch({ cancel: { problem: reasonRequired() } });
        return Promise.resolve(false);
      }
      if (why.length > REASON_MAX) {
        patch({ cancel: { problem: t('billing.cancel.reasonTooLong', { max: REASON_MAX }) } });
        return Promise.resolve(false);
      }
      patch({ cancel: {} });
      return spend(
        'cancel',
        'cancel',
        why,
        (id, key) => deps.api.cancelSubscription(id, why, key),
        t('billing.cancel.done', { date: endDate() }),
        () => without('cancel'),
      );
    },

    closeCancel() {
      intents.close('cancel');
      without('cancel');
    },

    resume() {
      return spend(
        'resume',
        'resume',
        '',
        (id, key) => deps.api.resumeSubscription(id, key),
        t('billing.plan.resumed'),
      );
    },

    makeDefault: (paymentMethodId) =>
      cards(paymentMethodId, (id) => deps.api.setDefaultPaymentMethod(id, paymentMethodId), t('billing.cards.defaultChanged')),

    removeCard: (paymentMethodId) =>
      cards(paymentMethodId, (id) => deps.api.removePaymentMethod(id, paymentMethodId), t('billing.cards.removed')),
  };
}
