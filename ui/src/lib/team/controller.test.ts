import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { COMPANY_ID } from '../testing/profile';
import { OWNER_ID, team } from '../testing/security';
import { createTeamController, EMPTY_TEAM, inviteProblem, type TeamState } from './controller';

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ loadTeam: vi.fn(() => Promise.resolve(team)), ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: TeamState = EMPTY_TEAM;
  const onSelfChanged = vi.fn();
  const ctl = createTeamController(deps, { get: () => state, set: (s) => (state = s) }, {
    selfId: OWNER_ID,
    onSelfChanged,
  });
  return { api, ctl, onSelfChanged, state: () => state };
}

describe('inviteProblem', () => {
  it('wants a plausible address', () => {
    expect(inviteProblem('', team)).toBe('Enter an e-mail address.');
    expect(inviteProblem('grace', team)).toMatch(/like name@example.com/);
  });

  it('refuses members and pending invitations, not ended ones', () => {
    expect(inviteProblem('Charles@Example.com', team)).toMatch(/already a member/);
    expect(inviteProblem('grace@example.com', team)).toMatch(/pending invitation/);
    expect(inviteProblem('old@example.com', team)).toBeUndefined();
    expect(inviteProblem('new@example.com', undefined)).toBeUndefined();
  });
});

describe('team', () => {
  it('loads the team of the account', async () => {
    const t = setup();
    await t.ctl.load(COMPANY_ID);
    expect(t.api.loadTeam).toHaveBeenCalledWith(COMPANY_ID);
    expect(t.state()).toMatchObject({ status: 'ready', team, accountId: COMPANY_ID });
  });

  it('invites, trimmed, and counts the mail sent', async () => {
    const t = setup({ inviteMember: vi.fn(() => Promise.resolve(team)) });
    await t.ctl.load(COMPANY_ID);
    await expect(t.ctl.invite({ email: ' new@example.com ', role: 'viewer' })).resolves.toBe(true);
    expect(t.api.inviteMember).toHaveBeenCalledWith(COMPANY_ID, { email: 'new@example.com', role: 'viewer' });
    expect(t.state().mailSent).toBe(1);
    expect(t.state().actions.done?.message).toBe('Invitation sent to new@example.com.');
  });

  it('resends and cancels invitations by id', async () => {
    const t = setup({
      resendInvitation: vi.fn(() => Promise.resolve(team)),
      cancelInvitation: vi.fn(() => Promise.resolve(team)),
    });
    await t.ctl.load(COMPANY_ID);
    await t.ctl.resend('i-1');
    await t.ctl.cancel('i-1');
    expect(t.api.resendInvitation).toHaveBeenCalledWith(COMPANY_ID, 'i-1');
    expect(t.api.cancelInvitation).toHaveBeenCalledWith(COMPANY_ID, 'i-1');
  });

  it("shows the server's message when the last owner would go", async () => {
    const lastOwner: CommandError = {
      code: 'conflict',
      message: 'An account needs at least one owner.',
      advice: 'Make someone else an owner first.',
    };
    const t = setup({ removeMember: vi.fn(() => Promise.reject(lastOwner)) });
    await t.ctl.load(COMPANY_ID);
    await expect(t.ctl.remove(OWNER_ID)).resolves.toBe(false);
    expect(t.state().actions.errors[`member:${OWNER_ID}`]).toEqual(lastOwner);
    expect(t.state().team).toEqual(team);
    expect(t.onSelfChanged).not.toHaveBeenCalled();
  });

  it('changes a role, and tells the shell when it was my own', async () => {
    const t = setup({ changeMemberRole: vi.fn(() => Promise.resolve(team)) });
    await t.ctl.load(COMPANY_ID);
    await t.ctl.changeRole('u-2', 'owner');
    expect(t.api.changeMemberRole).toHaveBeenCalledWith(COMPANY_ID, 'u-2', 'owner');
    expect(t.onSelfChanged).not.toHaveBeenCalled();
    await t.ctl.changeRole(OWNER_ID, 'viewer');
    expect(t.onSelfChanged).toHaveBeenCalledOnce();
  });

  it('drops a late answer for another account', async () => {
    const slow = deferred<typeof team>();
    const t = setup({ inviteMember: vi.fn(() => slow.promise) });
    await t.ctl.load(COMPANY_ID);
    const inviting = t.ctl.invite({ email: 'x@example.com', role: 'viewer' });
    await t.ctl.load('other');
    slow.resolve({ members: [], invitations: [] });
    await inviting;
    expect(t.state().team).toEqual(team);
    expect(t.state().accountId).toBe('other');
  });

  describe('shown again (a kept page)', () => {
    it('keeps the team on screen while it is read again, then shows the new one', async () => {
      const t = setup();
      await t.ctl.load(COMPANY_ID);
      const read = deferred<typeof team>();
      vi.mocked(t.api.loadTeam).mockImplementationOnce(() => read.promise);
      const again = t.ctl.revalidate(COMPANY_ID);
      expect(t.state()).toMatchObject({ status: 'ready', team });
      const renamed = { ...team, members: team.members.slice(1) };
      read.resolve(renamed);
      await again;
      expect(t.state()).toMatchObject({ status: 'ready', team: renamed });
    });

    it('drops an answer read before a change was made', async () => {
      const changed = { ...team, members: team.members.slice(1) };
      const t = setup({ removeMember: vi.fn(() => Promise.resolve(changed)) });
      await t.ctl.load(COMPANY_ID);
      const read = deferred<typeof team>();
      vi.mocked(t.api.loadTeam).mockImplementationOnce(() => read.promise);
      const again = t.ctl.revalidate(COMPANY_ID);
      await t.ctl.remove('u-2');
      read.resolve(team);
      await again;
      expect(t.state().team).toEqual(changed);
    });

    it('keeps what is on screen when the read fails', async () => {
      const t = setup();
      await t.ctl.load(COMPANY_ID);
      vi.mocked(t.api.loadTeam).mockImplementationOnce(() => Promise.reject({ code: 'unavailable', message: 'Offline.' }));
      await t.ctl.revalidate(COMPANY_ID);
      expect(t.state()).toMatchObject({ status: 'ready', team });
    });

    it('loads afresh for another account, or after a failed load', async () => {
      const t = setup();
      vi.mocked(t.api.loadTeam).mockImplementationOnce(() => Promise.reject({ code: 'unavailable', message: 'Offline.' }));
      await t.ctl.load(COMPANY_ID);
      expect(t.state().status).toBe('failed');
      await t.ctl.revalidate(COMPANY_ID);
      expect(t.state()).toMatchObject({ status: 'ready', team });
      const read = deferred<typeof team>();
      vi.mocked(t.api.loadTeam).mockImplementationOnce(() => read.promise);
      const other = t.ctl.revalidate('acc-other');
      expect(t.state()).toMatchObject({ status: 'loading', accountId: 'acc-other' });
      expect(t.state().team).toBeUndefined();
      read.resolve(team);
      await other;
    });
  });
});
