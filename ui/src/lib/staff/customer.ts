// One customer, as staff see it (PR-11, PR-17): the masked view, reasoned
// reveals, and starting to act on the customer's behalf.
//
// - Personal data comes masked. "Reveal" (one field, or every contact field
//   at once) first asks why: a reason is required and an optional ticket
//   reference may go with it; both are recorded in the audit log and shown to
//   the customer. The server judges the reason; its refusal shows next to
//   the reason.
// - Revealed values stay on screen for this customer only: opening another
//   customer (or the same one again) starts masked.
// - "Act on behalf" needs a reason in the same way, then opens an acting session,
//   which the workspace shows as the shell's banner. A customer who requires
//   their approval, or a caller not verified, is refused in plain words.
// - Opening another customer drops any answer still on its way for the
//   previous one, and the outcome of actions started for it.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import { formatDateTime } from '../format';
import type { ActingSession } from '../generated/ActingSession';
import type { CommandError } from '../generated/CommandError';
import type { CustomerView } from '../generated/CustomerView';
import type { Justification } from '../generated/Justification';
import type { Revealed } from '../generated/Revealed';
import type { RevealField } from '../generated/RevealField';
import type { StaffAccessSettings } from '../generated/StaffAccessSettings';
import { t } from '../i18n';
import { explained, staffFailure } from './errors';
import type { WorkspaceController } from './workspace';

export const REVEAL_KEY = 'reveal';
export const ACT_KEY = 'act-start';

/** "Reveal all" in the contact details reveals these (the ones the customer has). */
export const CONTACT_FIELDS: readonly RevealField[] = ['contact_emails', 'phone', 'postal_address'];

/** The reveal form that is open, and what it reveals. */
export interface Asking {
  kind: 'reveal';
  fields: RevealField[];
}

export interface CustomerState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  view?: CustomerView;
  /** What was revealed for this customer, merged. */
  revealed: Revealed;
  asking?: Asking;
  /** The ticket the customer was opened from: the reference the forms start with. */
  ticket?: string;
  /** Keys: `reveal`, `act-start`. */
  actions: ActionState;
}

export const EMPTY_CUSTOMER: CustomerState = { status: 'idle', revealed: {}, actions: NO_ACTIONS };

/** Whether `field` was revealed (a field revealed as empty counts). */
export function isRevealed(revealed: Revealed, field: RevealField): boolean {
  switch (field) {
    case 'contact_emails':
      return revealed.contact_emails !== undefined;
    case 'phone':
      return revealed.phones !== undefined;
    case 'postal_address':
      return revealed.postal_address !== undefined;
    case 'member_emails':
      return revealed.member_emails !== undefined;
  }
}

/** Whether the customer has something masked in `field`. */
export function hasMasked(view: CustomerView, field: RevealField): boolean {
  switch (field) {
    case 'contact_emails':
      return view.emails_masked.length > 0;
    case 'phone':
      return view.phone_masked !== undefined;
    case 'postal_address':
      return view.address_masked !== undefined;
    case 'member_emails':
      return view.members.length > 0;
  }
}

/** The contact fields "Reveal all" would reveal: present, and still masked. */
export function stillMasked(view: CustomerView, revealed: Revealed): RevealField[] {
  return CONTACT_FIELDS.filter((f) => hasMasked(view, f) && !isRevealed(revealed, f));
}

/** The customer's approval setting, in words; nothing when they do not require it (PR-17). */
export function approvalNote(access: StaffAccessSettings, now: Date = new Date()): string | undefined {
  if (!access.require_approval) return undefined;
  const until = access.granted_until;
  if (until && new Date(until).getTime() > now.getTime()) {
    return t('staff.customer.approvalGranted', { until: formatDateTime(until) });
  }
  return t('staff.customer.approvalNeeded');
}

export const actingMessage = (s: ActingSession): string =>
  t('staff.customer.acting', { name: s.account_name, until: formatDateTime(s.expires_at) });

/** The reason and reference, trimmed; the server judges the reason (its refusal shows next to it). */
export function justification(why: Justification): Justification {
  const reason = why.reason.trim();
  const ticket = why.ticket?.trim();
  return ticket ? { reason, ticket } : { reason };
}

export interface CustomerController {
  runner: ScopedRunner;
  /** Loads `accountId` masked; `ticket`: the ticket it was opened from. */
  open(accountId: string, ticket?: string): Promise<void>;
  /** Reads the customer again (revealed values stay). */
  reload(): Promise<void>;
  /** "Reveal" / "Reveal all": asks why first. */
  askReveal(fields: RevealField[]): void;
  /** Closes the reveal form. */
  cancel(): void;
  /** Sends the reveal form. Resolves true once revealed. */
  submit(why: Justification): Promise<boolean>;
  /** "Act on behalf", with why. Resolves true once the session is open. */
  act(why: Justification): Promise<boolean>;
  /** Back to the search (nothing open). */
  close(): void;
}

export function createCustomerController(
  deps: SectionDeps,
  slot: Slot<CustomerState>,
  workspace: Pick<WorkspaceController, 'mark' | 'actingSeen' | 'actingStarted'>,
): CustomerController {
  const patch = (changes: Partial<CustomerState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const current = (accountId: string) => slot.get().accountId === accountId;
  /** Bumped on every read: only the latest one's answer shows. */
  let reads = 0;

  async function read(accountId: string) {
    const mine = ++reads;
    const mark = workspace.mark();
    try {
      const view = await deps.api.loadCustomer(accountId);
      if (mine !== reads || !current(accountId)) return;
      const next: CustomerState = { ...slot.get(), status: 'ready', view };
      delete next.loadError;
      slot.set(next);
      workspace.actingSeen(accountId, view.acting, mark);
    } catch (reason) {
      const error = staffFailure(deps, reason);
      if (mine !== reads || !current(accountId)) return;
      // A customer on screen stays; the failure shows above it.
      patch({ status: slot.get().view ? 'ready' : 'failed', loadError: error });
    }
  }

  async function reveal(fields: RevealField[], why: Justification): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId || fields.length === 0) return false;
    const reasoned = justification(why);
    const still = runner.current();
    let got: Revealed | undefined;
    const ok = await runner.run(REVEAL_KEY, async () => {
      got = await explained(deps.api.revealCustomer(accountId, { fields, ...reasoned }));
    });
    if (!ok || !got || !still() || !current(accountId)) return false;
    const next: CustomerState = { ...slot.get(), revealed: { ...slot.get().revealed, ...got } };
    delete next.asking;
    slot.set(next);
    return true;
  }

  async function act(why: Justification): Promise<boolean> {
    const accountId = slot.get().accountId;
    if (!accountId) return false;
    const reasoned = justification(why);
    const still = runner.current();
    let session: ActingSession | undefined;
    const ok = await runner.run(ACT_KEY, async () => {
      session = await explained(deps.api.startActing(accountId, reasoned));
    });
    if (!ok || !session) return false;
    // Open on the server whichever customer is on screen now: the banner shows it.
    workspace.actingStarted(session);
    const view = slot.get().view;
    if (still() && current(accountId) && view) patch({ view: { ...view, acting: session } });
    return true;
  }

  return {
    runner,

    async open(accountId, ticket) {
      runner.renew();
      slot.set({ ...EMPTY_CUSTOMER, accountId, status: 'loading', ...(ticket ? { ticket } : {}) });
      await read(accountId);
    },

    async reload() {
      const accountId = slot.get().accountId;
      if (accountId) await read(accountId);
    },

    askReveal(fields) {
      if (fields.length === 0) return;
      runner.dismiss(REVEAL_KEY);
      patch({ asking: { kind: 'reveal', fields: [...fields] } });
    },

    cancel() {
      if (!slot.get().asking) return;
      runner.dismiss(REVEAL_KEY);
      const next = { ...slot.get() };
      delete next.asking;
      slot.set(next);
    },

    submit(why) {
      const asking = slot.get().asking;
      return asking ? reveal(asking.fields, why) : Promise.resolve(false);
    },

    act,

    close() {
      runner.renew();
      reads++;
      slot.set(EMPTY_CUSTOMER);
    },
  };
}
