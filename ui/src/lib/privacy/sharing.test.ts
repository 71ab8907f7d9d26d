import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { customerSession } from '../testing/fixtures';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import {
  ACCOUNT_ID,
  fakeSharing,
  ledgerEntry,
  NOT_HTTPS,
  PARTNERS,
  sharedWith,
  sharingView,
  type FakeSharing,
} from '../testing/sharing';
import {
  conflictMessage,
  createSharingController,
  EMPTY_SHARING,
  linkKey,
  partnerKey,
  partnerState,
  SHARE_NONE_KEY,
  type SharingState,
} from './sharing';

const OTHER_ACCOUNT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function setup(fake: FakeSharing = fakeSharing(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: SharingState = EMPTY_SHARING;
  const ctl = createSharingController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeSharing = fakeSharing(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load(ACCOUNT_ID);
  return t;
}

describe('loading', () => {
  it('loads the choice and the ledger of the account', async () => {
    const fake = fakeSharing({ optedOut: ['tally-insights'], version: 3, ledger: [ledgerEntry(2), ledgerEntry(1)] });
    const t = await loaded(fake);
    expect(t.api.loadSharing).toHaveBeenCalledWith(ACCOUNT_ID);
    expect(t.api.sharingLedger).toHaveBeenCalledWith(ACCOUNT_ID);
    expect(t.state()).toMatchObject({ accountId: ACCOUNT_ID, status: 'ready', conflict: false });
    expect(t.state().sharing).toEqual(fake.current());
    expect(t.state().ledger).toEqual({ status: 'ready', items: fake.ledger(), refreshing: false });
  });

  it('shows a choice that failed to load, with the ledger still read', async () => {
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await loaded(fakeSharing({ ledger: [ledgerEntry(1)] }), {
      loadSharing: vi.fn(() => Promise.reject(error)),
    });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: error });
    expect(t.state().ledger.items).toHaveLength(1);
  });

  it('shows a ledger that failed to load, and reads it again on "Try again"', async () => {
    const error: CommandError = { code: 'other', message: 'Boom' };
    const fake = fakeSharing({ ledger: [ledgerEntry(1)] });
    const ledger = vi.fn<Api['sharingLedger']>(() => Promise.reject(error));
    const t = await loaded(fake, { sharingLedger: ledger });
    expect(t.state().status).toBe('ready');
    expect(t.state().ledger).toEqual({ status: 'failed', items: [], refreshing: false, error });
    ledger.mockResolvedValueOnce(fake.ledger());
    await t.ctl.reloadLedger();
    expect(t.state().ledger).toEqual({ status: 'ready', items: fake.ledger(), refreshing: false });
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeSharing(), { loadSharing: vi.fn(() => Promise.reject(expired)) });
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });

  it('drops the answers for an account no longer selected', async () => {
    const first = deferred<Awaited<ReturnType<Api['loadSharing']>>>();
    const fake = fakeSharing();
    const load = vi.fn<Api['loadSharing']>((id) => (id === ACCOUNT_ID ? first.promise : fake.api.loadSharing(id)));
    const t = setup(fake, { loadSharing: load });
    const stale = t.ctl.load(ACCOUNT_ID);
    await t.ctl.load(OTHER_ACCOUNT);
    first.resolve(sharingView({ shareNone: true }, 9));
    await stale;
    expect(t.state().accountId).toBe(OTHER_ACCOUNT);
    expect(t.state().sharing?.share_none).toBe(false);
    expect(t.state().sharing?.version).toBe(1n);
  });

  it('loads the same account again on "Try again"', async () => {
    const t = await loaded();
    await t.ctl.retry();
    expect(t.api.loadSharing).toHaveBeenCalledTimes(2);
    expect(t.api.loadSharing).toHaveBeenLastCalledWith(ACCOUNT_ID);
  });
});

describe('"Do not share my personal information"', () => {
  it('asks first, listing what every partner’s absence curtails, and saves only on confirm', async () => {
    const fake = fakeSharing({ optedOut: ['postbox-mailing'], version: 2 });
    const t = await loaded(fake);
    await expect(t.ctl.setShareNone(true)).resolves.toBe(false);
    expect(t.api.saveSharing).not.toHaveBeenCalled();
    const confirming = t.state().confirming;
    expect(confirming?.kind).toBe('share_none');
    if (confirming?.kind !== 'share_none') throw new Error('not asking');
    expect(confirming.partners.map((p) => p.curtails)).toEqual(PARTNERS.map((p) => p.curtails));

    await expect(t.ctl.confirm()).resolves.toBe(true);
    // The whole choice: the switch, and the partners already off, at the version seen.
    expect(t.api.saveSharing).toHaveBeenCalledWith(ACCOUNT_ID, { share_none: true, opted_out: ['postbox-mailing'] }, 2n);
    expect(t.state().confirming).toBeUndefined();
    expect(t.state().sharing?.share_none).toBe(true);
    expect(t.state().sharing?.partners.every((p) => !p.shared)).toBe(true);
    expect(t.state().sharing?.version).toBe(3n);
    expect(t.state().actions.done).toEqual({
      key: SHARE_NONE_KEY,
      message: 'Sharing is off: nothing more of your personal information goes to service partners.',
    });
    expect(fake.stored()).toEqual({ shareNone: true, optedOut: ['postbox-mailing'], version: 3 });
  });

  it('changes nothing on "Keep sharing"', async () => {
    const t = await loaded();
    await t.ctl.setShareNone(true);
    t.ctl.cancel();
    expect(t.state().confirming).toBeUndefined();
    await expect(t.ctl.confirm()).resolves.toBe(false);
    expect(t.api.saveSharing).not.toHaveBeenCalled();
  });

  it('turns off at once, restoring the partners the user had turned off one by one', async () => {
    const fake = fakeSharing({ optedOut: ['tally-insights'] });
    const t = await loaded(fake);
    await t.ctl.setShareNone(true);
    await t.ctl.confirm();
    await expect(t.ctl.setShareNone(false)).resolves.toBe(true);
    expect(t.state().confirming).toBeUndefined();
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(ACCOUNT_ID, { share_none: false, opted_out: ['tally-insights'] }, 2n);
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(false);
    expect(sharedWith(t.state().sharing, 'postbox-mailing')).toBe(true);
    expect(t.state().actions.done?.message).toBe(
      'Sharing with service partners is on again. Tally Insights stays off, as you chose.',
    );
  });

  it('restores the partners the server kept off, also when the page was opened with the switch on', async () => {
    const fake = fakeSharing({ shareNone: true, optedOut: ['tally-insights', 'network-liaison'], version: 5 });
    const t = await loaded(fake);
    await expect(t.ctl.setShareNone(false)).resolves.toBe(true);
    expect(t.api.saveSharing).toHaveBeenCalledWith(
      ACCOUNT_ID,
      { share_none: false, opted_out: ['network-liaison', 'tally-insights'] },
      5n,
    );
    expect(t.state().sharing?.partners.filter((p) => p.shared).map((p) => p.id)).toEqual([
      'northbeam-cdn',
      'ledgerline-payments',
      'postbox-mailing',
    ]);
    expect(t.state().actions.done?.message).toBe(
      'Sharing with service partners is on again. Tally Insights and ISPs and network administrators stay off, as you chose.',
    );
    expect(fake.stored()).toEqual({ shareNone: false, optedOut: ['network-liaison', 'tally-insights'], version: 6 });
  });

  it('says plainly when every partner is shared again', async () => {
    const t = await loaded();
    await t.ctl.setShareNone(true);
    await t.ctl.confirm();
    await t.ctl.setShareNone(false);
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(ACCOUNT_ID, { share_none: false, opted_out: [] }, 2n);
    expect(t.state().actions.done?.message).toBe('Sharing with service partners is on again.');
  });

  it('does nothing when the switch is already where the click would put it', async () => {
    const t = await loaded();
    await expect(t.ctl.setShareNone(false)).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
    expect(t.api.saveSharing).not.toHaveBeenCalled();
  });
});

describe('one partner at a time', () => {
  it('asks before turning an optional partner off, then saves it with the others already off', async () => {
    const fake = fakeSharing({ optedOut: ['postbox-mailing'], version: 7 });
    const t = await loaded(fake);
    await expect(t.ctl.setPartner('tally-insights', false)).resolves.toBe(false);
    expect(t.api.saveSharing).not.toHaveBeenCalled();
    expect(t.state().confirming).toEqual({
      kind: 'partner',
      partnerId: 'tally-insights',
      name: 'Tally Insights',
      curtails: 'Usage reports show downloads only, without audience breakdowns.',
    });
    await expect(t.ctl.confirm()).resolves.toBe(true);
    expect(t.api.saveSharing).toHaveBeenCalledWith(
      ACCOUNT_ID,
      { share_none: false, opted_out: ['postbox-mailing', 'tally-insights'] },
      7n,
    );
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(false);
    expect(sharedWith(t.state().sharing, 'postbox-mailing')).toBe(false);
    expect(sharedWith(t.state().sharing, 'network-liaison')).toBe(true);
    expect(t.state().actions.done).toEqual({
      key: partnerKey('tally-insights'),
      message: 'Sharing with Tally Insights is off: nothing more is sent to them.',
    });
  });

  it('turns a partner back on at once, removing only that one from the list', async () => {
    const fake = fakeSharing({ optedOut: ['postbox-mailing', 'tally-insights'] });
    const t = await loaded(fake);
    await expect(t.ctl.setPartner('tally-insights', true)).resolves.toBe(true);
    expect(t.state().confirming).toBeUndefined();
    expect(t.api.saveSharing).toHaveBeenCalledWith(ACCOUNT_ID, { share_none: false, opted_out: ['postbox-mailing'] }, 1n);
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
    expect(t.state().actions.done?.message).toBe('Sharing with Tally Insights is on.');
  });

  it('"Keep sharing" leaves the partner on', async () => {
    const t = await loaded();
    await t.ctl.setPartner('network-liaison', false);
    t.ctl.cancel();
    expect(t.state().confirming).toBeUndefined();
    expect(t.api.saveSharing).not.toHaveBeenCalled();
  });

  it('offers no choice for a required partner, an unknown one, or under the switch', async () => {
    const t = await loaded();
    await expect(t.ctl.setPartner('northbeam-cdn', false)).resolves.toBe(false);
    await expect(t.ctl.setPartner('nobody', false)).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
    const none = await loaded(fakeSharing({ shareNone: true }));
    await expect(none.ctl.setPartner('tally-insights', true)).resolves.toBe(false);
    await expect(none.ctl.setPartner('tally-insights', false)).resolves.toBe(false);
    expect(none.state().confirming).toBeUndefined();
    expect(t.api.saveSharing).not.toHaveBeenCalled();
    expect(none.api.saveSharing).not.toHaveBeenCalled();
  });

  it('keeps the partners turned off one by one through the switch, on and off', async () => {
    const fake = fakeSharing();
    const t = await loaded(fake);
    await t.ctl.setPartner('network-liaison', false);
    await t.ctl.confirm();
    await t.ctl.setShareNone(true);
    await t.ctl.confirm();
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(ACCOUNT_ID, { share_none: true, opted_out: ['network-liaison'] }, 2n);
    expect(t.state().sharing?.opted_out).toEqual(['network-liaison']);
    expect(partnerState(t.state().sharing!, t.state().sharing!.partners[3]!)).toBe('share_none_opted_out');
    await t.ctl.setShareNone(false);
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(ACCOUNT_ID, { share_none: false, opted_out: ['network-liaison'] }, 3n);
    expect(sharedWith(t.state().sharing, 'network-liaison')).toBe(false);
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
  });

  it('does not send back a partner the service no longer lists as optional', async () => {
    const fake = fakeSharing({ optedOut: ['tally-insights'] });
    const t = await loaded(fake, {
      loadSharing: vi.fn(() => Promise.resolve({ ...fake.current(), opted_out: ['retired-partner', 'tally-insights'] })),
    });
    await t.ctl.setShareNone(true);
    await expect(t.ctl.confirm()).resolves.toBe(true);
    expect(t.api.saveSharing).toHaveBeenCalledWith(ACCOUNT_ID, { share_none: true, opted_out: ['tally-insights'] }, 1n);
  });
});

describe('the ledger', () => {
  it('is read again after each save, and an opted-out partner gets nothing more', async () => {
    const fake = fakeSharing();
    fake.exportTo('tally-insights', 'Quarterly audience statistics');
    const t = await loaded(fake);
    expect(t.state().ledger.items).toHaveLength(1);
    await t.ctl.setPartner('tally-insights', false);
    await t.ctl.confirm();
    expect(t.api.sharingLedger).toHaveBeenCalledTimes(2);
    // The server's export gate now refuses; the ledger shows only what went before.
    expect(fake.exportTo('tally-insights', 'Quarterly audience statistics')).toBe(false);
    expect(fake.exportTo('northbeam-cdn', 'Monthly delivery logs for media served')).toBe(true);
    await t.ctl.setPartner('tally-insights', true);
    expect(t.api.sharingLedger).toHaveBeenCalledTimes(3);
    expect(t.state().ledger.items.map((e) => e.partner_id)).toEqual(['northbeam-cdn', 'tally-insights']);
  });

  it('keeps the list on screen while it is read again', async () => {
    const fake = fakeSharing({ ledger: [ledgerEntry(1)] });
    const pending = deferred<Awaited<ReturnType<Api['sharingLedger']>>>();
    const ledger = vi.fn<Api['sharingLedger']>(() => fake.api.sharingLedger(ACCOUNT_ID));
    const t = await loaded(fake, { sharingLedger: ledger });
    ledger.mockReturnValueOnce(pending.promise);
    const reading = t.ctl.reloadLedger();
    expect(t.state().ledger).toMatchObject({ status: 'ready', items: [ledgerEntry(1)], refreshing: true });
    pending.resolve([ledgerEntry(2), ledgerEntry(1)]);
    await reading;
    expect(t.state().ledger).toMatchObject({ status: 'ready', refreshing: false });
    expect(t.state().ledger.items).toHaveLength(2);
  });
});

describe('a choice changed elsewhere', () => {
  it('is not overwritten: the current choice is shown with the message, and the ledger read again', async () => {
    const fake = fakeSharing({ version: 2 });
    const t = await loaded(fake);
    fake.elsewhere({ share_none: false, opted_out: ['postbox-mailing'] });
    await t.ctl.setPartner('tally-insights', false);
    await expect(t.ctl.confirm()).resolves.toBe(false);
    expect(t.api.saveSharing).toHaveBeenCalledWith(ACCOUNT_ID, { share_none: false, opted_out: ['tally-insights'] }, 2n);
    expect(t.state().conflict).toBe(true);
    expect(t.state().sharing).toEqual(fake.current());
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
    expect(sharedWith(t.state().sharing, 'postbox-mailing')).toBe(false);
    expect(t.state().actions.done).toBeUndefined();
    expect(t.state().actions.errors).toEqual({});
    expect(t.api.sharingLedger).toHaveBeenCalledTimes(2);
    expect(fake.stored().optedOut).toEqual(['postbox-mailing']);
    expect(conflictMessage()).toBe(
      'The sharing choice was changed elsewhere. We loaded the current choice; make your change again.',
    );

    // Made again on the current choice, it keeps the change made elsewhere.
    await t.ctl.setPartner('tally-insights', false);
    await expect(t.ctl.confirm()).resolves.toBe(true);
    expect(t.state().conflict).toBe(false);
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(
      ACCOUNT_ID,
      { share_none: false, opted_out: ['postbox-mailing', 'tally-insights'] },
      3n,
    );
  });

  it('builds the next save from the choice made elsewhere, partners turned off there included', async () => {
    const fake = fakeSharing({ optedOut: ['tally-insights'] });
    const t = await loaded(fake);
    fake.elsewhere({ share_none: true, opted_out: ['postbox-mailing'] });
    await t.ctl.setShareNone(true);
    await t.ctl.confirm();
    expect(t.state().conflict).toBe(true);
    expect(t.state().sharing?.share_none).toBe(true);
    expect(t.state().sharing?.opted_out).toEqual(['postbox-mailing']);
    await t.ctl.setShareNone(false);
    expect(t.api.saveSharing).toHaveBeenLastCalledWith(ACCOUNT_ID, { share_none: false, opted_out: ['postbox-mailing'] }, 2n);
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
    expect(sharedWith(t.state().sharing, 'postbox-mailing')).toBe(false);
  });

  it('reads the current choice when the save is refused as a conflict error', async () => {
    const fake = fakeSharing();
    const t = await loaded(fake, {
      saveSharing: vi.fn(() => Promise.reject({ code: 'conflict', message: 'Someone else changed this.' })),
    });
    fake.elsewhere({ share_none: true, opted_out: [] });
    await expect(t.ctl.setPartner('tally-insights', true)).resolves.toBe(false);
    await t.ctl.setShareNone(true);
    await t.ctl.confirm();
    expect(t.state().conflict).toBe(true);
    expect(t.state().sharing?.share_none).toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('clears the message on the next change, or when dismissed', async () => {
    const fake = fakeSharing();
    const t = await loaded(fake);
    fake.elsewhere({ share_none: false, opted_out: ['postbox-mailing'] });
    await t.ctl.setPartner('network-liaison', false);
    await t.ctl.confirm();
    expect(t.state().conflict).toBe(true);
    t.ctl.dismissConflict();
    expect(t.state().conflict).toBe(false);
    fake.elsewhere({ share_none: false, opted_out: [] });
    await t.ctl.setPartner('postbox-mailing', true);
    expect(t.state().conflict).toBe(true);
    await expect(t.ctl.setPartner('postbox-mailing', false)).resolves.toBe(false);
    await t.ctl.confirm();
    expect(t.state().conflict).toBe(false);
    expect(t.state().actions.done?.message).toBe('Sharing with Postbox Mailing is off: nothing more is sent to them.');
  });
});

describe('refusals', () => {
  it('shows the forbidden error to a billing manager or viewer, and changes nothing', async () => {
    const fake = fakeSharing({ writable: false, ledger: [ledgerEntry(1)] });
    const t = await loaded(fake);
    await t.ctl.setShareNone(true);
    await expect(t.ctl.confirm()).resolves.toBe(false);
    expect(t.state().actions.errors[SHARE_NONE_KEY]).toEqual({
      code: 'forbidden',
      message: 'Forbidden',
      advice: 'Your account is not allowed to do this. Ask an account owner or an administrator.',
    });
    expect(t.state().actions.done).toBeUndefined();
    expect(t.state().sharing).toEqual(fake.current());
    expect(t.state().sharing?.share_none).toBe(false);
    expect(t.api.sharingLedger).toHaveBeenCalledTimes(1);
  });

  it('explains a refused partner in the server’s words, and reads the choice again', async () => {
    const fake = fakeSharing();
    const t = await loaded(fake, {
      saveSharing: vi.fn(() =>
        Promise.reject({
          code: 'invalid_input',
          message: 'Some of the changes cannot be made.',
          fields: [{ field: 'opted_out[0]', rule: 'unknown_partner', message: 'There is no partner with this id.' }],
        }),
      ),
    });
    await t.ctl.setPartner('tally-insights', false);
    await t.ctl.confirm();
    expect(t.state().actions.errors[partnerKey('tally-insights')]).toMatchObject({
      code: 'invalid_input',
      message: 'There is no partner with this id.',
    });
    expect(t.api.loadSharing).toHaveBeenCalledTimes(2);
  });

  it('clears an earlier failure when the next change starts', async () => {
    const fake = fakeSharing();
    const save = vi.fn<Api['saveSharing']>(() => Promise.reject({ code: 'other', message: 'Boom' }));
    const t = await loaded(fake, { saveSharing: save });
    await t.ctl.setPartner('tally-insights', false);
    await t.ctl.confirm();
    expect(t.state().actions.errors[partnerKey('tally-insights')]?.message).toBe('Boom');
    save.mockImplementationOnce(fake.api.saveSharing);
    await t.ctl.setPartner('tally-insights', false);
    await expect(t.ctl.confirm()).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('asks for a fresh sign-in when the server wants one, then saves', async () => {
    const fake = fakeSharing();
    const save = vi.fn<Api['saveSharing']>(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' }));
    const t = await loaded(fake, { saveSharing: save, reauthenticate: vi.fn(() => Promise.resolve(customerSession)) });
    await t.ctl.setShareNone(true);
    const saving = t.ctl.confirm();
    await vi.waitFor(() => expect(t.state().actions.stepUp).toEqual({ key: SHARE_NONE_KEY, busy: false }));
    save.mockImplementationOnce(fake.api.saveSharing);
    await t.ctl.runner.confirmStepUp();
    await expect(saving).resolves.toBe(true);
    expect(t.deps.sessionRenewed).toHaveBeenCalledWith(customerSession);
    expect(t.state().sharing?.share_none).toBe(true);
  });
});

describe('one change at a time', () => {
  it('does not save twice while a save runs, and the next one carries the new version', async () => {
    const fake = fakeSharing();
    const pending = deferred<Awaited<ReturnType<Api['saveSharing']>>>();
    const save = vi.fn<Api['saveSharing']>(() => pending.promise);
    const t = await loaded(fake, { saveSharing: save });
    await t.ctl.setPartner('postbox-mailing', false);
    const first = t.ctl.confirm();
    expect(t.state().actions.busy).toBe(partnerKey('postbox-mailing'));
    await expect(t.ctl.confirm()).resolves.toBe(false);
    await expect(t.ctl.setPartner('tally-insights', false)).resolves.toBe(false);
    await expect(t.ctl.setShareNone(true)).resolves.toBe(false);
    expect(t.state().confirming).toBeUndefined();
    expect(save).toHaveBeenCalledTimes(1);
    pending.resolve({ outcome: 'saved', sharing: sharingView({ optedOut: ['postbox-mailing'] }, 2) });
    await expect(first).resolves.toBe(true);
    expect(t.state().actions.busy).toBeUndefined();
    save.mockResolvedValueOnce({ outcome: 'saved', sharing: sharingView({ optedOut: ['network-liaison', 'postbox-mailing'] }, 3) });
    await t.ctl.setPartner('network-liaison', false);
    await t.ctl.confirm();
    expect(save).toHaveBeenLastCalledWith(
      ACCOUNT_ID,
      { share_none: false, opted_out: ['network-liaison', 'postbox-mailing'] },
      2n,
    );
  });

  it('ignores a save that ends after another account was selected', async () => {
    const fake = fakeSharing();
    const pending = deferred<Awaited<ReturnType<Api['saveSharing']>>>();
    const t = await loaded(fake, { saveSharing: vi.fn(() => pending.promise) });
    await t.ctl.setPartner('tally-insights', false);
    const saving = t.ctl.confirm();
    await t.ctl.load(OTHER_ACCOUNT);
    pending.resolve({ outcome: 'saved', sharing: sharingView({ optedOut: ['tally-insights'] }, 2) });
    await expect(saving).resolves.toBe(false);
    expect(t.state().accountId).toBe(OTHER_ACCOUNT);
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
    expect(t.state().actions.done).toBeUndefined();
  });
});

describe('privacy statements', () => {
  it('open in the browser, without waiting for a save or blocking one', async () => {
    const fake = fakeSharing();
    const pending = deferred<Awaited<ReturnType<Api['saveSharing']>>>();
    const t = await loaded(fake, { saveSharing: vi.fn(() => pending.promise) });
    await t.ctl.setPartner('tally-insights', false);
    const saving = t.ctl.confirm();
    await expect(t.ctl.openLink('tally-insights', 'https://tally.example/privacy')).resolves.toBe(true);
    expect(fake.opened()).toEqual(['https://tally.example/privacy']);
    expect(t.state().actions.busy).toBe(partnerKey('tally-insights'));
    pending.resolve({ outcome: 'saved', sharing: sharingView({ optedOut: ['tally-insights'] }, 2) });
    await expect(saving).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('show why the browser did not open on the status line, until the next try', async () => {
    const fake = fakeSharing();
    const browserless = {
      code: 'other',
      message: 'Could not open your web browser.',
      advice: 'Set a default web browser in your system settings, then try again.',
    };
    const open = vi.fn<Api['openExternalLink']>(() => Promise.reject(browserless));
    const t = await loaded(fake, { openExternalLink: open });
    await expect(t.ctl.openLink('postbox-mailing', 'https://postbox.example/privacy')).resolves.toBe(false);
    expect(open).toHaveBeenCalledWith('https://postbox.example/privacy');
    expect(t.state().actions.errors[linkKey('postbox-mailing')]).toEqual(browserless);
    open.mockImplementationOnce(fake.api.openExternalLink);
    await expect(t.ctl.openLink('postbox-mailing', 'https://postbox.example/privacy')).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('show the refusal of an address that is not https', async () => {
    const t = await loaded();
    await expect(t.ctl.openLink('tally-insights', 'http://tally.example/privacy')).resolves.toBe(false);
    expect(t.state().actions.errors[linkKey('tally-insights')]).toEqual(NOT_HTTPS);
    expect(t.fake.opened()).toEqual([]);
  });

  it('hand an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeSharing(), { openExternalLink: vi.fn(() => Promise.reject(expired)) });
    await t.ctl.openLink('tally-insights', 'https://tally.example/privacy');
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });
});
