import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { ActingSession } from '../generated/ActingSession';
import { unexpectedApi } from '../testing/fakeApi';
import { ENGINES, fakeStaff } from '../testing/staff';
import { approvalRequiredMessage, explainStaffError, fieldMessage, formError, requiredError } from './errors';
import { staffDeps, watchStaffApi } from './gate';
import {
  createWorkspaceController,
  EMPTY_WORKSPACE,
  expiredMessage,
  STOP_ACTING_KEY,
  stoppedMessage,
  type WorkspaceState,
} from './workspace';

const SESSION: ActingSession = {
  id: 'acting-1',
  account_id: ENGINES,
  account_name: 'Analytical Engines Ltd',
  reason: 'Caller asked to change the invoice address',
  started_at: '2026-03-05T10:00:00Z',
  expires_at: '2026-03-05T11:00:00Z',
};

function setup(overrides: Partial<Api> = {}) {
  const fake = fakeStaff();
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: WorkspaceState = EMPTY_WORKSPACE;
  const ctl = createWorkspaceController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, state: () => state };
}

describe('the acting banner', () => {
  it('shows a started session until "Stop acting", then says it stopped', async () => {
    const t = setup({ stopActing: vi.fn(() => Promise.resolve()) });
    t.ctl.actingStarted(SESSION);
    expect(t.state().acting).toEqual(SESSION);
    expect(await t.ctl.stopActing()).toBe(true);
    expect(t.api.stopActing).toHaveBeenCalledWith(ENGINES);
    expect(t.state().acting).toBeUndefined();
    expect(t.state().ended).toBe(stoppedMessage(SESSION));
    t.ctl.dismissEnded();
    expect(t.state().ended).toBeUndefined();
  });

  it('keeps the banner when stopping fails, with the error next to it', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = setup({ stopActing: vi.fn(() => Promise.reject(unreachable)) });
    t.ctl.actingStarted(SESSION);
    expect(await t.ctl.stopActing()).toBe(false);
    expect(t.state().acting).toEqual(SESSION);
    expect(t.state().actions.errors[STOP_ACTING_KEY]).toEqual(unreachable);
  });

  it('treats a session the server no longer has as stopped', async () => {
    const t = setup({ stopActing: vi.fn(() => Promise.reject({ code: 'not_found', message: 'Gone.' })) });
    t.ctl.actingStarted(SESSION);
    expect(await t.ctl.stopActing()).toBe(true);
    expect(t.state().acting).toBeUndefined();
  });

  it('does nothing to stop without a session', async () => {
    const t = setup();
    expect(await t.ctl.stopActing()).toBe(false);
    expect(t.api.stopActing).not.toHaveBeenCalled();
  });

  it('closes a session whose time ran out, saying when', () => {
    const t = setup();
    t.ctl.actingStarted(SESSION);
    t.ctl.expire(new Date('2026-03-05T10:59:59Z'));
    expect(t.state().acting).toEqual(SESSION);
    t.ctl.expire(new Date('2026-03-05T11:00:00Z'));
    expect(t.state().acting).toBeUndefined();
    expect(t.state().ended).toBe(expiredMessage(SESSION));
  });

  it('follows what a read of the customer says, unless acting changed since it was sent', () => {
    const t = setup();
    const before = t.ctl.mark();
    t.ctl.actingStarted(SESSION);
    // A read sent before acting started says nothing is open: stale.
    t.ctl.actingSeen(ENGINES, undefined, before);
    expect(t.state().acting).toEqual(SESSION);
    // A read sent afterwards: the session was closed elsewhere.
    t.ctl.actingSeen(ENGINES, undefined, t.ctl.mark());
    expect(t.state().acting).toBeUndefined();
    // An open session found on a customer shows.
    t.ctl.actingSeen(ENGINES, SESSION, t.ctl.mark());
    expect(t.state().acting).toEqual(SESSION);
    // Another customer without a session leaves it alone.
    t.ctl.actingSeen('acc-other', undefined, t.ctl.mark());
    expect(t.state().acting).toEqual(SESSION);
  });

  it('starting again clears the note about the previous session', () => {
    const t = setup();
    t.ctl.actingStarted(SESSION);
    t.ctl.expire(new Date('2030-01-01T00:00:00Z'));
    expect(t.state().ended).toBeDefined();
    t.ctl.actingStarted({ ...SESSION, id: 'acting-2' });
    expect(t.state().ended).toBeUndefined();
  });
});

describe('the two-factor gate', () => {
  it('is raised by any staff command refused for two-factor, and lowered on a fresh sign-in', async () => {
    const t = setup();
    const refused = { code: 'staff_two_factor_required', message: 'Two-factor required.' };
    const onRequired = vi.fn(() => t.ctl.twoFactorRequired());
    const api = watchStaffApi(unexpectedApi({ listStaff: vi.fn(() => Promise.reject(refused)) }), onRequired);
    await expect(api.listStaff()).rejects.toEqual(refused);
    expect(onRequired).toHaveBeenCalledOnce();
    expect(t.state().twoFactorRequired).toBe(true);
    t.ctl.signedInAgain();
    expect(t.state().twoFactorRequired).toBe(false);
  });

  it('watches the account help, deletion, legal hold and publishing commands too', async () => {
    const refused = { code: 'staff_two_factor_required', message: 'x' };
    const onRequired = vi.fn();
    const reject = vi.fn(() => Promise.reject(refused));
    const api = watchStaffApi(
      unexpectedApi({ startPasswordReset: reject, listDeletionRequests: reject, placeLegalHold: reject, publishPolicyVersion: reject }),
      onRequired,
    );
    await expect(api.startPasswordReset('a', 'u', { reason: 'r' })).rejects.toEqual(refused);
    await expect(api.listDeletionRequests()).rejects.toEqual(refused);
    await expect(api.placeLegalHold('a', 'e')).rejects.toEqual(refused);
    await expect(
      api.publishPolicyVersion({
        version: 'v',
        title: 't',
        summary: 's',
        concerns: 'account_information',
        opt_outs: [],
        review_section: 'billing',
        effective_at: '2099-01-01T00:00:00Z',
      }),
    ).rejects.toEqual(refused);
    expect(onRequired).toHaveBeenCalledTimes(4);
  });

  it('ignores other refusals and customer commands', async () => {
    const onRequired = vi.fn();
    const refused = { code: 'staff_two_factor_required', message: 'x' };
    const api = watchStaffApi(
      unexpectedApi({
        listAudit: vi.fn(() => Promise.reject({ code: 'forbidden', message: 'No.' })),
        loadNotices: vi.fn(() => Promise.reject(refused)),
      }),
      onRequired,
    );
    await expect(api.listAudit({})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(api.loadNotices()).rejects.toEqual(refused);
    expect(onRequired).not.toHaveBeenCalled();
  });

  it('follows the deps’ current commands', async () => {
    let api = unexpectedApi({ listStaff: vi.fn(() => Promise.resolve({ items: [] })) });
    const deps = staffDeps({ get api() { return api; }, sessionEnded: vi.fn(), sessionRenewed: vi.fn() }, vi.fn());
    expect(deps.api).toBe(deps.api);
    await deps.api.listStaff();
    api = unexpectedApi({ listStaff: vi.fn(() => Promise.resolve({ items: [] })) });
    await deps.api.listStaff();
    expect(api.listStaff).toHaveBeenCalledOnce();
  });
});

describe('opening a customer from elsewhere', () => {
  it('numbers each request, so opening the same customer twice is two requests', () => {
    const t = setup();
    t.ctl.openCustomer(ENGINES, 'T-000042');
    const first = t.state().open;
    t.ctl.openCustomer(ENGINES);
    expect(first).toMatchObject({ accountId: ENGINES, ticket: 'T-000042' });
    expect(t.state().open?.seq).toBeGreaterThan(first!.seq);
    expect(t.state().open?.ticket).toBeUndefined();
    t.ctl.closeCustomer();
    expect(t.state().open).toBeUndefined();
  });
});

describe('staff error wording', () => {
  it('words the codes the workspace branches on, dropping the server’s advice', () => {
    const error = explainStaffError({ code: 'approval_required', message: 'x', advice: 'y', request_id: 'r1' });
    expect(error).toEqual({ code: 'approval_required', message: approvalRequiredMessage(), request_id: 'r1' });
    const other = { code: 'forbidden' as const, message: 'No.' };
    expect(explainStaffError(other)).toBe(other);
  });

  it('finds a field’s message, and leaves out a form error shown next to its fields', () => {
    const error = requiredError('reason', 'Give a reason.');
    expect(fieldMessage(error, 'reason')).toBe('Give a reason.');
    expect(fieldMessage(error, 'ticket')).toBeUndefined();
    expect(formError(error, ['reason'])).toBeUndefined();
    expect(formError(error, ['ticket'])).toEqual(error);
    expect(formError(undefined, [])).toBeUndefined();
    const noPin = { code: 'invalid_input' as const, message: 'Check the fields.', fields: [{ field: 'method', rule: 'no_pin', message: 'No PIN set.' }] };
    expect(formError(noPin, ['answer'])).toMatchObject({ message: 'No PIN set.' });
    const plain = { code: 'forbidden' as const, message: 'No.' };
    expect(formError(plain, ['answer'])).toBe(plain);
  });
});
