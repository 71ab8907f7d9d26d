import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { unexpectedApi } from '../testing/fakeApi';
import { ALAN, fakeStaffAccounts, GRACE } from '../testing/staffAdmin';
import {
  createStaffMembersController,
  disabledKey,
  EMPTY_STAFF_MEMBERS,
  pseudonymKey,
  roleKey,
  type StaffMembersState,
} from './members';

async function setup(overrides: Partial<Api> = {}) {
  const fake = fakeStaffAccounts();
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: StaffMembersState = EMPTY_STAFF_MEMBERS;
  const ctl = createStaffMembersController(deps, { get: () => state, set: (s) => (state = s) }, () => ALAN);
  await ctl.load();
  return { api, fake, ctl, state: () => state };
}

const row = (s: StaffMembersState, id: string) => s.items.find((m) => m.user_id === id);

describe('staff accounts', () => {
  it('lists the staff', async () => {
    const t = await setup();
    expect(t.state().status).toBe('ready');
    expect(t.state().items.map((m) => m.name)).toEqual(['Alan Admin', 'Grace Agent', 'Ned Newcomer']);
  });

  it('changes a role, replacing the row with the answer', async () => {
    const t = await setup();
    expect(await t.ctl.setRole(GRACE, 'admin')).toBe(true);
    expect(t.api.updateStaff).toHaveBeenCalledWith(GRACE, { role: 'admin' });
    expect(row(t.state(), GRACE)?.role).toBe('admin');
    expect(t.state().actions.done).toEqual({ key: roleKey(GRACE), message: 'Grace Agent is now: Administrator.' });
    // Unchanged, or not a staff role: nothing sent.
    expect(await t.ctl.setRole(GRACE, 'admin')).toBe(false);
    expect(await t.ctl.setRole(GRACE, 'customer')).toBe(false);
    expect(t.api.updateStaff).toHaveBeenCalledOnce();
  });

  it('sets and clears a pseudonym', async () => {
    const t = await setup();
    expect(await t.ctl.setPseudonym(GRACE, '  Support team  ')).toBe(true);
    expect(t.api.updateStaff).toHaveBeenCalledWith(GRACE, { pseudonym: 'Support team' });
    expect(row(t.state(), GRACE)?.pseudonym).toBe('Support team');
    expect(await t.ctl.setPseudonym(GRACE, ' ')).toBe(true);
    expect(t.api.updateStaff).toHaveBeenLastCalledWith(GRACE, { pseudonym: '' });
    expect(row(t.state(), GRACE)?.pseudonym).toBeUndefined();
    expect(t.state().actions.done?.key).toBe(pseudonymKey(GRACE));
    expect(await t.ctl.setPseudonym(GRACE, '')).toBe(false);
  });

  it('disables and enables', async () => {
    const t = await setup();
    expect(await t.ctl.setDisabled(GRACE, true)).toBe(true);
    expect(row(t.state(), GRACE)?.disabled).toBe(true);
    expect(t.state().actions.done?.key).toBe(disabledKey(GRACE));
    expect(await t.ctl.setDisabled(GRACE, false)).toBe(true);
    expect(row(t.state(), GRACE)?.disabled).toBe(false);
  });

  it('does not let administrators change their own role or disable themselves', async () => {
    const t = await setup();
    expect(await t.ctl.setRole(ALAN, 'agent')).toBe(false);
    expect(await t.ctl.setDisabled(ALAN, true)).toBe(false);
    expect(t.api.updateStaff).not.toHaveBeenCalled();
    // Their own pseudonym is theirs to set.
    expect(await t.ctl.setPseudonym(ALAN, 'Alan')).toBe(true);
  });

  it('shows a refused change next to the row, keeping it as it was', async () => {
    const forbidden = { code: 'forbidden', message: 'Administrators only.' };
    const t = await setup({ updateStaff: vi.fn(() => Promise.reject(forbidden)) });
    expect(await t.ctl.setRole(GRACE, 'admin')).toBe(false);
    expect(t.state().actions.errors[roleKey(GRACE)]).toEqual(forbidden);
    expect(row(t.state(), GRACE)?.role).toBe('agent');
  });

  it('shows why the list could not be read', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await setup({ listStaff: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
  });
});
