import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { AccountAccess } from '../generated/AccountAccess';
import type { CommandError } from '../generated/CommandError';
import { fakeComms } from '../testing/comms';
import { fakeCookies } from '../testing/cookies';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { customerMe } from '../testing/fixtures';
import { BILLING_POLICY, fakeNotices, PARTNER_POLICY, type FakeNotices } from '../testing/notices';
import { fakeSharing, PARTNERS } from '../testing/sharing';
import {
  ackKey,
  createNoticesController,
  EMPTY_NOTICES,
  KEPT_CHANGING,
  optOutKey,
  readKey,
  unreadCount,
  type NoticesState,
} from './controller';
import { cookiesAlready, cookiesDone, promotionalDone, sharingAlready, sharingDone } from './wording';

const [OWNED, BILLING_MANAGED] = customerMe.accounts as [AccountAccess, AccountAccess];
/** Another account the person owns. */
const ALSO_OWNED: AccountAccess = { ...OWNED, account_id: 'acc-also-owned', name: 'Difference Engines Ltd' };
const V = PARTNER_POLICY.version;
const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };

function setup(fake: FakeNotices = fakeNotices(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: NoticesState = EMPTY_NOTICES;
  const ctl = createNoticesController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeNotices = fakeNotices(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load();
  return t;
}

const notice = (state: NoticesState, version = V) => state.inbox?.notices.find((n) => n.policy.version === version);

describe('the inbox', () => {
  it('is read newest first, with the unread count the badge shows and the version in force', async () => {
    const t = await loaded();
    expect(t.api.loadNotices).toHaveBeenCalledWith();
    expect(t.state().status).toBe('ready');
    expect(t.state().inbox?.notices.map((n) => n.policy.version)).toEqual([V, BILLING_POLICY.version]);
    expect(t.state().inbox?.current_version).toBe('privacy-policy-2013');
    expect(unreadCount(t.state())).toBe(2);
    expect(unreadCount(EMPTY_NOTICES)).toBe(0);
  });

  it('shows why it could not be read, and keeps an inbox already shown when read again', async () => {
    const fake = fakeNotices();
    const load = vi.fn<Api['loadNotices']>(() => Promise.reject(unreachable));
    const t = await loaded(fake, { loadNotices: load });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
    load.mockImplementation(fake.api.loadNotices);
    await t.ctl.load();
    expect(t.state()).toMatchObject({ status: 'ready', loadError: undefined });
    load.mockRejectedValueOnce(unreachable);
    await t.ctl.load();
    expect(t.state()).toMatchObject({ status: 'ready', loadError: unreachable });
    expect(t.state().inbox).toEqual(fake.current());
  });

  it('replaces nothing when read again unchanged (it is read on every page), and shows what was published meanwhile', async () => {
    const t = await loaded();
    const before = t.state();
    await t.ctl.load();
    expect(t.state()).toBe(before);
    t.fake.publish({ ...BILLING_POLICY, version: 'billing-2027', published_at: '2027-01-01T09:00:00Z' });
    await t.ctl.load();
    expect(t.state().inbox?.notices[0]?.policy.version).toBe('billing-2027');
    expect(unreadCount(t.state())).toBe(3);
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeNotices(), { loadNotices: vi.fn(() => Promise.reject(expired)) });
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });

  it('does not let an older read overwrite a newer inbox', async () => {
    const fake = fakeNotices();
    const slow = deferred<Awaited<ReturnType<Api['loadNotices']>>>();
    const load = vi.fn<Api['loadNotices']>(fake.api.loadNotices);
    const t = await loaded(fake, { loadNotices: load });
    load.mockImplementationOnce(() => slow.promise);
    const stale = t.ctl.load();
    const before = fake.current();
    await t.ctl.acknowledge(V);
    slow.resolve(before);
    await stale;
    expect(notice(t.state())?.acknowledged_at).toBeDefined();
  });
});

describe('opening a notice', () => {
  it('marks it read once, and the badge follows', async () => {
    const t = await loaded();
    await t.ctl.toggle(V);
    expect(t.state().open).toEqual([V]);
    expect(t.api.markNoticeRead).toHaveBeenCalledExactlyOnceWith(V);
    expect(notice(t.state())?.read_at).toBeDefined();
    expect(unreadCount(t.state())).toBe(1);
    await t.ctl.toggle(V);
    expect(t.state().open).toEqual([]);
    await t.ctl.toggle(V);
    expect(t.api.markNoticeRead).toHaveBeenCalledTimes(1);
  });

  it('does not mark a read notice again', async () => {
    const t = await loaded(fakeNotices({ read: [V] }));
    await t.ctl.toggle(V);
    expect(t.api.markNoticeRead).not.toHaveBeenCalled();
  });

  it('shows a failure to mark it read next to the notice, and still opens it', async () => {
    const t = await loaded(fakeNotices(), { markNoticeRead: vi.fn(() => Promise.reject(unreachable)) });
    await t.ctl.toggle(V);
    expect(t.state().open).toEqual([V]);
    expect(t.state().actions.errors[readKey(V)]).toEqual(unreachable);
    expect(unreadCount(t.state())).toBe(2);
  });
});

describe('answers arriving out of order', () => {
  type Inbox = Awaited<ReturnType<Api['loadNotices']>>;

  it('keeps an acknowledgement when the read sent before it answers after it', async () => {
    const fake = fakeNotices();
    const late = deferred<void>();
    const read = vi.fn<Api['markNoticeRead']>(async (version) => {
      const inbox = await fake.api.markNoticeRead(version);
      await late.promise;
      return inbox;
    });
    const t = await loaded(fake, { markNoticeRead: read });
    const opening = t.ctl.toggle(V);
    await expect(t.ctl.acknowledge(V)).resolves.toBe(true);
    expect(notice(t.state())?.acknowledged_at).toBeDefined();
    late.resolve();
    await opening;
    expect(notice(t.state())).toMatchObject({ read_at: expect.any(String), acknowledged_at: expect.any(String) });
    expect(unreadCount(t.state())).toBe(1);
  });

  it('keeps an acknowledgement when a later request answers with an inbox read before it', async () => {
    const fake = fakeNotices();
    const acked = deferred<void>();
    const readLate = deferred<void>();
    const ack = vi.fn<Api['acknowledgeNotice']>(async (version) => {
      await acked.promise;
      return fake.api.acknowledgeNotice(version);
    });
    const read = vi.fn<Api['markNoticeRead']>(async (version) => {
      const inbox = await fake.api.markNoticeRead(version);
      await readLate.promise;
      return inbox;
    });
    const t = await loaded(fake, { acknowledgeNotice: ack, markNoticeRead: read });
    const acking = t.ctl.acknowledge(V);
    const opening = t.ctl.toggle(V);
    acked.resolve();
    await expect(acking).resolves.toBe(true);
    readLate.resolve();
    await opening;
    expect(notice(t.state())?.acknowledged_at).toBeDefined();
  });

  it('keeps a notice read, and the badge, when an inbox read before that answers last', async () => {
    const fake = fakeNotices();
    const slow = deferred<Inbox>();
    const load = vi.fn<Api['loadNotices']>(fake.api.loadNotices);
    const t = await loaded(fake, { loadNotices: load });
    const before = fake.current();
    load.mockImplementationOnce(() => slow.promise);
    const reading = t.ctl.load();
    await t.ctl.toggle(V);
    slow.resolve(before);
    await reading;
    expect(notice(t.state())?.read_at).toBeDefined();
    expect(unreadCount(t.state())).toBe(1);
  });
});

describe('acknowledging', () => {
  it('records it once, with one receipt, and reads the notice', async () => {
    const fake = fakeNotices();
    const t = await loaded(fake);
    await expect(t.ctl.acknowledge(V)).resolves.toBe(true);
    expect(t.api.acknowledgeNotice).toHaveBeenCalledExactlyOnceWith(V);
    expect(notice(t.state())).toMatchObject({ acknowledged_at: expect.any(String), read_at: expect.any(String) });
    expect(unreadCount(t.state())).toBe(1);
    expect(fake.receipts()).toEqual([
      { subject: `policy/${V}`, old_state: 'not_acknowledged', new_state: 'acknowledged' },
    ]);
    await expect(t.ctl.acknowledge(V)).resolves.toBe(false);
    expect(t.api.acknowledgeNotice).toHaveBeenCalledTimes(1);
  });

  it('shows why it failed next to the notice', async () => {
    const t = await loaded(fakeNotices(), { acknowledgeNotice: vi.fn(() => Promise.reject(unreachable)) });
    await expect(t.ctl.acknowledge(V)).resolves.toBe(false);
    expect(t.state().actions.errors[ackKey(V)]).toEqual(unreachable);
    expect(notice(t.state())?.acknowledged_at).toBeUndefined();
  });
});

describe('stopping partner sharing from a notice', () => {
  const key = optOutKey(V, 'stop_partner_sharing', OWNED.account_id);

  async function withSharing(sharing = fakeSharing()) {
    const t = await loaded(fakeNotices(), sharing.api);
    return { ...t, sharing };
  }

  it('asks first, naming what every partner’s absence curtails, and saves only on confirm', async () => {
    const t = await withSharing(fakeSharing({ optedOut: ['tally-insights'] }));
    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED)).resolves.toBe(true);
    expect(t.api.loadSharing).toHaveBeenCalledWith(OWNED.account_id);
    const c = t.state().confirming!;
    expect(c.title).toBe('Stop sharing Ada Lovelace’s personal information with every service partner?');
    expect(c.lines).toEqual(PARTNERS.map((p) => ({ id: p.id, name: p.name, text: p.curtails })));
    expect(t.api.saveSharing).not.toHaveBeenCalled();

    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.saveSharing).toHaveBeenCalledWith(
      OWNED.account_id,
      { share_none: true, opted_out: ['tally-insights'] },
      1n,
    );
    expect(t.sharing.stored()).toMatchObject({ shareNone: true, optedOut: ['tally-insights'] });
    expect(t.state().confirming).toBeUndefined();
    expect(t.state().done[key]).toBe(sharingDone('Ada Lovelace'));
  });

  it('does nothing until confirmed, and nothing when cancelled', async () => {
    const t = await withSharing();
    await t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    t.ctl.cancelOptOut();
    expect(t.state().confirming).toBeUndefined();
    await expect(t.ctl.confirmOptOut()).resolves.toBe(false);
    expect(t.api.saveSharing).not.toHaveBeenCalled();
  });

  it('reads the choice again after a conflict and tries once more', async () => {
    const t = await withSharing();
    await t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    t.sharing.elsewhere({ share_none: false, opted_out: ['postbox-mailing'] });
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.saveSharing).toHaveBeenCalledTimes(2);
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(
      OWNED.account_id,
      { share_none: true, opted_out: ['postbox-mailing'] },
      2n,
    );
    expect(t.sharing.stored()).toMatchObject({ shareNone: true, optedOut: ['postbox-mailing'] });
  });

  it('gives up after a second conflict, saying what to do', async () => {
    const sharing = fakeSharing();
    const save = vi.fn<Api['saveSharing']>(() => Promise.reject({ code: 'conflict', message: 'Changed elsewhere.' }));
    const t = await loaded(fakeNotices(), { ...sharing.api, saveSharing: save });
    await t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    await expect(t.ctl.confirmOptOut()).resolves.toBe(false);
    expect(save).toHaveBeenCalledTimes(2);
    expect(t.state().actions.errors[key]).toEqual(KEPT_CHANGING);
    expect(t.state().done[key]).toBeUndefined();
  });

  it('says so when the account already shares nothing, without asking', async () => {
    const t = await withSharing(fakeSharing({ shareNone: true }));
    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED)).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
    expect(t.state().done[key]).toBe(sharingAlready('Ada Lovelace'));
  });

  it('is not offered to a member who is not an owner, nor without an account', async () => {
    const t = await withSharing();
    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', BILLING_MANAGED)).resolves.toBe(false);
    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', undefined)).resolves.toBe(false);
    expect(t.api.loadSharing).not.toHaveBeenCalled();
  });

  it('shows a choice that could not be read next to the notice', async () => {
    const t = await loaded(fakeNotices(), { loadSharing: vi.fn(() => Promise.reject(unreachable)) });
    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED)).resolves.toBe(false);
    expect(t.state().actions.errors[key]).toEqual(unreachable);
    expect(t.state().preparing).toBeUndefined();
  });

  it('is not offered by a notice that does not offer it', async () => {
    const t = await withSharing();
    await expect(t.ctl.askOptOut(BILLING_POLICY.version, 'stop_partner_sharing', OWNED)).resolves.toBe(false);
  });
});

describe('stopping partner sharing for another account', () => {
  const keyOf = (account: AccountAccess) => optOutKey(V, 'stop_partner_sharing', account.account_id);

  it('is still offered for another account once done for one', async () => {
    const [first, second] = [fakeSharing(), fakeSharing()];
    const of = (accountId: string) => (accountId === OWNED.account_id ? first : second);
    const t = await loaded(fakeNotices(), {
      loadSharing: vi.fn((accountId) => of(accountId).api.loadSharing(accountId)),
      saveSharing: vi.fn((accountId, change, seen) => of(accountId).api.saveSharing(accountId, change, seen)),
    });
    await t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.state().done[keyOf(OWNED)]).toBe(sharingDone('Ada Lovelace'));
    expect(t.state().done[keyOf(ALSO_OWNED)]).toBeUndefined();

    await expect(t.ctl.askOptOut(V, 'stop_partner_sharing', ALSO_OWNED)).resolves.toBe(true);
    expect(t.api.loadSharing).toHaveBeenLastCalledWith(ALSO_OWNED.account_id);
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(second.stored()).toMatchObject({ shareNone: true });
    expect(t.state().done[keyOf(ALSO_OWNED)]).toBe(sharingDone('Difference Engines Ltd'));
  });

  it('keeps other opt-outs the person’s, whichever account', () => {
    expect(optOutKey(V, 'unsubscribe_promotional', OWNED.account_id)).toBe(optOutKey(V, 'unsubscribe_promotional'));
    expect(keyOf(OWNED)).not.toBe(keyOf(ALSO_OWNED));
  });

  it('drops the question when another account is selected', async () => {
    const t = await loaded(fakeNotices(), fakeSharing().api);
    await t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    t.ctl.accountSelected(OWNED.account_id);
    expect(t.state().confirming?.account?.id).toBe(OWNED.account_id);
    t.ctl.accountSelected(ALSO_OWNED.account_id);
    expect(t.state().confirming).toBeUndefined();
    await expect(t.ctl.confirmOptOut()).resolves.toBe(false);
    expect(t.api.saveSharing).not.toHaveBeenCalled();
  });

  it('keeps a question that is not about an account', async () => {
    const t = await loaded(fakeNotices(), fakeComms().api);
    await t.ctl.askOptOut(V, 'unsubscribe_promotional', OWNED);
    t.ctl.accountSelected(ALSO_OWNED.account_id);
    expect(t.state().confirming?.action).toBe('unsubscribe_promotional');
  });
});

describe('a question cancelled while the choice is read', () => {
  type View = Awaited<ReturnType<Api['loadSharing']>>;

  async function reading() {
    const sharing = fakeSharing();
    const slow = deferred<View>();
    const t = await loaded(fakeNotices(), { ...sharing.api, loadSharing: vi.fn(() => slow.promise) });
    const asking = t.ctl.askOptOut(V, 'stop_partner_sharing', OWNED);
    expect(t.state().preparing).toBe(optOutKey(V, 'stop_partner_sharing', OWNED.account_id));
    return { ...t, sharing, slow, asking };
  }

  it('is not asked once the choice arrives', async () => {
    const t = await reading();
    t.ctl.cancelOptOut();
    expect(t.state().preparing).toBeUndefined();
    t.slow.resolve(t.sharing.current());
    await expect(t.asking).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
    expect(t.state().preparing).toBeUndefined();
  });

  it('shows no failure to read it', async () => {
    const t = await reading();
    t.ctl.cancelOptOut();
    t.slow.reject(unreachable);
    await expect(t.asking).resolves.toBe(false);
    expect(t.state().actions.errors).toEqual({});
  });

  it('is not asked after another account is selected', async () => {
    const t = await reading();
    t.ctl.accountSelected(ALSO_OWNED.account_id);
    expect(t.state().preparing).toBeUndefined();
    t.slow.resolve(t.sharing.current());
    await expect(t.asking).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
  });

  it('does not disturb the question asked next', async () => {
    const t = await reading();
    t.ctl.cancelOptOut();
    await t.ctl.askOptOut(V, 'unsubscribe_promotional', OWNED);
    t.slow.resolve(t.sharing.current());
    await t.asking;
    expect(t.state().confirming?.action).toBe('unsubscribe_promotional');
  });
});

describe('unsubscribing from a notice', () => {
  it('says what stops first, then unsubscribes', async () => {
    const comms = fakeComms({ cells: { 'newsletters/email': 'on' } });
    const t = await loaded(fakeNotices(), comms.api);
    await expect(t.ctl.askOptOut(V, 'unsubscribe_promotional', OWNED)).resolves.toBe(true);
    expect(t.state().confirming?.lines.map((l) => l.text)).toEqual([
      'Our newsletters, occasional e-mails and ideas for future products.',
      'Invitations to try new features early and tell us what you think.',
    ]);
    expect(t.api.unsubscribeAllPromotional).not.toHaveBeenCalled();
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.unsubscribeAllPromotional).toHaveBeenCalledOnce();
    expect(comms.current().purposes.find((p) => p.purpose === 'newsletters')?.channels[0]?.state).toBe('off');
    expect(t.state().done[optOutKey(V, 'unsubscribe_promotional')]).toBe(promotionalDone());
  });
});

describe('refusing optional cookies from a notice', () => {
  const key = optOutKey(V, 'refuse_optional_cookies');

  it('says what it curtails first, then saves both off over the version read', async () => {
    const cookies = fakeCookies({ preferences: true, analytics: true, decided: true, version: 3 });
    const t = await loaded(fakeNotices(), cookies.api);
    await t.ctl.askOptOut(V, 'refuse_optional_cookies', undefined);
    expect(t.state().confirming?.lines.map((l) => l.text)).toEqual([
      'The sites will not remember your language and player settings.',
      'Your visits are not counted in our statistics.',
    ]);
    expect(t.api.loadCookieConsent).not.toHaveBeenCalled();
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenCalledWith({ preferences: false, analytics: false }, 3n);
    expect(cookies.current()).toMatchObject({ preferences: false, analytics: false });
    expect(t.state().done[key]).toBe(cookiesDone());
  });

  it('tries once more over a choice changed elsewhere', async () => {
    const cookies = fakeCookies({ preferences: true, decided: true });
    const load = vi.fn<Api['loadCookieConsent']>(cookies.api.loadCookieConsent);
    const t = await loaded(fakeNotices(), { ...cookies.api, loadCookieConsent: load });
    await t.ctl.askOptOut(V, 'refuse_optional_cookies', undefined);
    load.mockImplementationOnce(async () => {
      const seen = await cookies.api.loadCookieConsent();
      cookies.elsewhere({ preferences: true, analytics: true });
      return seen;
    });
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenCalledTimes(2);
    expect(cookies.current()).toMatchObject({ preferences: false, analytics: false, version: 3n });
  });

  it('changes nothing when they were already refused', async () => {
    const t = await loaded(fakeNotices(), fakeCookies({ decided: true }).api);
    await t.ctl.askOptOut(V, 'refuse_optional_cookies', undefined);
    await expect(t.ctl.confirmOptOut()).resolves.toBe(true);
    expect(t.api.saveCookieConsent).not.toHaveBeenCalled();
    expect(t.state().done[key]).toBe(cookiesAlready());
  });

  it('keeps the question open after a failure, with the error next to it', async () => {
    const cookies = fakeCookies();
    const t = await loaded(fakeNotices(), { ...cookies.api, saveCookieConsent: vi.fn(() => Promise.reject(unreachable)) });
    await t.ctl.askOptOut(V, 'refuse_optional_cookies', undefined);
    await expect(t.ctl.confirmOptOut()).resolves.toBe(false);
    expect(t.state().actions.errors[key]).toEqual(unreachable);
    expect(t.state().confirming?.action).toBe('refuse_optional_cookies');
  });
});

describe('one change at a time', () => {
  it('does not ask another question while an opt-out saves', async () => {
    const pending = deferred<Awaited<ReturnType<Api['unsubscribeAllPromotional']>>>();
    const t = await loaded(fakeNotices(), { unsubscribeAllPromotional: vi.fn(() => pending.promise) });
    await t.ctl.askOptOut(V, 'unsubscribe_promotional', OWNED);
    const saving = t.ctl.confirmOptOut();
    await expect(t.ctl.askOptOut(V, 'refuse_optional_cookies', OWNED)).resolves.toBe(false);
    await expect(t.ctl.acknowledge(V)).resolves.toBe(false);
    pending.resolve(fakeComms().current());
    await expect(saving).resolves.toBe(true);
    expect(t.api.acknowledgeNotice).not.toHaveBeenCalled();
  });
});
