import { describe, expect, it, vi } from 'vitest';
import type { Api } from './api';
import type { Language } from './generated/Language';
import type { LocaleStore } from './i18n';
import { createController } from './controller';
import { INITIAL_STATE, type AppState } from './state';
import {
  agentSession,
  customerMe,
  customerSession,
  demoConnection,
  keyringLocked,
  remoteConnection,
  sessionExpired,
} from './testing/fixtures';
import { deferred, unexpectedApi } from './testing/fakeApi';

function fakeApi(overrides: Partial<Api> = {}): Api {
  return unexpectedApi({
    listConnections: vi.fn(() => Promise.resolve([demoConnection, remoteConnection])),
    cancelSignIn: vi.fn(() => Promise.resolve()),
    forgetConnection: vi.fn(() => Promise.resolve()),
    signOut: vi.fn(() => Promise.resolve()),
    ...overrides,
  });
}

function setup(api: Api, initial: AppState = INITIAL_STATE, load: LocaleStore['load'] = () => Promise.resolve()) {
  let state = initial;
  const history: AppState[] = [];
  // The language the window speaks, and every change of it.
  let spoken: Language = 'en';
  const spokenHistory: Language[] = [];
  const locale: LocaleStore = {
    get: () => spoken,
    set: (next) => {
      spoken = next;
      spokenHistory.push(next);
    },
    load,
  };
  const controller = createController(
    api,
    {
      get: () => state,
      set: (next) => {
        state = next;
        history.push(next);
      },
    },
    locale,
  );
  return { controller, state: () => state, history, spoken: () => spoken, spokenHistory };
}

describe('startup', () => {
  it('opens the shell when the last session resumes', async () => {
    const api = fakeApi({
      startup: vi.fn(() => Promise.resolve({ state: 'signed_in' as const, session: customerSession })),
    });
    const app = setup(api);
    await app.controller.startup();
    expect(app.state()).toEqual({ screen: 'shell', session: customerSession, section: 'profile' });
  });

  it('shows a locked keyring as a notice, then Try again signs in', async () => {
    const startup = vi
      .fn<Api['startup']>()
      .mockResolvedValueOnce({ state: 'signed_out', connections: [remoteConnection], notice: keyringLocked })
      .mockResolvedValueOnce({ state: 'signed_in', session: customerSession });
    const app = setup(fakeApi({ startup }));

    await app.controller.startup();
    expect(app.state()).toEqual({ screen: 'start', connections: [remoteConnection], notice: keyringLocked });

    await app.controller.startup();
    expect(startup).toHaveBeenCalledTimes(2);
    expect(app.state().screen).toBe('shell');
  });

  it('falls back to the start screen with the error and the saved list when startup fails', async () => {
    const app = setup(fakeApi({ startup: vi.fn(() => Promise.reject('Command startup not found')) }));
    await app.controller.startup();
    expect(app.state()).toEqual({
      screen: 'start',
      connections: [demoConnection, remoteConnection],
      notice: { code: 'other', message: 'Command startup not found' },
    });
  });
});

describe('signing in', () => {
  it('is busy while the demo starts, then opens the shell', async () => {
    const pending = deferred<typeof agentSession>();
    const api = fakeApi({ tryDemo: vi.fn(() => pending.promise) });
    const app = setup(api, { screen: 'start', connections: [] });

    const done = app.controller.tryDemo('agent');
    expect(api.tryDemo).toHaveBeenCalledWith('agent');
    expect(app.state()).toEqual({
      screen: 'start',
      connections: [],
      busy: { kind: 'demo', persona: 'agent' },
    });

    pending.resolve(agentSession);
    await done;
    expect(app.state()).toEqual({ screen: 'shell', session: agentSession, section: 'profile' });
  });

  it('ignores a second command while one runs', async () => {
    const pending = deferred<typeof customerSession>();
    const api = fakeApi({ tryDemo: vi.fn(() => pending.promise), connect: vi.fn() });
    const app = setup(api, { screen: 'start', connections: [] });

    const first = app.controller.tryDemo('customer');
    await app.controller.tryDemo('agent');
    await app.controller.connect('https://accounts.example.com');
    await app.controller.resume(remoteConnection);
    expect(api.tryDemo).toHaveBeenCalledTimes(1);
    expect(api.connect).not.toHaveBeenCalled();

    pending.resolve(customerSession);
    await first;
  });

  it('shows a failed sign-in with its advice and reference', async () => {
    const error = {
      code: 'server_unreachable' as const,
      message: 'The server did not answer.',
      advice: 'Check the address.',
      request_id: 'req-9',
    };
    const app = setup(fakeApi({ connect: vi.fn(() => Promise.reject(error)) }), {
      screen: 'start',
      connections: [],
    });
    await app.controller.connect('https://accounts.example.com');
    expect(app.state()).toEqual({ screen: 'start', connections: [], error });
  });

  it('cancels a browser sign-in: cancel_sign_in, then connect ends calmly', async () => {
    const pending = deferred<typeof customerSession>();
    const api = fakeApi({
      connect: vi.fn(() => pending.promise),
      cancelSignIn: vi.fn(() => {
        pending.reject({ code: 'sign_in_cancelled', message: 'Sign-in cancelled.', advice: null });
        return Promise.resolve();
      }),
    });
    const app = setup(api, { screen: 'start', connections: [] });

    const connecting = app.controller.connect('https://accounts.example.com');
    expect(app.state()).toMatchObject({ busy: { kind: 'connect', serverUrl: 'https://accounts.example.com' } });
    await app.controller.cancelSignIn();
    await connecting;

    expect(api.cancelSignIn).toHaveBeenCalledOnce();
    expect(app.state()).toEqual({ screen: 'start', connections: [], info: 'Sign-in cancelled.' });
  });

  it('does not call cancel_sign_in when no browser sign-in is waiting', async () => {
    const api = fakeApi();
    const app = setup(api, { screen: 'start', connections: [] });
    await app.controller.cancelSignIn();
    expect(api.cancelSignIn).not.toHaveBeenCalled();
  });

  it('resumes a saved connection by id', async () => {
    const api = fakeApi({ resume: vi.fn(() => Promise.resolve(customerSession)) });
    const app = setup(api, { screen: 'start', connections: [remoteConnection] });
    await app.controller.resume(remoteConnection);
    expect(api.resume).toHaveBeenCalledWith('conn-remote');
    expect(app.state().screen).toBe('shell');
  });

  it('shows why a resume failed with session_expired, as a notice', async () => {
    const app = setup(fakeApi({ resume: vi.fn(() => Promise.reject(sessionExpired)) }), {
      screen: 'start',
      connections: [remoteConnection],
    });
    await app.controller.resume(remoteConnection);
    expect(app.state()).toEqual({
      screen: 'start',
      connections: [demoConnection, remoteConnection],
      notice: sessionExpired,
    });
  });
});

describe('forgetting', () => {
  it('forgets by id and shows the refreshed list', async () => {
    const api = fakeApi({ listConnections: vi.fn(() => Promise.resolve([remoteConnection])) });
    const app = setup(api, { screen: 'start', connections: [demoConnection, remoteConnection] });
    await app.controller.forget(demoConnection);
    expect(api.forgetConnection).toHaveBeenCalledWith('conn-demo');
    expect(app.state()).toEqual({ screen: 'start', connections: [remoteConnection] });
  });

  it('still removes the row when the list cannot be re-read', async () => {
    const api = fakeApi({ listConnections: vi.fn(() => Promise.reject(keyringLocked)) });
    const app = setup(api, { screen: 'start', connections: [demoConnection, remoteConnection] });
    await app.controller.forget(remoteConnection);
    expect(app.state()).toEqual({ screen: 'start', connections: [demoConnection] });
  });

  it('keeps the row and shows the error when forgetting fails', async () => {
    const api = fakeApi({ forgetConnection: vi.fn(() => Promise.reject(keyringLocked)) });
    const app = setup(api, { screen: 'start', connections: [demoConnection] });
    await app.controller.forget(demoConnection);
    expect(app.state()).toEqual({ screen: 'start', connections: [demoConnection], error: keyringLocked });
  });
});

describe('in the shell', () => {
  const signedIn: AppState = { screen: 'shell', session: customerSession, section: 'profile' };

  it('refreshes me', async () => {
    const renamed = { ...customerMe, display_name: 'Ada L.' };
    const app = setup(fakeApi({ me: vi.fn(() => Promise.resolve(renamed)) }), signedIn);
    await app.controller.refresh();
    expect(app.history[0]).toMatchObject({ busy: { kind: 'refresh' } });
    expect(app.state()).toEqual({ ...signedIn, session: { ...customerSession, me: renamed } });
  });

  it('returns to the start screen with the message when me() says the session expired', async () => {
    const api = fakeApi({ me: vi.fn(() => Promise.reject(sessionExpired)) });
    const app = setup(api, { ...signedIn, section: 'billing' });
    await app.controller.refresh();
    expect(api.listConnections).toHaveBeenCalledOnce();
    expect(app.state()).toEqual({
      screen: 'start',
      connections: [demoConnection, remoteConnection],
      notice: sessionExpired,
    });
  });

  it('stays in the shell and shows other failures', async () => {
    const error = { code: 'server_unreachable' as const, message: 'No answer.' };
    const app = setup(fakeApi({ me: vi.fn(() => Promise.reject(error)) }), signedIn);
    await app.controller.refresh();
    expect(app.state()).toEqual({ ...signedIn, error });
  });

  it('signs out to the start screen with the saved connections', async () => {
    const api = fakeApi();
    const app = setup(api, signedIn);
    await app.controller.signOut();
    expect(api.signOut).toHaveBeenCalledOnce();
    expect(app.state()).toEqual({ screen: 'start', connections: [demoConnection, remoteConnection] });
  });

  it('treats an expired session during sign-out as signed out, with the message', async () => {
    const app = setup(fakeApi({ signOut: vi.fn(() => Promise.reject(sessionExpired)) }), signedIn);
    await app.controller.signOut();
    expect(app.state()).toMatchObject({ screen: 'start', notice: sessionExpired });
  });

  it('navigates between the sections the user may open', () => {
    const app = setup(fakeApi(), { ...signedIn, session: agentSession });
    app.controller.navigate('tickets');
    expect(app.state()).toMatchObject({ section: 'tickets' });
    // Administrators only.
    app.controller.navigate('audit');
    expect(app.state()).toMatchObject({ section: 'tickets' });
  });
});

describe('for the sections', () => {
  const signedIn: AppState = { screen: 'shell', session: customerSession, section: 'security' };

  it('selects an account', () => {
    const app = setup(fakeApi(), signedIn);
    const company = customerMe.accounts[1]!.account_id;
    app.controller.selectAccount(company);
    expect(app.state()).toEqual({ ...signedIn, account: company });
  });

  it('ends the session a section found expired, with the saved connections', async () => {
    const api = fakeApi();
    const app = setup(api, signedIn);
    await app.controller.endSession(sessionExpired);
    expect(app.state()).toEqual({
      screen: 'start',
      connections: [demoConnection, remoteConnection],
      notice: sessionExpired,
    });
  });

  it('ignores a second end once on the start screen', async () => {
    const api = fakeApi();
    const app = setup(api, { screen: 'start', connections: [] });
    await app.controller.endSession(sessionExpired);
    expect(api.listConnections).not.toHaveBeenCalled();
  });

  it('takes a renewed session without leaving the section', () => {
    const app = setup(fakeApi(), signedIn);
    const renewed = { ...customerSession, me: { ...customerMe, email: 'ada@new.example' } };
    app.controller.renewSession(renewed);
    expect(app.state()).toEqual({ ...signedIn, session: renewed });
  });
});

describe('the language', () => {
  const german = { ...customerSession, me: { ...customerMe, language: 'de' as const } };
  const shellOf = (session = customerSession): AppState => ({ screen: 'shell', session, section: 'billing' });
  const failure = { code: 'other' as const, message: 'The preferences could not be saved.', request_id: 'req-9' };

  it('changes only this window before sign-in', async () => {
    const app = setup(fakeApi(), { screen: 'start', connections: [] });
    await app.controller.setLanguage('de');
    expect(app.spoken()).toBe('de');
    expect(app.history).toEqual([]);
  });

  it('is the signed-in user\'s from sign-in on, and the window\'s own again after signing out', async () => {
    const app = setup(fakeApi({ tryDemo: vi.fn(() => Promise.resolve(german)) }), { screen: 'start', connections: [] });
    await app.controller.setLanguage('en');
    await app.controller.tryDemo('customer');
    expect(app.spoken()).toBe('de');
    // Navigating keeps it; signing out goes back to what this window spoke before.
    app.controller.navigate('security');
    expect(app.spokenHistory).toEqual(['en', 'de']);
    await app.controller.signOut();
    expect(app.state().screen).toBe('start');
    expect(app.spokenHistory).toEqual(['en', 'de', 'en']);
  });

  it('opens the shell once the user\'s language is ready, so it never shows in another one first', async () => {
    const startup = vi.fn(() => Promise.resolve({ state: 'signed_in' as const, session: german }));
    const tryDemo = vi.fn(() => Promise.resolve(german));
    for (const signIn of ['startup', 'tryDemo'] as const) {
      const ready = deferred<void>();
      const load = vi.fn(() => ready.promise);
      const app = setup(fakeApi({ startup, tryDemo }), { screen: 'start', connections: [] }, load);
      const done = signIn === 'startup' ? app.controller.startup() : app.controller.tryDemo('customer');
      await vi.waitFor(() => expect(load).toHaveBeenCalledWith('de'));
      expect(app.state().screen, signIn).toBe('start');
      ready.resolve();
      await done;
      expect(app.state().screen, signIn).toBe('shell');
      expect(app.spoken(), signIn).toBe('de');
    }
  });

  it('goes back to the window\'s language when the session ends', async () => {
    const app = setup(fakeApi({ me: vi.fn(() => Promise.reject(sessionExpired)) }), shellOf(german));
    app.controller.navigate('profile');
    expect(app.spoken()).toBe('de');
    await app.controller.refresh();
    expect(app.state()).toMatchObject({ screen: 'start', notice: sessionExpired });
    expect(app.spoken()).toBe('en');
  });

  it('follows a Me read afresh with another language (changed in another window)', async () => {
    const app = setup(fakeApi({ me: vi.fn(() => Promise.resolve({ ...customerMe, language: 'de' as const })) }), shellOf());
    app.controller.navigate('profile');
    expect(app.spokenHistory).toEqual(['en']);
    await app.controller.refresh();
    expect(app.spoken()).toBe('de');
  });

  it('speaks the new language at once and saves it for the user', async () => {
    const saving = deferred<{ language: Language }>();
    const setPreferences = vi.fn(() => saving.promise);
    const app = setup(fakeApi({ setPreferences }), shellOf());
    app.controller.navigate('profile');
    const done = app.controller.setLanguage('de');
    expect(app.spoken()).toBe('de');
    expect(setPreferences).toHaveBeenCalledExactlyOnceWith({ language: 'de' });
    // Navigating while it saves does not undo the choice.
    app.controller.navigate('billing');
    expect(app.spoken()).toBe('de');
    saving.resolve({ language: 'de' });
    await done;
    expect(app.spoken()).toBe('de');
    const state = app.state();
    expect(state.screen === 'shell' && state.session.me.language).toBe('de');
    expect(state.screen === 'shell' && state.error).toBeUndefined();
  });

  it('does not save the language already spoken', async () => {
    const app = setup(fakeApi(), shellOf());
    app.controller.navigate('profile');
    await app.controller.setLanguage('en');
    expect(app.history.at(-1)).toMatchObject({ section: 'profile' });
  });

  it('goes back to the saved language and shows the error when saving fails', async () => {
    const setPreferences = vi.fn(() => Promise.reject(failure));
    const app = setup(fakeApi({ setPreferences }), shellOf());
    app.controller.navigate('profile');
    await app.controller.setLanguage('de');
    expect(app.spokenHistory).toEqual(['en', 'de', 'en']);
    expect(app.state()).toMatchObject({ screen: 'shell', section: 'profile', error: failure });
    const state = app.state();
    expect(state.screen === 'shell' && state.session.me.language).toBe('en');
  });

  it('shows a failed save without ending a command that runs', async () => {
    const refreshing = deferred<typeof customerMe>();
    const app = setup(
      fakeApi({ me: vi.fn(() => refreshing.promise), setPreferences: vi.fn(() => Promise.reject(failure)) }),
      shellOf(),
    );
    app.controller.navigate('profile');
    const refresh = app.controller.refresh();
    await app.controller.setLanguage('de');
    expect(app.state()).toMatchObject({ busy: { kind: 'refresh' }, error: failure });
    refreshing.resolve(customerMe);
    await refresh;
  });

  it('lets the latest of several choices decide', async () => {
    const first = deferred<{ language: Language }>();
    const second = deferred<{ language: Language }>();
    const setPreferences = vi.fn<Api['setPreferences']>().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const app = setup(fakeApi({ setPreferences }), shellOf());
    app.controller.navigate('profile');
    const toGerman = app.controller.setLanguage('de');
    const backToEnglish = app.controller.setLanguage('en');
    first.resolve({ language: 'de' });
    await toGerman;
    expect(app.spoken()).toBe('en');
    second.reject(failure);
    await backToEnglish;
    // The server holds German now: that is what the window falls back to.
    expect(app.spoken()).toBe('de');
    expect(app.state()).toMatchObject({ error: failure });
  });

  it('ends the session when saving finds it expired', async () => {
    const app = setup(fakeApi({ setPreferences: vi.fn(() => Promise.reject(sessionExpired)) }), shellOf());
    app.controller.navigate('profile');
    await app.controller.setLanguage('de');
    expect(app.state()).toMatchObject({ screen: 'start', notice: sessionExpired });
  });
});
