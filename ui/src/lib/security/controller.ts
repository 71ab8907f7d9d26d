// The Security section's flows (all about the signed-in user, not an
// account). Sensitive actions may ask for a recent sign-in: the runner shows
// the step-up prompt and retries them.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { debouncedCheck } from '../debounce';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { ActivityEvent } from '../generated/ActivityEvent';
import type { CommandError } from '../generated/CommandError';
import type { DeviceSession } from '../generated/DeviceSession';
import type { FieldError } from '../generated/FieldError';
import type { SecurityOverview } from '../generated/SecurityOverview';
import type { TotpEnrolment } from '../generated/TotpEnrolment';
import { t } from '../i18n';

export interface SecurityState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  overview?: SecurityOverview;
  sessions?: DeviceSession[];
  activity?: ActivityEvent[];
  /** A two-factor secret being set up, until confirmed or abandoned. */
  enrolment?: TotpEnrolment;
  /** Fresh recovery codes: shown once, until the user says they saved them. */
  recoveryCodes?: string[];
  /** The password rules the typed password breaks right now. */
  passwordErrors: FieldError[];
  /** Bumped after an action that sends mail, so the demo mailbox re-reads. */
  mailSent: number;
  /** Keys: `email`, `password`, `twofactor`, `recovery`, `sessions`, `session:<id>`, `activity`. */
  actions: ActionState;
}

export const EMPTY_SECURITY: SecurityState = {
  status: 'idle',
  passwordErrors: [],
  mailSent: 0,
  actions: NO_ACTIONS,
};

export const passwordChanged = (): string => t('security.password.changed');

export interface SecurityController {
  runner: Runner;
  load(): Promise<void>;
  /** The page shown again: read again in the background, what is on screen staying until the answers are here. */
  revalidate(): Promise<void>;
  /**
   * The page is hidden (kept for later): a new authenticator's secret and
   * fresh recovery codes, shown once, are dropped, and so is the check of a
   * typed password.
   */
  forget(): void;
  checkPassword(password: string): void;
  changePassword(currentPassword: string, password: string): Promise<boolean>;
  changeEmail(newEmail: string, currentPassword: string): Promise<boolean>;
  confirmEmail(code: string): Promise<boolean>;
  cancelEmailChange(): Promise<boolean>;
  startTwoFactor(): Promise<boolean>;
  confirmTwoFactor(code: string): Promise<boolean>;
  cancelEnrolment(): void;
  disableTwoFactor(code: string): Promise<boolean>;
  regenerateRecoveryCodes(): Promise<boolean>;
  /** "I have saved these": the codes are not shown again. */
  acknowledgeCodes(): void;
  revokeSession(sessionId: string): Promise<boolean>;
  revokeOtherSessions(): Promise<boolean>;
  refreshActivity(): Promise<boolean>;
  dispose(): void;
}

export interface SecurityOptions {
  /** The sign-in e-mail changed: the shell re-reads who is signed in. */
  onIdentityChanged?: () => void;
}

export function createSecurityController(
  deps: SectionDeps,
  slot: Slot<SecurityState>,
  options: SecurityOptions = {},
): SecurityController {
  const patch = (changes: Partial<SecurityState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });

  const passwordCheck = debouncedCheck(
    (password: string) => deps.api.validatePassword(password),
    (passwordErrors) => patch({ passwordErrors }),
    (reason) => void failure(deps, reason),
  );

  /** Re-reads what an action may have changed as a side effect; a failure here is not the action's. */
  async function quietly<T>(read: () => Promise<T>, apply: (value: T) => void) {
    try {
      apply(await read());
    } catch (reason) {
      failure(deps, reason);
    }
  }

  /** Security changes show up in the activity list; re-read it after each. */
  const refreshActivity = () => quietly(() => deps.api.listActivity(), (activity) => patch({ activity }));

  async function load() {
    patch({ status: 'loading' });
    try {
      const [overview, sessions, activity] = await Promise.all([
        deps.api.loadSecurity(),
        deps.api.listSessions(),
        deps.api.listActivity(),
      ]);
      patch({ status: 'ready', overview, sessions, activity, loadError: undefined });
    } catch (reason) {
      patch({ status: 'failed', loadError: failure(deps, reason) });
    }
  }

  return {
    runner,

    async revalidate() {
      if (slot.get().status !== 'ready') return load();
      const quiet = runner.quietSince();
      try {
        const [overview, sessions, activity] = await Promise.all([
          deps.api.loadSecurity(),
          deps.api.listSessions(),
          deps.api.listActivity(),
        ]);
        if (!quiet()) return;
        const now = slot.get();
        const changes: Partial<SecurityState> = {};
        if (!sameAnswer(overview, now.overview)) changes.overview = overview;
        if (!sameAnswer(sessions, now.sessions)) changes.sessions = sessions;
        if (!sameAnswer(activity, now.activity)) changes.activity = activity;
        if (Object.keys(changes).length > 0) patch(changes);
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    forget() {
      passwordCheck.cancel();
      const next = { ...slot.get(), passwordErrors: [] };
      delete next.enrolment;
      delete next.recoveryCodes;
      slot.set(next);
    },

    load,

    checkPassword(password) {
      if (password === '') {
        passwordCheck.cancel();
        patch({ passwordErrors: [] });
      } else {
        passwordCheck.schedule(password);
      }
    },

    changePassword(currentPassword, password) {
      passwordCheck.cancel();
      return runner.run(
        'password',
        async () => {
          try {
            await deps.api.changePassword(currentPassword, password);
          } catch (reason) {
            const fields = toCommandError(reason).fields;
            if (fields) patch({ passwordErrors: fields });
            throw reason;
          }
          patch({ passwordErrors: [] });
          await quietly(() => deps.api.listSessions(), (sessions) => patch({ sessions }));
          await quietly(() => deps.api.loadSecurity(), (overview) => patch({ overview }));
          await refreshActivity();
        },
        passwordChanged(),
      );
    },

    changeEmail(newEmail, currentPassword) {
      return runner.run(
        'email',
        async () => {
          patch({
            overview: await deps.api.changeEmail(newEmail.trim(), currentPassword),
            mailSent: slot.get().mailSent + 1,
          });
        },
        t('security.email.sent', { email: newEmail.trim() }),
      );
    },

    confirmEmail(code) {
      return runner.run(
        'email',
        async () => {
          const overview = await deps.api.confirmEmail(code.trim());
          patch({ overview });
          options.onIdentityChanged?.();
          await refreshActivity();
        },
        t('security.email.changed'),
      );
    },

    cancelEmailChange() {
      return runner.run(
        'email',
        async () => patch({ overview: await deps.api.cancelEmailChange() }),
        t('security.email.cancelled'),
      );
    },

    startTwoFactor() {
      return runner.run('twofactor', async () => patch({ enrolment: await deps.api.startTwoFactor() }));
    },

    confirmTwoFactor(code) {
      return runner.run(
        'twofactor',
        async () => {
          const { codes } = await deps.api.confirmTwoFactor(code.replace(/\s+/g, ''));
          const next = { ...slot.get(), recoveryCodes: codes };
          delete next.enrolment;
          slot.set(next);
          await quietly(() => deps.api.loadSecurity(), (overview) => patch({ overview }));
          await refreshActivity();
        },
        t('security.twoFactor.enabled'),
      );
    },

    cancelEnrolment() {
      const next = { ...slot.get() };
      delete next.enrolment;
      slot.set(next);
    },

    disableTwoFactor(code) {
      return runner.run(
        'twofactor',
        async () => {
          patch({ overview: await deps.api.disableTwoFactor(code.trim()) });
          await refreshActivity();
        },
        t('security.twoFactor.disabled'),
      );
    },

    regenerateRecoveryCodes() {
      return runner.run(
        'recovery',
        async () => {
          const { codes } = await deps.api.regenerateRecoveryCodes();
          patch({ recoveryCodes: codes });
          await quietly(() => deps.api.loadSecurity(), (overview) => patch({ overview }));
        },
        t('security.twoFactor.codesMade'),
      );
    },

    acknowledgeCodes() {
      const next = { ...slot.get() };
      delete next.recoveryCodes;
      slot.set(next);
    },

    revokeSession(sessionId) {
      return runner.run(
        `session:${sessionId}`,
        async () => {
          patch({ sessions: await deps.api.revokeSession(sessionId) });
          await refreshActivity();
        },
        t('security.sessions.revoked'),
      );
    },

    revokeOtherSessions() {
      return runner.run(
        'sessions',
        async () => {
          patch({ sessions: await deps.api.revokeOtherSessions() });
          await refreshActivity();
        },
        t('security.sessions.othersRevoked'),
      );
    },

    refreshActivity() {
      return runner.run('activity', async () => patch({ activity: await deps.api.listActivity() }));
    },

    dispose: () => passwordCheck.cancel(),
  };
}
