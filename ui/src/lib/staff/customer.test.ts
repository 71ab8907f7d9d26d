import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CustomerView } from '../generated/CustomerView';
import type { Revealed } from '../generated/Revealed';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA, ADA_PIN, ADA_USER, ENGINES, ENGINES_TICKET, fakeStaff, GUARDED, type FakeStaff } from '../testing/staff';
import { createCallerController, EMPTY_CALLER, type CallerState } from './caller';
import {
  ACT_KEY,
  approvalNote,
  createCustomerController,
  EMPTY_CUSTOMER,
  hasMasked,
  isRevealed,
  REVEAL_KEY,
  stillMasked,
  type CustomerState,
} from './customer';
import { approvalRequiredMessage, callerNotVerifiedMessage, fieldMessage } from './errors';
import { createWorkspaceController, EMPTY_WORKSPACE, type WorkspaceState } from './workspace';

function setup(fake: FakeStaff = fakeStaff(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let ws: WorkspaceState = EMPTY_WORKSPACE;
  const workspace = createWorkspaceController(deps, { get: () => ws, set: (s) => (ws = s) });
  let state: CustomerState = EMPTY_CUSTOMER;
  const ctl = createCustomerController(deps, { get: () => state, set: (s) => (state = s) }, workspace);
  let caller: CallerState = EMPTY_CALLER;
  const callerCtl = createCallerController(deps, { get: () => caller, set: (s) => (caller = s) });
  return { api, deps, fake, ctl, callerCtl, workspace, state: () => state, ws: () => ws, caller: () => caller };
}

async function opened(id = ENGINES, fake?: FakeStaff, overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.open(id);
  return t;
}

describe('opening a customer', () => {
  it('shows the masked view', async () => {
    const t = await opened();
    expect(t.api.loadCustomer).toHaveBeenCalledWith(ENGINES);
    expect(t.state()).toMatchObject({ status: 'ready', accountId: ENGINES, revealed: {} });
    expect(t.state().view?.emails_masked).toEqual(['b***@engines.example', 'o***@engines.example']);
  });

  it('drops the answer for a customer no longer open', async () => {
    const fake = fakeStaff();
    const slow = deferred<CustomerView>();
    const load = vi.fn<Api['loadCustomer']>().mockReturnValueOnce(slow.promise).mockImplementation(fake.api.loadCustomer);
    const t = setup(fake, { loadCustomer: load });
    const first = t.ctl.open(ENGINES);
    await t.ctl.open(ADA);
    slow.resolve(await fake.api.loadCustomer(ENGINES));
    await first;
    expect(t.state().view?.account_id).toBe(ADA);
  });

  it('shows why it could not be read, and keeps a customer on screen when read again', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const fake = fakeStaff();
    const load = vi.fn<Api['loadCustomer']>().mockRejectedValueOnce(unreachable).mockImplementation(fake.api.loadCustomer);
    const t = await opened(ENGINES, fake, { loadCustomer: load });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
    await t.ctl.reload();
    expect(t.state().status).toBe('ready');
    load.mockRejectedValueOnce(unreachable);
    await t.ctl.reload();
    expect(t.state()).toMatchObject({ status: 'ready', loadError: unreachable });
    expect(t.state().view).toBeDefined();
  });

  it('keeps the ticket it was opened from as the reference', async () => {
    const t = setup();
    await t.ctl.open(ENGINES, ENGINES_TICKET);
    expect(t.state().ticket).toBe(ENGINES_TICKET);
    await t.ctl.open(ADA);
    expect(t.state().ticket).toBeUndefined();
  });

  it('says whether the customer requires approval, and until when it is granted', () => {
    const now = new Date('2026-03-05T10:00:00Z');
    expect(approvalNote({ require_approval: false }, now)).toBeUndefined();
    expect(approvalNote({ require_approval: true }, now)).toMatch(/has not granted it now/);
    expect(approvalNote({ require_approval: true, granted_until: '2026-03-05T09:00:00Z' }, now)).toMatch(/has not granted/);
    expect(approvalNote({ require_approval: true, granted_until: '2026-03-06T10:00:00Z' }, now)).toMatch(/granted it until/);
  });
});

describe('revealing', () => {
  it('asks why first, then reveals with the reason and the ticket, recorded in the audit log', async () => {
    const t = await opened();
    t.ctl.askReveal(['contact_emails']);
    expect(t.state().asking).toEqual({ kind: 'reveal', fields: ['contact_emails'] });
    expect(await t.ctl.submit({ reason: '  Caller asked  ', ticket: ` ${ENGINES_TICKET} ` })).toBe(true);
    expect(t.api.revealCustomer).toHaveBeenCalledWith(ENGINES, {
      fields: ['contact_emails'],
      reason: 'Caller asked',
      ticket: ENGINES_TICKET,
    });
    expect(t.state().asking).toBeUndefined();
    expect(t.state().revealed.contact_emails?.map((e) => e.address)).toEqual([
      'billing@engines.example',
      'ops@engines.example',
    ]);
    expect(t.fake.audit().at(-1)).toMatchObject({ action: 'reveal', reason: 'Caller asked', ticket: ENGINES_TICKET });
  });

  it('shows the server’s refusal of a blank reason next to the field, keeping the form open', async () => {
    const t = await opened();
    t.ctl.askReveal(['phone']);
    expect(await t.ctl.submit({ reason: '   ' })).toBe(false);
    expect(t.api.revealCustomer).toHaveBeenCalledWith(ENGINES, { fields: ['phone'], reason: '' });
    expect(fieldMessage(t.state().actions.errors[REVEAL_KEY], 'reason')).toBe('A reason is required.');
    expect(t.state().asking).toBeDefined();
    expect(t.state().revealed).toEqual({});
  });

  it('shows the server’s refusal of the reason next to the field', async () => {
    const refused = {
      code: 'invalid_input',
      message: 'Check the reason.',
      fields: [{ field: 'reason', rule: 'min_length', message: 'Say a little more: at least 10 characters.' }],
    };
    const t = await opened(ENGINES, fakeStaff(), { revealCustomer: vi.fn(() => Promise.reject(refused)) });
    t.ctl.askReveal(['phone']);
    expect(await t.ctl.submit({ reason: 'why' })).toBe(false);
    expect(fieldMessage(t.state().actions.errors[REVEAL_KEY], 'reason')).toBe('Say a little more: at least 10 characters.');
    // A new attempt starts clean.
    t.ctl.cancel();
    t.ctl.askReveal(['phone']);
    expect(t.state().actions.errors[REVEAL_KEY]).toBeUndefined();
  });

  it('says so plainly when the customer requires their approval', async () => {
    const t = await opened(GUARDED);
    t.ctl.askReveal(['contact_emails']);
    expect(await t.ctl.submit({ reason: 'Caller asked for it' })).toBe(false);
    expect(t.state().actions.errors[REVEAL_KEY]).toMatchObject({ code: 'approval_required', message: approvalRequiredMessage() });
    expect(t.state().revealed).toEqual({});
  });

  it('reveals every contact field at once, and merges later reveals', async () => {
    const t = await opened(ADA);
    const view = t.state().view!;
    expect(stillMasked(view, t.state().revealed)).toEqual(['contact_emails', 'phone', 'postal_address']);
    t.ctl.askReveal(stillMasked(view, t.state().revealed));
    await t.ctl.submit({ reason: 'Confirming the address on file' });
    expect(stillMasked(view, t.state().revealed)).toEqual([]);
    t.ctl.askReveal(['member_emails']);
    await t.ctl.submit({ reason: 'Who is the owner' });
    for (const f of ['contact_emails', 'phone', 'postal_address', 'member_emails'] as const) {
      expect(isRevealed(t.state().revealed, f)).toBe(true);
    }
  });

  it('leaves out contact fields the customer does not have', async () => {
    const t = await opened(ENGINES);
    const view = t.state().view!;
    expect(hasMasked(view, 'phone')).toBe(false);
    expect(stillMasked(view, {})).toEqual(['contact_emails']);
    const empty: Revealed = { phones: [] };
    expect(isRevealed(empty, 'phone')).toBe(true);
  });

  it('starts masked again when another customer is opened, dropping a reveal on its way', async () => {
    const fake = fakeStaff();
    const slow = deferred<Revealed>();
    const t = await opened(ENGINES, fake, { revealCustomer: vi.fn(() => slow.promise) });
    t.ctl.askReveal(['contact_emails']);
    const reveal = t.ctl.submit({ reason: 'Caller asked' });
    await t.ctl.open(ADA);
    slow.resolve({ contact_emails: [{ address: 'billing@engines.example', purpose: 'billing' }] });
    expect(await reveal).toBe(false);
    expect(t.state()).toMatchObject({ accountId: ADA, revealed: {} });
    expect(t.state().actions.busy).toBeUndefined();
  });
});

describe('acting on behalf', () => {
  it('is refused until the caller is verified, in plain words', async () => {
    const t = await opened(ADA);
    expect(await t.ctl.act({ reason: 'Change the address' })).toBe(false);
    expect(t.state().actions.errors[ACT_KEY]).toMatchObject({ code: 'caller_not_verified', message: callerNotVerifiedMessage() });
    expect(t.ws().acting).toBeUndefined();
  });

  it('starts once the caller passed a check, and the workspace shows the banner', async () => {
    const t = await opened(ADA);
    t.callerCtl.reset(t.state().view!);
    expect(await t.callerCtl.check(ADA_PIN)).toBe(true);
    expect(await t.ctl.act({ reason: 'Change the address' })).toBe(true);
    expect(t.api.startActing).toHaveBeenCalledWith(ADA, { reason: 'Change the address' });
    expect(t.ws().acting).toMatchObject({ account_id: ADA, reason: 'Change the address' });
    expect(t.state().view?.acting).toEqual(t.ws().acting);
  });

  it('starts with the number of the customer’s own ticket instead of a caller check', async () => {
    const t = await opened(ENGINES);
    expect(await t.ctl.act({ reason: 'As asked in the ticket', ticket: ENGINES_TICKET })).toBe(true);
    expect(t.ws().acting?.ticket).toBe(ENGINES_TICKET);
  });

  it('shows the server’s refusal of a blank reason next to the field', async () => {
    const t = await opened(ENGINES);
    expect(await t.ctl.act({ reason: '', ticket: ENGINES_TICKET })).toBe(false);
    expect(fieldMessage(t.state().actions.errors[ACT_KEY], 'reason')).toBe('A reason is required.');
    expect(t.ws().acting).toBeUndefined();
  });

  it('is refused when the customer requires their approval', async () => {
    const t = await opened(GUARDED);
    expect(await t.ctl.act({ reason: 'Help them' })).toBe(false);
    expect(t.state().actions.errors[ACT_KEY]?.code).toBe('approval_required');
  });

  it('works once the customer granted access', async () => {
    const fake = fakeStaff();
    fake.grant(GUARDED, '2999-01-01T00:00:00Z');
    const t = await opened(GUARDED, fake);
    t.ctl.askReveal(['contact_emails']);
    expect(await t.ctl.submit({ reason: 'Help them' })).toBe(true);
  });

  it('shows a session already open on the customer when it is read', async () => {
    const fake = fakeStaff();
    const t = await opened(ENGINES, fake);
    await t.ctl.act({ reason: 'Ticket work', ticket: ENGINES_TICKET });
    // A fresh workspace (another window) learns of it from the read.
    const other = setup(fake);
    await other.ctl.open(ENGINES);
    expect(other.ws().acting?.account_id).toBe(ENGINES);
  });

  it('closes the reveal form on cancel, forgetting its error', async () => {
    const t = await opened(ADA);
    t.ctl.askReveal(['phone']);
    await t.ctl.submit({ reason: '' });
    t.ctl.cancel();
    expect(t.state().asking).toBeUndefined();
    expect(t.state().actions.errors[REVEAL_KEY]).toBeUndefined();
    expect(await t.ctl.submit({ reason: 'x' })).toBe(false);
  });

  it('closes the customer', async () => {
    const t = await opened(ADA);
    t.ctl.close();
    expect(t.state()).toEqual(EMPTY_CUSTOMER);
  });

  it('uses the member on the line for the check', async () => {
    const t = await opened(ADA);
    t.callerCtl.reset(t.state().view!);
    expect(t.caller().userId).toBe(ADA_USER);
  });
});
