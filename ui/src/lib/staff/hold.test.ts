import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { LegalHold } from '../generated/LegalHold';
import { NOW } from '../testing/deletion';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA, ENGINES, fakeStaff } from '../testing/staff';
import { fakeHelp } from '../testing/staffHelp';
import { createCustomerController, EMPTY_CUSTOMER, type CustomerState } from './customer';
import { fieldMessage } from './errors';
import {
  charCount,
  createHoldController,
  EMPTY_HOLD,
  HOLD_LIFT_KEY,
  holdLifted,
  HOLD_PLACE_KEY,
  holdPlaced,
  holdRule,
  holdProblem,
  type HoldState,
} from './hold';
import { createWorkspaceController, EMPTY_WORKSPACE, type WorkspaceState } from './workspace';

const EXPLANATION = 'A court order requires us to keep this account’s records until the case is closed.';

async function setup(overrides: Partial<Api> = {}) {
  const staff = fakeStaff({ now: () => NOW });
  const help = fakeHelp(staff, { now: () => NOW });
  const api = unexpectedApi({ ...staff.api, ...help.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let ws: WorkspaceState = EMPTY_WORKSPACE;
  const workspace = createWorkspaceController(deps, { get: () => ws, set: (s) => (ws = s) });
  let customer: CustomerState = EMPTY_CUSTOMER;
  const customerCtl = createCustomerController(deps, { get: () => customer, set: (s) => (customer = s) }, workspace);
  let state: HoldState = EMPTY_HOLD;
  const ctl = createHoldController(deps, { get: () => state, set: (s) => (state = s) }, () => customerCtl.reload());
  await customerCtl.open(ENGINES);
  ctl.open(ENGINES);
  return { api, ctl, customerCtl, state: () => state, customer: () => customer };
}

describe('the explanation', () => {
  it('is 1 to 500 characters, as the server counts them', () => {
    expect(holdProblem('  ')?.fields?.[0]).toMatchObject({ field: 'explanation', rule: 'required', message: holdRule() });
    expect(holdProblem('x'.repeat(501))?.fields?.[0]).toMatchObject({ field: 'explanation', rule: 'max_length' });
    expect(holdProblem('😀'.repeat(500))).toBeUndefined();
    expect(charCount('😀é')).toBe(2);
  });
});

describe('a legal hold', () => {
  it('is placed with the explanation trimmed, then the customer is read again', async () => {
    const t = await setup();
    expect(t.customer().view?.legal_hold).toBeUndefined();
    expect(await t.ctl.place(`  ${EXPLANATION}  `)).toBe(true);
    expect(t.api.placeLegalHold).toHaveBeenCalledWith(ENGINES, EXPLANATION);
    expect(t.api.loadCustomer).toHaveBeenCalledTimes(2);
    expect(t.customer().view?.legal_hold).toEqual({ explanation: EXPLANATION, since: new Date(NOW).toISOString() });
    expect(t.state().actions.done).toEqual({ key: HOLD_PLACE_KEY, message: holdPlaced() });
  });

  it('is lifted, then the customer is read again', async () => {
    const t = await setup();
    await t.ctl.place(EXPLANATION);
    expect(await t.ctl.lift()).toBe(true);
    expect(t.api.liftLegalHold).toHaveBeenCalledWith(ENGINES);
    expect(t.customer().view?.legal_hold).toBeUndefined();
    expect(t.state().actions.done).toEqual({ key: HOLD_LIFT_KEY, message: holdLifted() });
  });

  it('refuses an explanation out of bounds before asking', async () => {
    const t = await setup();
    expect(await t.ctl.place(' ')).toBe(false);
    expect(await t.ctl.place('x'.repeat(501))).toBe(false);
    expect(t.api.placeLegalHold).not.toHaveBeenCalled();
    expect(fieldMessage(t.state().actions.errors[HOLD_PLACE_KEY], 'explanation')).toBe(holdRule());
  });

  it('shows a refusal next to the form, and does not read the customer again', async () => {
    const forbidden = { code: 'forbidden', message: 'Administrators only.' };
    const t = await setup({ placeLegalHold: vi.fn(() => Promise.reject(forbidden)) });
    expect(await t.ctl.place(EXPLANATION)).toBe(false);
    expect(t.state().actions.errors[HOLD_PLACE_KEY]).toEqual(forbidden);
    expect(t.api.loadCustomer).toHaveBeenCalledOnce();
  });

  it('shows nothing on another customer of a hold placed for the previous one', async () => {
    const slow = deferred<LegalHold>();
    const t = await setup({ placeLegalHold: vi.fn(() => slow.promise) });
    const placing = t.ctl.place(EXPLANATION);
    t.ctl.open(ADA);
    slow.resolve({ explanation: EXPLANATION, since: new Date(NOW).toISOString() });
    expect(await placing).toBe(false);
    expect(t.state()).toEqual({ ...EMPTY_HOLD, accountId: ADA });
    expect(t.api.loadCustomer).toHaveBeenCalledOnce();
  });
});
