// The Team section's flows, on one account. The server refuses what the
// role table or the "last owner" rule forbids; its message is shown as is.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { MemberRole } from '../generated/MemberRole';
import type { NewInvitation } from '../generated/NewInvitation';
import type { Team } from '../generated/Team';
import { emailProblem } from '../email';
import { t } from '../i18n';

export interface TeamState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  team?: Team;
  /** Bumped after an action that sends mail, so the demo mailbox re-reads. */
  mailSent: number;
  /** Keys: `invite`, `invitation:<id>`, `member:<user id>`. */
  actions: ActionState;
}

export const EMPTY_TEAM: TeamState = { status: 'idle', mailSent: 0, actions: NO_ACTIONS };

/** Why the invite form cannot be sent yet, checked as the user types. */
export function inviteProblem(email: string, team: Team | undefined): string | undefined {
  const problem = emailProblem(email);
  if (problem) return problem;
  const wanted = email.trim().toLowerCase();
  if (team?.members.some((m) => m.email.toLowerCase() === wanted)) {
    return t('team.alreadyMember', { email: email.trim() });
  }
  if (team?.invitations.some((i) => i.status === 'pending' && i.email.toLowerCase() === wanted)) {
    return t('team.alreadyInvited', { email: email.trim() });
  }
  return undefined;
}

export interface TeamController {
  runner: Runner;
  load(accountId: string): Promise<void>;
  /** The page shown again: the team read again, what is on screen staying until it is here. */
  revalidate(accountId: string): Promise<void>;
  invite(invitation: NewInvitation): Promise<boolean>;
  resend(invitationId: string): Promise<boolean>;
  cancel(invitationId: string): Promise<boolean>;
  changeRole(userId: string, role: MemberRole): Promise<boolean>;
  remove(userId: string): Promise<boolean>;
}

export interface TeamOptions {
  /** The signed-in user's id: changing their own membership changes what they may do. */
  selfId?: string;
  /** Called after the signed-in user's own role changed or they left. */
  onSelfChanged?: () => void;
}

export function createTeamController(
  deps: SectionDeps,
  slot: Slot<TeamState>,
  options: TeamOptions = {},
): TeamController {
  const patch = (changes: Partial<TeamState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });

  /** Runs a team command on the open account; a late answer for another account is dropped. */
  function act(key: string, command: (accountId: string) => Promise<Team>, success: string, mail = false) {
    const accountId = slot.get().accountId;
    if (!accountId) return Promise.resolve(false);
    return runner.run(
      key,
      async () => {
        const team = await command(accountId);
        if (slot.get().accountId !== accountId) return;
        patch(mail ? { team, mailSent: slot.get().mailSent + 1 } : { team });
      },
      success,
    );
  }

  const self = (userId: string) => {
    if (userId === options.selfId) options.onSelfChanged?.();
  };

  async function load(accountId: string) {
    slot.set({ ...EMPTY_TEAM, mailSent: slot.get().mailSent, accountId, status: 'loading' });
    try {
      const team = await deps.api.loadTeam(accountId);
      if (slot.get().accountId === accountId) patch({ status: 'ready', team });
    } catch (reason) {
      const loadError = failure(deps, reason);
      if (slot.get().accountId === accountId) patch({ status: 'failed', loadError });
    }
  }

  return {
    runner,

    load,

    async revalidate(accountId) {
      if (slot.get().status !== 'ready' || slot.get().accountId !== accountId) return load(accountId);
      const quiet = runner.quietSince();
      try {
        const team = await deps.api.loadTeam(accountId);
        if (quiet() && slot.get().accountId === accountId && !sameAnswer(team, slot.get().team)) patch({ team });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    invite(invitation) {
      const email = invitation.email.trim();
      return act(
        'invite',
        (id) => deps.api.inviteMember(id, { email, role: invitation.role }),
        t('team.invited', { email }),
        true,
      );
    },

    resend: (invitationId) =>
      act(`invitation:${invitationId}`, (id) => deps.api.resendInvitation(id, invitationId), t('team.resent'), true),

    cancel: (invitationId) =>
      act(`invitation:${invitationId}`, (id) => deps.api.cancelInvitation(id, invitationId), t('team.cancelled')),

    async changeRole(userId, role) {
      const ok = await act(`member:${userId}`, (id) => deps.api.changeMemberRole(id, userId, role), t('team.roleChanged'));
      if (ok) self(userId);
      return ok;
    },

    async remove(userId) {
      const ok = await act(`member:${userId}`, (id) => deps.api.removeMember(id, userId), t('team.removed'));
      if (ok) self(userId);
      return ok;
    },
  };
}
