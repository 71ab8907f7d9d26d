// The console's flows: each user action runs one command through `Api` and
// feeds the outcome to the reducer. Components call these and render state.

import type { Api } from './api';
import { toCommandError } from './commandErrors';
import type { CommandError } from './generated/CommandError';
import type { Connection } from './generated/Connection';
import type { DemoPersona } from './generated/DemoPersona';
import type { Language } from './generated/Language';
import type { SessionView } from './generated/SessionView';
import { pageLocale, type LocaleStore } from './i18n';
import type { SectionId } from './sections';
import { isIdle, reduce, type AppEvent, type AppState, type Busy } from './state';

/** Where the state lives: a Svelte `$state` in the app, a plain variable in tests. */
export interface Store {
  get(): AppState;
  set(state: AppState): void;
}

export interface Controller {
  startup(): Promise<void>;
  tryDemo(persona: DemoPersona): Promise<void>;
  connect(serverUrl: string): Promise<void>;
  cancelSignIn(): Promise<void>;
  resume(connection: Connection): Promise<void>;
  forget(connection: Connection): Promise<void>;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  navigate(section: SectionId): void;
  selectAccount(accountId: string): void;
  /** A section's command found the session over: back to the start screen, saying why. */
  endSession(notice: CommandError): Promise<void>;
  /** A section's command returned a fresh session (step-up, accepted invitation). */
  renewSession(session: SessionView): void;
  dismissNotice(): void;
  dismissError(): void;
  /**
   * Speaks `language` at once. Signed in, it is the user's preference and is
   * saved; if saving fails, the language goes back to the saved one and the
   * error shows. Before sign-in it changes only this window (and is what it
   * speaks again after signing out).
   */
  setLanguage(language: Language): Promise<void>;
}

export function createController(api: Api, store: Store, locale: LocaleStore = pageLocale): Controller {
  // The window's own language, spoken before sign-in: the system's, or one
  // picked on the start screen. Signing out comes back to it.
  let own: Language = locale.get();
  // The signed-in user's language as last put in force: a new session, or a
  // `Me` read afresh with another language, changes the locale; anything
  // else (navigating, a save in flight) leaves the user's choice alone.
  let followed: Language | undefined;
  function followUser() {
    const state = store.get();
    if (state.screen !== 'shell') {
      if (followed !== undefined) locale.set(own);
      followed = undefined;
    } else if (state.session.me.language !== followed) {
      followed = state.session.me.language;
      locale.set(followed);
    }
  }

  const dispatch = (event: AppEvent) => {
    store.set(reduce(store.get(), event));
    followUser();
  };

  // Only the latest choice's outcome counts when several are on their way.
  let languageSaves = 0;

  /** Starts a command unless another one is running. */
  function begin(busy: Busy): boolean {
    const state = store.get();
    // Startup is the one command that runs while the app is still starting.
    if (!(isIdle(state) || (state.screen === 'starting' && busy.kind === 'startup'))) return false;
    dispatch({ type: 'busy', busy });
    return true;
  }

  /** The saved connections, or undefined if they cannot be read right now. */
  async function connectionsOrUndefined(): Promise<Connection[] | undefined> {
    try {
      return await api.listConnections();
    } catch {
      return undefined;
    }
  }

  async function fail(reason: unknown): Promise<void> {
    const error: CommandError = toCommandError(reason);
    if (error.code === 'session_expired') {
      dispatch({ type: 'session_ended', notice: error, connections: await connectionsOrUndefined() });
    } else if (error.code === 'sign_in_cancelled') {
      dispatch({ type: 'cancelled', message: error.message });
    } else {
      dispatch({ type: 'failed', error });
    }
  }

  async function signIn(busy: Busy, run: () => Promise<SessionView>) {
    if (!begin(busy)) return;
    try {
      const session = await run();
      // The shell opens in the user's language, not in another one first.
      await locale.load(session.me.language);
      dispatch({ type: 'signed_in', session });
    } catch (reason) {
      await fail(reason);
    }
  }

  return {
    async startup() {
      if (!begin({ kind: 'startup' })) return;
      try {
        const result = await api.startup();
        if (result.state === 'signed_in') await locale.load(result.session.me.language);
        dispatch({ type: 'startup_done', result });
      } catch (reason) {
        const error = toCommandError(reason);
        dispatch({ type: 'startup_failed', error });
        const connections = await connectionsOrUndefined();
        if (connections) dispatch({ type: 'connections_loaded', connections });
      }
    },

    tryDemo: (persona) => signIn({ kind: 'demo', persona }, () => api.tryDemo(persona)),

    connect: (serverUrl) => signIn({ kind: 'connect', serverUrl }, () => api.connect(serverUrl)),

    async cancelSignIn() {
      const state = store.get();
      if (state.screen !== 'start' || state.busy?.kind !== 'connect') return;
      try {
        await api.cancelSignIn();
        // `connect` now rejects with `sign_in_cancelled`, which ends the busy state.
      } catch (reason) {
        // The sign-in may have finished meanwhile; only report if still waiting.
        const now = store.get();
        if (now.screen === 'start' && now.busy?.kind === 'connect') {
          dispatch({ type: 'failed', error: toCommandError(reason) });
        }
      }
    },

    resume: (connection) =>
      signIn({ kind: 'resume', connection }, () => api.resume(connection.id)),

    async forget(connection) {
      if (!begin({ kind: 'forget', connection })) return;
      try {
        await api.forgetConnection(connection.id);
      } catch (reason) {
        await fail(reason);
        return;
      }
      const connections = await connectionsOrUndefined();
      dispatch(
        connections
          ? { type: 'forgotten', connectionId: connection.id, connections }
          : { type: 'forgotten', connectionId: connection.id },
      );
    },

    async refresh() {
      if (store.get().screen !== 'shell' || !begin({ kind: 'refresh' })) return;
      try {
        const me = await api.me();
        await locale.load(me.language);
        dispatch({ type: 'me_loaded', me });
      } catch (reason) {
        await fail(reason);
      }
    },

    async signOut() {
      if (store.get().screen !== 'shell' || !begin({ kind: 'sign_out' })) return;
      try {
        await api.signOut();
      } catch (reason) {
        await fail(reason);
        return;
      }
      const connections = await connectionsOrUndefined();
      dispatch(connections ? { type: 'signed_out', connections } : { type: 'signed_out' });
    },

    navigate: (section) => dispatch({ type: 'navigate', section }),
    selectAccount: (accountId) => dispatch({ type: 'select_account', accountId }),

    async endSession(notice) {
      if (store.get().screen !== 'shell') return;
      dispatch({ type: 'session_ended', notice, connections: await connectionsOrUndefined() });
    },

    renewSession: (session) => dispatch({ type: 'session_renewed', session }),
    dismissNotice: () => dispatch({ type: 'dismiss_notice' }),
    dismissError: () => dispatch({ type: 'dismiss_error' }),

    async setLanguage(language) {
      if (store.get().screen !== 'shell') {
        own = language;
        locale.set(language);
        return;
      }
      if (language === locale.get()) return;
      locale.set(language);
      const mine = ++languageSaves;
      try {
        const saved = await api.setPreferences({ language });
        // What the server stored is now the user's; it does not override a later choice still on its way.
        followed = saved.language;
        dispatch({ type: 'language_saved', language: saved.language });
        if (mine === languageSaves) locale.set(saved.language);
      } catch (reason) {
        if (mine !== languageSaves) return;
        const error = toCommandError(reason);
        if (error.code === 'session_expired') {
          await fail(error);
          return;
        }
        const state = store.get();
        if (state.screen === 'shell') locale.set(state.session.me.language);
        dispatch({ type: 'language_failed', error });
      }
    },
  };
}
