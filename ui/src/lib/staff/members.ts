// Staff accounts, for administrators: who is a support agent and who an
// administrator, the pseudonym customers see instead of the name, and who
// is disabled. Each change is one `updateStaff`, whose answer replaces the
// row; the server records it in the audit log.
//
// Administrators do not change their own role or disable themselves here:
// that could leave nobody to undo it.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import { userRoleLabel } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { StaffMember } from '../generated/StaffMember';
import type { StaffMemberUpdate } from '../generated/StaffMemberUpdate';
import type { UserRole } from '../generated/UserRole';
import { explained, staffFailure } from './errors';

export const STAFF_ROLES: readonly UserRole[] = ['agent', 'admin'];

export const roleKey = (userId: string): string => `role:${userId}`;
export const pseudonymKey = (userId: string): string => `pseudonym:${userId}`;
export const disabledKey = (userId: string): string => `disabled:${userId}`;
/** Every key of one member's row. */
export const memberKeys = (userId: string): string[] => [roleKey(userId), pseudonymKey(userId), disabledKey(userId)];

export const SELF_HINT = 'This is you: another administrator changes your role or disables you.';

export interface StaffMembersState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  items: StaffMember[];
  actions: ActionState;
}

export const EMPTY_STAFF_MEMBERS: StaffMembersState = { status: 'idle', items: [], actions: NO_ACTIONS };

export interface StaffMembersController {
  runner: Runner;
  load(): Promise<void>;
  setRole(userId: string, role: UserRole): Promise<boolean>;
  /** An empty (or blank) pseudonym clears it. */
  setPseudonym(userId: string, pseudonym: string): Promise<boolean>;
  setDisabled(userId: string, disabled: boolean): Promise<boolean>;
}

export function createStaffMembersController(
  deps: SectionDeps,
  slot: Slot<StaffMembersState>,
  selfId: () => string,
): StaffMembersController {
  const patch = (changes: Partial<StaffMembersState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const member = (userId: string) => slot.get().items.find((m) => m.user_id === userId);

  async function update(key: string, userId: string, change: StaffMemberUpdate, message: (m: StaffMember) => string) {
    let saved: StaffMember | undefined;
    const ok = await runner.run(key, async () => {
      saved = await explained(deps.api.updateStaff(userId, change));
    });
    if (!ok || !saved) return false;
    const row = saved;
    const actions = slot.get().actions;
    patch({
      items: slot.get().items.map((m) => (m.user_id === row.user_id ? row : m)),
      actions: { ...actions, done: { key, message: message(row) } },
    });
    return true;
  }

  return {
    runner,

    async load() {
      patch({ status: slot.get().status === 'ready' ? 'ready' : 'loading' });
      try {
        const { items } = await deps.api.listStaff();
        const next: StaffMembersState = { ...slot.get(), status: 'ready', items };
        delete next.loadError;
        slot.set(next);
      } catch (reason) {
        const loadError = staffFailure(deps, reason);
        patch({ status: slot.get().status === 'ready' ? 'ready' : 'failed', loadError });
      }
    },

    setRole(userId, role) {
      const m = member(userId);
      if (!m || m.role === role || userId === selfId() || !STAFF_ROLES.includes(role)) return Promise.resolve(false);
      return update(roleKey(userId), userId, { role }, (s) => `${s.name} is now: ${userRoleLabel(s.role)}.`);
    },

    setPseudonym(userId, pseudonym) {
      const m = member(userId);
      const value = pseudonym.trim();
      if (!m || (m.pseudonym ?? '') === value) return Promise.resolve(false);
      return update(pseudonymKey(userId), userId, { pseudonym: value }, (s) =>
        s.pseudonym ? `Customers now see ${s.name} as “${s.pseudonym}”.` : `Customers now see ${s.name}’s name.`,
      );
    },

    setDisabled(userId, disabled) {
      const m = member(userId);
      if (!m || m.disabled === disabled || userId === selfId()) return Promise.resolve(false);
      return update(disabledKey(userId), userId, { disabled }, (s) =>
        s.disabled ? `${s.name} is disabled and can no longer sign in to staff tools.` : `${s.name} is enabled again.`,
      );
    },
  };
}
