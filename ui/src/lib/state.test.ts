import { describe, expect, it } from 'vitest';
import {
  busyLabel,
  INITIAL_STATE,
  isIdle,
  noticeOffersRetry,
  reduce,
  type AppState,
  type ShellScreen,
  type StartScreen,
  shellAccount,
  wantsShell,
} from './state';
import type { AccountAccess } from './generated/AccountAccess';
import {
  agentMe,
  agentSession,
  customerMe,
  customerSession,
  demoConnection,
  keyringLocked,
  remoteConnection,
  sessionExpired,
} from './testing/fixtures';

const start = (extra: Partial<StartScreen> = {}): StartScreen => ({
  screen: 'start',
  connections: [demoConnection, remoteConnection],
  ...extra,
});

const shell = (extra: Partial<ShellScreen> = {}): ShellScreen => ({
  screen: 'shell',
  session: customerSession,
  section: 'profile',
  ...extra,
});

describe('startup', () => {
  it('begins busy with startup', () => {
    expect(INITIAL_STATE).toEqual({ screen: 'starting', busy: { kind: 'startup' } });
    expect(isIdle(INITIAL_STATE)).toBe(false);
  });

  it('opens the shell on the profile when the session resumed', () => {
    const next = reduce(INITIAL_STATE, {
      type: 'startup_done',
      result: { state: 'signed_in', session: customerSession },
    });
    expect(next).toEqual({ screen: 'shell', session: customerSession, section: 'profile' });
    expect(isIdle(next)).toBe(true);
  });

  it('shows the start screen with the notice when it did not', () => {
    const next = reduce(INITIAL_STATE, {
      type: 'startup_done',
      result: { state: 'signed_out', connections: [remoteConnection], notice: keyringLocked },
    });
    expect(next).toEqual({ screen: 'start', connections: [remoteConnection], notice: keyringLocked });
  });

  it('shows no notice when there is none', () => {
    const next = reduce(INITIAL_STATE, {
      type: 'startup_done',
      result: { state: 'signed_out', connections: [] },
    });
    expect(next).toEqual({ screen: 'start', connections: [] });
    expect('notice' in next).toBe(false);
  });

  it('turns a failed startup into a notice, keeping known connections on retry', () => {
    const retrying = reduce(start({ notice: keyringLocked }), {
      type: 'busy',
      busy: { kind: 'startup' },
    });
    const next = reduce(retrying, { type: 'startup_failed', error: keyringLocked });
    expect(next).toEqual(start({ notice: keyringLocked }));
  });
});

describe('commands', () => {
  it('clears the previous error and info when a command starts', () => {
    const next = reduce(start({ error: sessionExpired, info: 'Sign-in cancelled.' }), {
      type: 'busy',
      busy: { kind: 'demo', persona: 'agent' },
    });
    expect(next).toEqual(start({ busy: { kind: 'demo', persona: 'agent' } }));
    expect(isIdle(next)).toBe(false);
  });

  it('keeps the startup notice visible while another command runs', () => {
    const next = reduce(start({ notice: keyringLocked }), {
      type: 'busy',
      busy: { kind: 'connect', serverUrl: 'https://a.example' },
    });
    expect(next.screen === 'start' && next.notice).toEqual(keyringLocked);
  });

  it('opens the shell when sign-in succeeds', () => {
    const next = reduce(start({ busy: { kind: 'demo', persona: 'agent' } }), {
      type: 'signed_in',
      session: agentSession,
    });
    expect(next).toEqual({ screen: 'shell', session: agentSession, section: 'profile' });
  });

  it('shows a failure as an error and ends the busy state', () => {
    const error = { code: 'server_unreachable' as const, message: 'No answer.', request_id: 'r-1' };
    const next = reduce(start({ busy: { kind: 'connect', serverUrl: 'https://a.example' } }), {
      type: 'failed',
      error,
    });
    expect(next).toEqual(start({ error }));
  });

  it('shows a cancelled sign-in calmly, not as an error', () => {
    const next = reduce(start({ busy: { kind: 'connect', serverUrl: 'https://a.example' } }), {
      type: 'cancelled',
      message: 'Sign-in cancelled.',
    });
    expect(next).toEqual(start({ info: 'Sign-in cancelled.' }));
  });

  it('updates me on refresh and stays on the section', () => {
    const renamed = { ...customerMe, display_name: 'Ada L.' };
    const next = reduce(shell({ section: 'billing', busy: { kind: 'refresh' } }), {
      type: 'me_loaded',
      me: renamed,
    });
    expect(next).toEqual(shell({ section: 'billing', session: { ...customerSession, me: renamed } }));
  });

  it('leaves a staff section when a refresh shows the staff role is gone', () => {
    const before = shell({ session: agentSession, section: 'tickets' });
    const next = reduce(before, { type: 'me_loaded', me: { ...agentMe, roles: ['customer'] } });
    expect(next.screen === 'shell' && next.section).toBe('profile');
  });

  it('removes a forgotten connection, or takes the refreshed list', () => {
    const busy = start({ busy: { kind: 'forget', connection: demoConnection } });
    expect(reduce(busy, { type: 'forgotten', connectionId: demoConnection.id })).toEqual(
      start({ connections: [remoteConnection] }),
    );
    expect(
      reduce(busy, { type: 'forgotten', connectionId: demoConnection.id, connections: [] }),
    ).toEqual(start({ connections: [] }));
  });
});

describe('navigation', () => {
  it('moves between sections and drops the old error', () => {
    const next = reduce(shell({ error: sessionExpired }), { type: 'navigate', section: 'privacy' });
    expect(next).toEqual(shell({ section: 'privacy' }));
  });

  it('refuses staff sections to customers', () => {
    const before = shell();
    expect(reduce(before, { type: 'navigate', section: 'customers' })).toBe(before);
  });

  it('lets staff open staff sections', () => {
    const next = reduce(shell({ session: agentSession }), { type: 'navigate', section: 'customers' });
    expect(next.screen === 'shell' && next.section).toBe('customers');
  });

  it('does nothing on the start screen', () => {
    const before = start();
    expect(reduce(before, { type: 'navigate', section: 'billing' })).toBe(before);
  });
});

describe('leaving the shell', () => {
  it('signs out to the start screen with the refreshed connections', () => {
    const next = reduce(shell({ busy: { kind: 'sign_out' } }), {
      type: 'signed_out',
      connections: [remoteConnection],
    });
    expect(next).toEqual({ screen: 'start', connections: [remoteConnection] });
  });

  it('goes back to the start screen with the message when the session ends', () => {
    const next = reduce(shell({ section: 'team', busy: { kind: 'refresh' } }), {
      type: 'session_ended',
      notice: sessionExpired,
      connections: [demoConnection],
    });
    expect(next).toEqual({ screen: 'start', connections: [demoConnection], notice: sessionExpired });
  });

  it('keeps the known connections when a session ends on the start screen', () => {
    const next = reduce(start({ busy: { kind: 'resume', connection: remoteConnection } }), {
      type: 'session_ended',
      notice: sessionExpired,
    });
    expect(next).toEqual(start({ notice: sessionExpired }));
  });
});

describe('dismissing', () => {
  it('dismisses the notice and the error separately', () => {
    const both = start({ notice: keyringLocked, error: sessionExpired });
    expect(reduce(both, { type: 'dismiss_notice' })).toEqual(start({ error: sessionExpired }));
    expect(reduce(both, { type: 'dismiss_error' })).toEqual(start({ notice: keyringLocked }));
  });

  it('dismisses an error in the shell', () => {
    expect(reduce(shell({ error: sessionExpired }), { type: 'dismiss_error' })).toEqual(shell());
  });

  it('returns the same state when there is nothing to dismiss', () => {
    const before: AppState = start();
    expect(reduce(before, { type: 'dismiss_notice' })).toBe(before);
    expect(reduce(before, { type: 'dismiss_error' })).toBe(before);
  });
});

describe('busyLabel', () => {
  it('says what is happening', () => {
    expect(busyLabel({ kind: 'demo', persona: 'customer' })).toBe(
      'Starting the demo server and signing in…',
    );
    expect(busyLabel({ kind: 'connect', serverUrl: 'https://a.example' })).toBe(
      'Waiting for you to sign in in your browser…',
    );
    expect(busyLabel({ kind: 'resume', connection: remoteConnection })).toBe(
      'Signing in to accounts.example.com…',
    );
    expect(busyLabel({ kind: 'resume', connection: demoConnection })).toBe(
      'Starting the demo server and signing in…',
    );
  });
});

describe('wantsShell', () => {
  it('not while starting or on the start screen, so start-up parses only the start screen', () => {
    expect(wantsShell(INITIAL_STATE)).toBe(false);
    expect(wantsShell(start())).toBe(false);
    expect(wantsShell(start({ busy: { kind: 'forget', connection: remoteConnection } }))).toBe(false);
    expect(wantsShell(start({ busy: { kind: 'startup' } }))).toBe(false);
  });

  it('already while signing in, so it is there when sign-in ends', () => {
    expect(wantsShell(start({ busy: { kind: 'demo', persona: 'customer' } }))).toBe(true);
    expect(wantsShell(start({ busy: { kind: 'connect', serverUrl: 'https://a.example' } }))).toBe(true);
    expect(wantsShell(start({ busy: { kind: 'resume', connection: remoteConnection } }))).toBe(true);
  });

  it('when signed in', () => {
    expect(wantsShell(shell())).toBe(true);
    expect(wantsShell(shell({ busy: { kind: 'sign_out' } }))).toBe(true);
  });
});

describe('noticeOffersRetry', () => {
  it('offers Try again for a locked keyring but not for an expired session', () => {
    expect(noticeOffersRetry(keyringLocked)).toBe(true);
    expect(noticeOffersRetry(sessionExpired)).toBe(false);
    expect(noticeOffersRetry({ code: 'other', message: 'x' })).toBe(false);
  });
});

describe('accounts', () => {
  const [personal, company] = customerMe.accounts as [AccountAccess, AccountAccess];

  it('selects another account, keeping the section when it allows it', () => {
    const next = reduce(shell({ section: 'security' }), { type: 'select_account', accountId: company.account_id });
    expect(next).toEqual(shell({ section: 'security', account: company.account_id }));
    expect(shellAccount(next as ShellScreen)).toBe(company);
  });

  it('leaves Team for the profile when the new account gives no team_read', () => {
    const next = reduce(shell({ section: 'team' }), { type: 'select_account', accountId: company.account_id });
    expect(next).toMatchObject({ section: 'profile', account: company.account_id });
  });

  it('does not navigate to Team on an account without team_read', () => {
    const onCompany = shell({ account: company.account_id });
    expect(reduce(onCompany, { type: 'navigate', section: 'team' })).toBe(onCompany);
    expect(reduce(shell(), { type: 'navigate', section: 'team' })).toMatchObject({ section: 'team' });
  });

  it('ignores an account the user does not belong to', () => {
    const state = shell();
    expect(reduce(state, { type: 'select_account', accountId: 'nope' })).toBe(state);
  });

  it('keeps a running command when the account changes', () => {
    const busy = shell({ busy: { kind: 'refresh' } });
    expect(reduce(busy, { type: 'select_account', accountId: personal.account_id })).toMatchObject({
      busy: { kind: 'refresh' },
      account: personal.account_id,
    });
  });

  it('drops the choice when me no longer lists the account', () => {
    const me = { ...customerMe, accounts: [personal] };
    const next = reduce(shell({ account: company.account_id }), { type: 'me_loaded', me });
    expect(next).toEqual(shell({ session: { ...customerSession, me } }));
  });

  it('renews the session in place, keeping section and account', () => {
    const renewed = { ...customerSession, me: { ...customerMe, display_name: 'Ada R.' } };
    const state = shell({ section: 'security', account: personal.account_id });
    expect(reduce(state, { type: 'session_renewed', session: renewed })).toEqual({
      ...state,
      session: renewed,
    });
    expect(reduce(start(), { type: 'session_renewed', session: renewed })).toEqual(start());
  });
});
