// The console's state machine, as a pure reducer: no IPC, no DOM.
//
//   starting --startup--> signed_in (shell) | signed_out (start screen, maybe a notice)
//   start    --try_demo / connect / resume--> shell
//   shell    --sign_out--> start
//   any      --a command fails with session_expired--> start, with the message as notice
//
// In the shell, `account` is the account the account sections act on (the
// first one until the user picks another); which sections show depends on it.

import type { CommandError } from './generated/CommandError';
import type { Connection } from './generated/Connection';
import type { DemoPersona } from './generated/DemoPersona';
import type { Language } from './generated/Language';
import type { Me } from './generated/Me';
import type { SessionView } from './generated/SessionView';
import type { StartupState } from './generated/StartupState';
import { canOpen, selectedAccount, type SectionId } from './sections';
import { hostOf } from './url';
import { t } from './i18n';

/** The command in flight, if any; at most one at a time. */
export type Busy =
  | { kind: 'startup' }
  | { kind: 'demo'; persona: DemoPersona }
  | { kind: 'connect'; serverUrl: string }
  | { kind: 'resume'; connection: Connection }
  | { kind: 'forget'; connection: Connection }
  | { kind: 'refresh' }
  | { kind: 'sign_out' };

export type StartScreen = {
  screen: 'start';
  connections: Connection[];
  /** Why the user is not signed in (from `startup`, or a session that ended). */
  notice?: CommandError;
  /** The last command that failed. */
  error?: CommandError;
  /** A calm, non-error status line (e.g. a cancelled sign-in). */
  info?: string;
  busy?: Busy;
};

export type ShellScreen = {
  screen: 'shell';
  session: SessionView;
  section: SectionId;
  /** The account picked in the account picker; absent means the first one. */
  account?: string;
  error?: CommandError;
  busy?: Busy;
};

export type AppState = { screen: 'starting'; busy: Busy } | StartScreen | ShellScreen;

export type AppEvent =
  | { type: 'busy'; busy: Busy }
  | { type: 'startup_done'; result: StartupState }
  | { type: 'startup_failed'; error: CommandError }
  | { type: 'signed_in'; session: SessionView }
  | { type: 'me_loaded'; me: Me }
  | { type: 'navigate'; section: SectionId }
  | { type: 'select_account'; accountId: string }
  /** A step-up sign-in or an accepted invitation returned a fresh session. */
  | { type: 'session_renewed'; session: SessionView }
  | { type: 'connections_loaded'; connections: Connection[] }
  | { type: 'forgotten'; connectionId: string; connections?: Connection[] }
  /** Signed out on purpose: `connections` is the refreshed list, if it could be read. */
  | { type: 'signed_out'; connections?: Connection[] }
  /** The session expired or was revoked: back to the start screen, saying so. */
  | { type: 'session_ended'; notice: CommandError; connections?: Connection[] }
  | { type: 'cancelled'; message: string }
  | { type: 'failed'; error: CommandError }
  | { type: 'dismiss_notice' }
  | { type: 'dismiss_error' }
  /** The server stored the user's language. */
  | { type: 'language_saved'; language: Language }
  /** Storing the language failed: shown like a failed command, without ending one that runs. */
  | { type: 'language_failed'; error: CommandError };

export const INITIAL_STATE: AppState = { screen: 'starting', busy: { kind: 'startup' } };

export const HOME_SECTION: SectionId = 'profile';

function knownConnections(state: AppState): Connection[] {
  return state.screen === 'start' ? state.connections : [];
}

function startScreen(connections: Connection[], notice?: CommandError): StartScreen {
  return notice ? { screen: 'start', connections, notice } : { screen: 'start', connections };
}

function shell(session: SessionView, section: SectionId = HOME_SECTION, account?: string): ShellScreen {
  const chosen = selectedAccount(session.me, account);
  const next: ShellScreen = {
    screen: 'shell',
    session,
    section: canOpen(session.me, section, chosen) ? section : HOME_SECTION,
  };
  // Only a choice that still exists is kept (the user may have left it).
  if (account !== undefined && chosen?.account_id === account) next.account = account;
  return next;
}

/** The account the shell's account sections act on. */
export function shellAccount(state: ShellScreen) {
  return selectedAccount(state.session.me, state.account);
}

/** Drops `busy`, `error` and `info`: a new command starts from a clean slate. */
function settled<S extends StartScreen | ShellScreen>(state: S): S {
  const next = { ...state };
  delete next.busy;
  delete next.error;
  if (next.screen === 'start') delete (next as StartScreen).info;
  return next;
}

export function reduce(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'busy':
      if (state.screen === 'starting') return { screen: 'starting', busy: event.busy };
      return { ...settled(state), busy: event.busy };

    case 'startup_done':
      if (event.result.state === 'signed_in') return shell(event.result.session);
      return startScreen(event.result.connections, event.result.notice ?? undefined);

    case 'startup_failed':
      return startScreen(knownConnections(state), event.error);

    case 'signed_in':
      return shell(event.session);

    case 'me_loaded':
      if (state.screen !== 'shell') return state;
      return shell({ ...state.session, me: event.me }, state.section, state.account);

    case 'session_renewed':
      if (state.screen !== 'shell') return state;
      return withBusy(shell(event.session, state.section, state.account), state.busy);

    case 'navigate':
      // Allowed while a command runs (its outcome lands wherever the user is);
      // an error shown for the previous section is dropped.
      if (state.screen !== 'shell') return state;
      if (!canOpen(state.session.me, event.section, shellAccount(state))) return state;
      return { ...withoutError(state), section: event.section };

    case 'select_account':
      // Like navigating: allowed while a command runs. A section the new
      // account does not allow falls back to the home section.
      if (state.screen !== 'shell') return state;
      if (!state.session.me.accounts.some((a) => a.account_id === event.accountId)) return state;
      return withBusy(shell(state.session, state.section, event.accountId), state.busy);

    case 'connections_loaded':
      if (state.screen !== 'start') return state;
      return { ...state, connections: event.connections };

    case 'forgotten': {
      if (state.screen !== 'start') return state;
      const connections =
        event.connections ?? state.connections.filter((c) => c.id !== event.connectionId);
      return { ...settled(state), connections };
    }

    case 'signed_out':
      return startScreen(event.connections ?? knownConnections(state));

    case 'session_ended':
      return startScreen(event.connections ?? knownConnections(state), event.notice);

    case 'cancelled':
      if (state.screen !== 'start') return state;
      return { ...settled(state), info: event.message };

    case 'failed':
      if (state.screen === 'starting') return startScreen([], event.error);
      return { ...settled(state), error: event.error };

    case 'dismiss_notice':
      if (state.screen !== 'start' || !state.notice) return state;
      return withoutNotice(state);

    case 'dismiss_error':
      if (state.screen === 'starting' || !state.error) return state;
      return withoutError(state);

    case 'language_saved':
      if (state.screen !== 'shell') return state;
      return { ...state, session: { ...state.session, me: { ...state.session.me, language: event.language } } };

    case 'language_failed':
      if (state.screen !== 'shell') return state;
      return { ...state, error: event.error };
  }
}

function withoutNotice(state: StartScreen): StartScreen {
  const next = { ...state };
  delete next.notice;
  return next;
}

function withBusy(state: ShellScreen, busy: Busy | undefined): ShellScreen {
  return busy ? { ...state, busy } : state;
}

function withoutError<S extends StartScreen | ShellScreen>(state: S): S {
  const next = { ...state };
  delete next.error;
  return next;
}

/** The progress text for the command in flight. */
export function busyLabel(busy: Busy): string {
  switch (busy.kind) {
    case 'startup':
      return t('start.busy.startup');
    case 'demo':
      return t('start.busy.demo');
    case 'connect':
      return t('start.busy.connect');
    case 'resume':
      return busy.connection.demo
        ? t('start.busy.demo')
        : t('start.busy.resume', { host: hostOf(busy.connection.server_url) });
    case 'forget':
      return t('start.busy.forget');
    case 'refresh':
      return t('start.busy.refresh');
    case 'sign_out':
      return t('start.busy.signOut');
  }
}

/** Notices the user can act on by unlocking or starting something, then retrying startup. */
export function noticeOffersRetry(notice: CommandError): boolean {
  return (
    notice.code === 'keyring_locked' ||
    notice.code === 'keyring_unavailable' ||
    notice.code === 'server_unreachable'
  );
}

/**
 * Whether the signed-in shell's code is wanted: when signed in, and already
 * while signing in (so it is fetched meanwhile), never before (start-up
 * parses only the start screen).
 */
export function wantsShell(state: AppState): boolean {
  if (state.screen === 'shell') return true;
  const kind = state.busy?.kind;
  return state.screen === 'start' && (kind === 'demo' || kind === 'connect' || kind === 'resume');
}

/** Whether the UI may start another command now. */
export function isIdle(state: AppState): boolean {
  return state.screen !== 'starting' && state.busy === undefined;
}
