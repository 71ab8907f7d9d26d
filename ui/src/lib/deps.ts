// What a section's controller needs from the shell: the commands, and a way
// to hand back a session that ended or was renewed (the shell owns those).

import type { Api } from './api';
import { toCommandError } from './commandErrors';
import type { CommandError } from './generated/CommandError';
import type { SessionView } from './generated/SessionView';

export interface SectionDeps {
  api: Api;
  /** A command said the session is over: the shell returns to the start screen. */
  sessionEnded(error: CommandError): void;
  /** `reauthenticate` or `accept_invitation` returned a fresh session. */
  sessionRenewed(session: SessionView): void;
}

/** Where a controller keeps its state: a Svelte `$state.raw` in a component, a variable in tests. */
export interface Slot<S> {
  get(): S;
  set(state: S): void;
}

/** Normalises a rejection, and hands an ended session to the shell. */
export function failure(deps: SectionDeps, reason: unknown): CommandError {
  const error = toCommandError(reason);
  if (error.code === 'session_expired') deps.sessionEnded(error);
  return error;
}

/**
 * Deps that always reach the current value of a component prop. A controller
 * is created once per component, while its `deps` prop may be replaced.
 */
export function liveDeps(current: () => SectionDeps): SectionDeps {
  return {
    get api() {
      return current().api;
    },
    sessionEnded: (error) => current().sessionEnded(error),
    sessionRenewed: (session) => current().sessionRenewed(session),
  };
}
