// Staff accounts, for administrators: who is a support agent and who an
// administrator, the pseudonym customers see instead of the name, and who
// is disabled. Each change is one `updateStaff`, whose answer replaces the
// row; the server records it in the audit log.
//
// Administrators do not change their own role or disable themselves here:
// that could leave nobody to undo it.
//
// Adding a member (`addStaff`) never sets a password: the server mails the
// new member a single-use link (valid three days) to choose their own, and
// they turn on two-factor at their first sign-in before staff tools open.
// The list is read again afterwards, so the new row is the server's.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import { isEmailAddress } from '../email';
import { formatDateTime, userRoleLabel } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { FieldError } from '../generated/FieldError';
import type { NewStaffMember } from '../generated/NewStaffMember';
import type { StaffInvited } from '../generated/StaffInvited';
import type { StaffMember } from '../generated/StaffMember';
import type { StaffMemberUpdate } from '../generated/StaffMemberUpdate';
import type { UserRole } from '../generated/UserRole';
import { midSentence, t } from '../i18n';
import { explained, staffFailure } from './errors';

export const STAFF_ROLES: readonly UserRole[] = ['agent', 'admin'];

export const roleKey = (userId: string): string => `role:${userId}`;
export const pseudonymKey = (userId: string): string => `pseudonym:${userId}`;
export const disabledKey = (userId: string): string => `disabled:${userId}`;
/** Every key of one member's row. */
export const memberKeys = (userId: string): string[] => [roleKey(userId), pseudonymKey(userId), disabledKey(userId)];

// Functions, not constants: the words are the current language's when asked.
export const selfHint = (): string => t('admin.staff.selfHint');

export const ADD_MEMBER_KEY = 'staff-add';

/** The server's limit on a pseudonym. */
export const PSEUDONYM_MAX = 60;

export const NEW_MEMBER_FIELDS = ['email', 'name', 'role', 'pseudonym'] as const;

export const passwordNote = (): string => t('admin.staff.passwordNote');

/** What the add form holds. */
export interface NewMemberDraft {
  email: string;
  name: string;
  role: UserRole;
  /** Blank: customers see the name. */
  pseudonym: string;
}

export const emptyMemberDraft = (): NewMemberDraft => ({ email: '', name: '', role: 'agent', pseudonym: '' });

/** What `draft` sends: trimmed, a blank pseudonym left out. */
export function memberInput(draft: NewMemberDraft): NewStaffMember {
  const input: NewStaffMember = { email: draft.email.trim(), name: draft.name.trim(), role: draft.role };
  const pseudonym = draft.pseudonym.trim();
  if (pseudonym !== '') input.pseudonym = pseudonym;
  return input;
}

/** What is wrong with `draft` before asking the server (which judges the rest), each with what to do. */
export function memberProblems(draft: NewMemberDraft): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field, rule, message });
  if (draft.email.trim() === '') {
    problem('email', 'required', t('admin.staff.emailRequired'));
  } else if (!isEmailAddress(draft.email)) {
    problem('email', 'email', t('common.email.invalid'));
  }
  if (draft.name.trim() === '') problem('name', 'required', t('admin.staff.nameRequired'));
  if (!STAFF_ROLES.includes(draft.role)) problem('role', 'staff_role', t('admin.staff.roleRequired'));
  const pseudonym = draft.pseudonym.trim();
  if ([...pseudonym].length > PSEUDONYM_MAX || /\p{Cc}/u.test(pseudonym)) {
    problem('pseudonym', 'format', t('admin.staff.pseudonymFormat', { max: PSEUDONYM_MAX }));
  }
  return problems;
}

/** "Link sent to s***@…, valid until …. Sam Okafor turns on two-factor at first sign-in." */
export const invitedMessage = (invited: StaffInvited): string =>
  t('admin.staff.invited', {
    name: invited.member.name,
    role: midSentence(userRoleLabel(invited.member.role)),
    to: invited.link_sent_to,
    until: formatDateTime(invited.link_expires_at),
  });

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
  /** Resolves true once added (the form then empties); on failure the form keeps what was typed. */
  add(draft: NewMemberDraft): Promise<boolean>;
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

  async function load() {
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
  }

  return {
    runner,
    load,

    setRole(userId, role) {
      const m = member(userId);
      if (!m || m.role === role || userId === selfId() || !STAFF_ROLES.includes(role)) return Promise.resolve(false);
      return update(roleKey(userId), userId, { role }, (s) =>
        t('admin.staff.roleChanged', { name: s.name, role: userRoleLabel(s.role) }),
      );
    },

    setPseudonym(userId, pseudonym) {
      const m = member(userId);
      const value = pseudonym.trim();
      if (!m || (m.pseudonym ?? '') === value) return Promise.resolve(false);
      return update(pseudonymKey(userId), userId, { pseudonym: value }, (s) =>
        s.pseudonym
          ? t('admin.staff.pseudonymSet', { name: s.name, pseudonym: s.pseudonym })
          : t('admin.staff.pseudonymCleared', { name: s.name }),
      );
    },

    setDisabled(userId, disabled) {
      const m = member(userId);
      if (!m || m.disabled === disabled || userId === selfId()) return Promise.resolve(false);
      return update(disabledKey(userId), userId, { disabled }, (s) =>
        s.disabled ? t('admin.staff.disabledDone', { name: s.name }) : t('admin.staff.enabledDone', { name: s.name }),
      );
    },

    async add(draft) {
      const problems = memberProblems(draft);
      if (problems.length > 0) {
        const actions = slot.get().actions;
        const error: CommandError = { code: 'invalid_input', message: problems[0]!.message, fields: problems };
        patch({ actions: { ...without(actions, 'done'), errors: { ...actions.errors, [ADD_MEMBER_KEY]: error } } });
        return false;
      }
      let invited: StaffInvited | undefined;
      const ok = await runner.run(ADD_MEMBER_KEY, async () => {
        invited = await explained(deps.api.addStaff(memberInput(draft)));
      });
      if (!ok || !invited) return false;
      const added = invited;
      // The row shows at once; the list read again replaces it with the server's order.
      const actions = slot.get().actions;
      patch({
        items: [...slot.get().items.filter((m) => m.user_id !== added.member.user_id), added.member],
        actions: { ...actions, done: { key: ADD_MEMBER_KEY, message: invitedMessage(added) } },
      });
      await load();
      return true;
    },
  };
}

function without<S extends object, K extends keyof S>(state: S, key: K): S {
  const next = { ...state };
  delete next[key];
  return next;
}
