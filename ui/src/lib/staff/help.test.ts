import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { ResetLinkSent } from '../generated/ResetLinkSent';
import { NOW } from '../testing/deletion';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA, ADA_USER, CHARLES_USER, ENGINES, fakeStaff, GUARDED } from '../testing/staff';
import { fakeHelp } from '../testing/staffHelp';
import { dayAfter, endOfDay, isDay, startOfDay } from './dates';
import { approvalRequiredMessage, fieldMessage } from './errors';
import {
  createHelpController,
  defaultDueDate,
  EMPTY_HELP,
  itemsText,
  RESET_KEY,
  resetSentText,
  verificationItemsFor,
  VERIFY_KEY,
  type HelpState,
  type VerifyDraft,
} from './help';

function setup(accountId = ENGINES, overrides: Partial<Api> = {}) {
  const staff = fakeStaff({ now: () => NOW });
  const help = fakeHelp(staff, { now: () => NOW });
  const api = unexpectedApi({ ...help.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: HelpState = EMPTY_HELP;
  const ctl = createHelpController(deps, { get: () => state, set: (s) => (state = s) });
  const view = (id: string) => staff.customers.find((c) => c.view.account_id === id)!.view;
  ctl.open(view(accountId));
  return { api, help, ctl, view, state: () => state };
}

const DUE = dayAfter(new Date(NOW), 14);
const draft = (changes: Partial<VerifyDraft> = {}): VerifyDraft => ({
  items: ['contact_details', 'billing_address'],
  reason: '  Invoices bounce  ',
  due: DUE,
  ...changes,
});

describe('days', () => {
  it('counts calendar days and writes the instants the server takes', () => {
    expect(dayAfter(new Date(2026, 1, 20, 23, 30), 14)).toBe('2026-03-06');
    expect(defaultDueDate(new Date(2026, 11, 25, 8))).toBe('2027-01-08');
    expect(endOfDay('2026-03-19')).toBe('2026-03-19T23:59:59Z');
    expect(startOfDay('2026-04-01')).toBe('2026-04-01T00:00:00Z');
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(isDay('19/03/2026')).toBe(false);
  });
});

describe('asking to verify information', () => {
  it('offers company information to company accounts only', () => {
    expect(verificationItemsFor('personal')).toEqual(['contact_details', 'billing_address']);
    expect(verificationItemsFor('company')).toEqual(['contact_details', 'billing_address', 'company_information']);
    expect(itemsText(['contact_details', 'billing_address', 'company_information'])).toBe(
      'contact details, billing address and company information',
    );
  });

  it('sends the items, the reason trimmed and the end of the due day', async () => {
    const t = setup();
    expect(await t.ctl.requestVerification(draft())).toBe(true);
    expect(t.api.staffRequestVerification).toHaveBeenCalledWith(ENGINES, {
      items: ['contact_details', 'billing_address'],
      reason: 'Invoices bounce',
      due_at: `${DUE}T23:59:59Z`,
    });
    expect(t.state().requested).toMatch(/^Asked Analytical Engines Ltd to confirm their contact details and billing address by /);
    expect(t.state().actions.errors[VERIFY_KEY]).toBeUndefined();
  });

  it('never asks a personal account for company information', async () => {
    const t = setup(ADA);
    expect(await t.ctl.requestVerification(draft({ items: ['company_information', 'contact_details'] }))).toBe(true);
    expect(t.help.requests()[0]?.items).toEqual(['contact_details']);
  });

  it('refuses blank fields before asking, all at once', async () => {
    const t = setup();
    expect(await t.ctl.requestVerification({ items: [], reason: ' ', due: '' })).toBe(false);
    expect(t.api.staffRequestVerification).not.toHaveBeenCalled();
    const error = t.state().actions.errors[VERIFY_KEY];
    expect(error?.fields?.map((f) => f.field)).toEqual(['items', 'reason', 'due_at']);
    expect(fieldMessage(error, 'reason')).toBe('Tell the customer why they are asked.');
  });

  it('shows the server’s refusal next to the field', async () => {
    const t = setup();
    expect(await t.ctl.requestVerification(draft({ due: dayAfter(new Date(NOW), -1) }))).toBe(false);
    expect(fieldMessage(t.state().actions.errors[VERIFY_KEY], 'due_at')).toBe('The due date must be in the future.');
    expect(t.state().requested).toBeUndefined();
  });

  it('drops the answer for a customer no longer open', async () => {
    const slow = deferred<never>();
    const t = setup(ENGINES, { staffRequestVerification: vi.fn(() => slow.promise) });
    const sending = t.ctl.requestVerification(draft());
    t.ctl.open(t.view(ADA));
    slow.reject({ code: 'invalid_input', message: 'No.', fields: [{ field: 'reason', rule: 'x', message: 'No.' }] });
    expect(await sending).toBe(false);
    expect(t.state().account?.account_id).toBe(ADA);
    expect(t.state().actions.errors[VERIFY_KEY]).toBeUndefined();
  });
});

describe('sending a password reset link', () => {
  it('asks why first, then sends to the member’s sign-in address', async () => {
    const t = setup();
    t.ctl.askReset(CHARLES_USER);
    expect(t.state().resetFor).toBe(CHARLES_USER);
    expect(await t.ctl.sendReset({ reason: ' Cannot sign in ', ticket: ' T-000042 ' })).toBe(true);
    expect(t.api.startPasswordReset).toHaveBeenCalledWith(ENGINES, CHARLES_USER, { reason: 'Cannot sign in', ticket: 'T-000042' });
    expect(t.state().resetFor).toBeUndefined();
    expect(t.state().sent).toMatchObject({ userId: CHARLES_USER, sent_to: 'c***@engines.example' });
    expect(resetSentText(t.state().sent!)).toMatch(/^Sent to c\*\*\*@engines\.example, valid until .+\.$/);
  });

  it('leaves out a blank ticket, and refuses a blank reason before asking', async () => {
    const t = setup();
    t.ctl.askReset(ADA_USER);
    expect(await t.ctl.sendReset({ reason: '  ', ticket: '' })).toBe(false);
    expect(t.api.startPasswordReset).not.toHaveBeenCalled();
    expect(fieldMessage(t.state().actions.errors[RESET_KEY], 'reason')).toBeDefined();
    expect(await t.ctl.sendReset({ reason: 'Locked out', ticket: ' ' })).toBe(true);
    expect(t.api.startPasswordReset).toHaveBeenCalledWith(ENGINES, ADA_USER, { reason: 'Locked out' });
  });

  it('says so in plain words when the customer requires their approval', async () => {
    const t = setup(GUARDED);
    t.ctl.askReset('u-joseph');
    expect(await t.ctl.sendReset({ reason: 'Locked out' })).toBe(false);
    expect(t.state().actions.errors[RESET_KEY]?.message).toBe(approvalRequiredMessage());
    expect(t.state().resetFor).toBe('u-joseph');
  });

  it('cancels the form, forgetting its error', async () => {
    const t = setup();
    t.ctl.askReset(ADA_USER);
    await t.ctl.sendReset({ reason: '' });
    t.ctl.cancelReset();
    expect(t.state().resetFor).toBeUndefined();
    expect(t.state().actions.errors[RESET_KEY]).toBeUndefined();
  });

  it('shows nothing on another customer of a link sent for the previous one', async () => {
    const slow = deferred<ResetLinkSent>();
    const t = setup(ENGINES, { startPasswordReset: vi.fn(() => slow.promise) });
    t.ctl.askReset(ADA_USER);
    const sending = t.ctl.sendReset({ reason: 'Locked out' });
    t.ctl.open(t.view(ADA));
    slow.resolve({ sent_to: 'a***@example.com', expires_at: new Date(NOW).toISOString() });
    expect(await sending).toBe(false);
    expect(t.state().sent).toBeUndefined();
  });
});
