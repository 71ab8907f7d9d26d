import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { unexpectedApi } from '../testing/fakeApi';
import { NOW } from '../testing/deletion';
import { ALAN, EMAIL_TAKEN, fakeStaffAccounts, GRACE } from '../testing/staffAdmin';
import { fieldMessage } from './errors';
import {
  ADD_MEMBER_KEY,
  createStaffMembersController,
  disabledKey,
  emptyMemberDraft,
  EMPTY_STAFF_MEMBERS,
  invitedMessage,
  memberInput,
  memberProblems,
  pseudonymKey,
  roleKey,
  type NewMemberDraft,
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

const sam = (changes: Partial<NewMemberDraft> = {}): NewMemberDraft => ({
  email: ' Sam@Support.example ',
  name: ' Sam Okafor ',
  role: 'agent',
  pseudonym: '  ',
  ...changes,
});

describe('a new staff member', () => {
  it('starts as a support agent with nothing typed', () => {
    expect(emptyMemberDraft()).toEqual({ email: '', name: '', role: 'agent', pseudonym: '' });
  });

  it('sends the fields trimmed, a blank pseudonym left out, and never a password', () => {
    expect(memberInput(sam())).toEqual({ email: 'Sam@Support.example', name: 'Sam Okafor', role: 'agent' });
    expect(memberInput(sam({ role: 'admin', pseudonym: ' Sam from Support ' }))).toEqual({
      email: 'Sam@Support.example',
      name: 'Sam Okafor',
      role: 'admin',
      pseudonym: 'Sam from Support',
    });
  });

  it('names each field to fix, saying what to do', () => {
    expect(memberProblems(sam())).toEqual([]);
    const blank = memberProblems(emptyMemberDraft());
    expect(blank.map((p) => [p.field, p.rule])).toEqual([
      ['email', 'required'],
      ['name', 'required'],
    ]);
    expect(blank[0]!.message).toBe('Enter their work e-mail address: the link to choose a password goes there.');
    expect(memberProblems(sam({ email: 'sam at support' }))[0]).toMatchObject({ field: 'email', rule: 'email' });
    expect(memberProblems(sam({ role: 'customer' }))[0]).toMatchObject({ field: 'role', rule: 'staff_role' });
    expect(memberProblems(sam({ pseudonym: 'x'.repeat(61) }))[0]).toMatchObject({ field: 'pseudonym', rule: 'format' });
    expect(memberProblems(sam({ pseudonym: 'x'.repeat(60) }))).toEqual([]);
  });

  it('says where the link went, until when, and that two-factor comes at first sign-in', () => {
    const message = invitedMessage({
      member: { user_id: 'u-sam', name: 'Sam Okafor', email: 'sam@support.example', role: 'agent', two_factor: false, disabled: false },
      link_sent_to: 's***@support.example',
      link_expires_at: '2026-03-08T10:00:00Z',
    });
    expect(message).toMatch(/^Added Sam Okafor as support agent\. Link sent to s\*\*\*@support\.example, valid until .*2026.*\./);
    expect(message).toContain('Sam Okafor turns on two-factor at first sign-in');
  });

  it('adds them, reads the list again and says where the link went', async () => {
    const t = await setup();
    expect(await t.ctl.add(sam({ pseudonym: 'Sam from Support' }))).toBe(true);
    expect(t.api.addStaff).toHaveBeenCalledWith({
      email: 'Sam@Support.example',
      name: 'Sam Okafor',
      role: 'agent',
      pseudonym: 'Sam from Support',
    });
    expect(t.api.listStaff).toHaveBeenCalledTimes(2);
    const added = t.state().items.find((m) => m.name === 'Sam Okafor');
    expect(added).toMatchObject({ email: 'sam@support.example', two_factor: false, disabled: false, pseudonym: 'Sam from Support' });
    expect(t.state().actions.done?.key).toBe(ADD_MEMBER_KEY);
    expect(t.state().actions.done?.message).toContain('Link sent to s***@support.example');
    const until = new Date(NOW + 3 * 86_400_000).toISOString();
    expect(t.state().actions.done?.message).toBe(invitedMessage({ member: added!, link_sent_to: 's***@support.example', link_expires_at: until }));
  });

  it('keeps the new row when the list cannot be read again', async () => {
    const t = await setup();
    t.api.listStaff = vi.fn(() => Promise.reject({ code: 'server_unreachable', message: 'The server cannot be reached.' }));
    expect(await t.ctl.add(sam())).toBe(true);
    expect(t.state().items.map((m) => m.name)).toContain('Sam Okafor');
  });

  it('refuses blank fields without asking the server', async () => {
    const t = await setup();
    expect(await t.ctl.add(emptyMemberDraft())).toBe(false);
    expect(t.api.addStaff).not.toHaveBeenCalled();
    const error = t.state().actions.errors[ADD_MEMBER_KEY];
    expect(fieldMessage(error, 'email')).toContain('work e-mail address');
    expect(fieldMessage(error, 'name')).toBe('Give their full name.');
  });

  it('shows an address already in use at the e-mail field', async () => {
    const t = await setup();
    expect(await t.ctl.add(sam({ email: 'grace@steward.example' }))).toBe(false);
    const error = t.state().actions.errors[ADD_MEMBER_KEY];
    expect(error?.fields).toEqual([{ field: 'email', rule: 'taken', message: EMAIL_TAKEN }]);
    expect(t.state().items).toHaveLength(3);
    expect(t.state().actions.done).toBeUndefined();
  });
});
